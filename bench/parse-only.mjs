#!/usr/bin/env node
// The bare-parse baseline of bench/corpus.mjs: reads every script of an app (as minivet lists them,
// node_modules skipped) and parses each once, keeping nothing. `parser`: typescript-estree, with
// the options minivet uses (src/analyzers/parse-script.ts), or oxc for comparison.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [dir = '.', parser = 'typescript-estree'] = process.argv.slice(2);
const parse =
  parser === 'oxc'
    ? ((oxc) => (path, text) => oxc.parseSync(path, text, { range: true }))(require('oxc-parser'))
    : ((estree) => (path, text) => {
        try {
          estree.parse(text, { loc: false, range: true, comment: false, tokens: false, jsx: false, filePath: path.endsWith('.ts') ? 'file.ts' : 'file.js' });
        } catch {
          // A syntax error costs what it costs; minivet reports it and goes on.
        }
      })(require('@typescript-eslint/typescript-estree'));

const pending = [dir];
while (pending.length > 0) {
  const folder = pending.pop();
  for (const name of readdirSync(folder).sort()) {
    if (name === 'node_modules' || name.startsWith('.git')) continue;
    const path = join(folder, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) pending.push(path);
    else if (stats?.isFile() && stats.size <= 40 * 1024 * 1024 && /\.(?:js|ts)$/.test(name) && !name.endsWith('.d.ts')) parse(path, readFileSync(path, 'utf8'));
  }
}
