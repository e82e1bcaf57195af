#!/usr/bin/env node
// The bare-parse baseline of bench/corpus.mjs: reads every script of an app (as minivet lists them,
// node_modules skipped) and parses each once, keeping nothing. `parser`: minivet (its own
// parseScript from dist/: meriyah for JavaScript, typescript-estree for TypeScript), or
// typescript-estree alone with the options minivet gives it, or oxc, for comparison.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { walkFiles } from './walk.mjs';

const require = createRequire(import.meta.url);
const [dir = '.', parser = 'typescript-estree'] = process.argv.slice(2);
const parseWith = async () => {
  if (parser === 'minivet') {
    const { parseScript } = await import('../dist/analyzers/parse-script.js');
    return (path, text) => parseScript(path, text);
  }
  return parser === 'oxc'
    ? ((oxc) => (path, text) => oxc.parseSync(path, text, { range: true }))(require('oxc-parser'))
    : ((estree) => (path, text) => {
        try {
          estree.parse(text, { loc: false, range: true, comment: false, tokens: false, jsx: false, filePath: path.endsWith('.ts') ? 'file.ts' : 'file.js' });
        } catch {
          // A syntax error costs what it costs; minivet reports it and goes on.
        }
      })(require('@typescript-eslint/typescript-estree'));
};
const parse = await parseWith();

walkFiles(dir, (path, stats) => {
  if (stats.size <= 40 * 1024 * 1024 && /\.(?:js|ts)$/.test(path) && !path.endsWith('.d.ts')) parse(path, readFileSync(path, 'utf8'));
});
