import type { TSESTree } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../src/analyzers/parse-script.js';
import { isBase64Encoder } from '../src/analyzers/dataflow/extract-syntax.js';

/** The callee of the one call a line of code makes, parsed by the real parser. */
function calleeOf(code: string): TSESTree.Node {
  const parsed = parseScript('a.js', code);
  if (!parsed.ok) throw new Error(parsed.notification.message);
  const statement = parsed.ast.body[0] as TSESTree.ExpressionStatement;
  return (statement.expression as TSESTree.CallExpression).callee;
}

describe('isBase64Encoder', () => {
  it('knows an encoder by the name it is called with, Babel\u2019s name for an imported base64 module included', () => {
    for (const call of ['Base64.encode(s)', 'base64Encode(s)', 'util.encodeBase64(s)', '_base2.default.encode(s)', '_base.default.encode(s)', '_base64.default.encode(s)']) {
      expect(isBase64Encoder(calleeOf(call)), call).toBe(true);
    }
  });

  it('leaves decoders and other encoders alone', () => {
    for (const call of ['Base64.decode(s)', 'encodeURIComponent(s)', 'database.encode(s)', '_base2.encode(s)', 'qs.encode(s)']) {
      expect(isBase64Encoder(calleeOf(call)), call).toBe(false);
    }
  });
});
