import type * as Estree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/types';
import type { FileNotification } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { typescriptEstree } from '../util/typescript-modules.js';
import { parseJavaScript } from './parse-javascript.js';
import { renameTemplateScriptNames } from './template-script-names.js';

export type ParsedScript =
  | { ok: true; ast: TSESTree.Program }
  | { ok: false; notification: FileNotification; /** Where the syntax error is, for callers that shift positions. */ offset?: number };

const TYPESCRIPT = /\.(?:ts|mts|cts)$/;

/**
 * Parses one script, once, into a typescript-estree tree. `path` decides the dialect (TypeScript
 * for .ts, JavaScript otherwise). JavaScript goes to meriyah, which builds the same tree several
 * times faster; TypeScript, and every script meriyah rejects, goes to typescript-estree, so syntax
 * errors read the same whichever parser ran first. A syntax error, or a file too deeply nested for
 * the parser, becomes a notification: the caller goes on with the other files.
 */
export function parseScript(path: string, text: string, options: { comments?: boolean; templateScript?: boolean } = {}): ParsedScript {
  if (TYPESCRIPT.test(path)) return parseWithTypescriptEstree(path, text, options);
  const comments = options.comments ?? false;
  const ast = parseJavaScript(text, comments);
  if (ast) return { ok: true, ast };
  // A template script is read with the names its interpreter allows and JavaScript reserves renamed
  // (template-script-names.ts), so an error reported is one the platform would report too.
  const renamed = options.templateScript ? renameTemplateScriptNames(text) : undefined;
  if (renamed === undefined) return parseWithTypescriptEstree(path, text, options);
  const renamedAst = parseJavaScript(renamed, comments);
  return renamedAst ? { ok: true, ast: renamedAst } : parseWithTypescriptEstree(path, renamed, options);
}

function parseWithTypescriptEstree(path: string, text: string, options: { comments?: boolean }): ParsedScript {
  let estree: typeof Estree | undefined;
  try {
    estree = typescriptEstree();
    const ast = estree.parse(text, {
      loc: false,
      range: true,
      comment: options.comments ?? false,
      tokens: false,
      jsx: false,
      // The file name only picks the dialect; nothing is read from disk.
      filePath: TYPESCRIPT.test(path) ? 'file.ts' : 'file.js',
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, ast };
  } catch (error) {
    if (estree && error instanceof estree.TSError) return { ok: false, notification: syntaxErrorNotification(path, text, error), offset: error.location.start.offset };
    return { ok: false, notification: failureNotification(path, error) };
  }
}

function syntaxErrorNotification(path: string, text: string, error: Estree.TSError): FileNotification {
  return {
    kind: 'syntax-error',
    file: path,
    level: 'error',
    message: `syntax error: ${error.message.split('\n')[0]!.replace(/\.$/, '')}; file not analysed`,
    // From the offset, with minivet's own line counting (TypeScript also breaks lines at U+2028/U+2029).
    position: new LineIndex(text).position(error.location.start.offset),
  };
}

function failureNotification(path: string, error: unknown): FileNotification {
  if (error instanceof RangeError) {
    return {
      kind: 'analysis-error',
      file: path,
      level: 'error',
      message: 'code nested too deeply to parse; file not analysed',
    };
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { kind: 'analysis-error', file: path, level: 'error', message: `could not parse: ${message}` };
}
