import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/types';
import { parseScript } from '../analyzers/parse-script.js';

/**
 * The parser of the plugin's project index (the saved files' usages): espree, ESLint's own parser,
 * for JavaScript (about three times faster than typescript-estree, which matters because the index
 * reads every file of the mini-app), typescript-estree for TypeScript and for anything espree
 * refuses. Both give ESTree, which the API-call collector reads the same way (the live path already
 * runs it on ESLint's tree). espree is found through ESLint, so it is never minivet's dependency.
 */

interface Espree {
  parse(text: string, options: Record<string, unknown>): unknown;
}

let espree: Espree | null | undefined;

function loadEspree(): Espree | null {
  if (espree === undefined) {
    try {
      const fromHere = createRequire(import.meta.url);
      espree = createRequire(fromHere.resolve('eslint'))('espree') as Espree;
    } catch {
      espree = null;
    }
  }
  return espree;
}

const TYPESCRIPT = /\.(?:ts|mts|cts)$/;

export const parseForIndex: typeof parseScript = (path, text, options = {}) => {
  const parser = TYPESCRIPT.test(path) ? null : loadEspree();
  if (parser) {
    try {
      const ast = parser.parse(text, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: false, comment: options.comments ?? false });
      return { ok: true, ast: ast as TSESTree.Program };
    } catch {
      // A sloppy-mode script (with, octal literals), or a syntax error: typescript-estree decides and words it.
    }
  }
  return parseScript(path, text, options);
};
