#!/usr/bin/env node
// npm run bench:editor: the ESLint plugin as an editor uses it. For each corpus app, one warm ESLint
// instance (ESLint's Node API, the recommended config) lints the app's largest page script three
// times: first (the project index is built), again unchanged, and after an edit. Issue 13's targets:
// first lint ≤ 1 s, re-lint after an edit ≤ 50 ms. Beside the edit, the same re-lint with the same
// configuration and no rules shows what ESLint itself takes (parse, scopes, code paths).
//
//   npm run bench:editor -- [--corpus DIR] [--apps a,b]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { walkFiles } from './walk.mjs';
import minivet from '../dist/eslint/plugin.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { corpus: { type: 'string', default: join(root, 'eval/corpus') }, apps: { type: 'string' } } });
const corpus = resolve(flags.corpus);
if (!existsSync(corpus)) {
  console.error(`bench: no corpus at ${corpus}; lay it out with ../shared/dev-corpus.sh (docs/evaluation.md)`);
  process.exit(2);
}

/** The largest .js file under a `pages` folder of the app (node_modules skipped): a page a developer edits. */
function largestPageScript(dir) {
  let best;
  walkFiles(dir, (path, stats) => {
    if (path.endsWith('.js') && /(^|\/)pages\//.test(relative(dir, path)) && (!best || stats.size > best.size)) best = { path, size: stats.size };
  });
  return best?.path;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed(action) {
  const started = performance.now();
  const result = await action();
  return { ms: performance.now() - started, result };
}

/**
 * What ESLint itself takes to re-lint the same edit (parse, scopes, code paths) with the same
 * configuration and no rules: the part of the re-lint figure that is not minivet's.
 */
async function eslintAlone(dir, file, text) {
  const withoutRules = minivet.configs.recommended.map((config) => ({ ...config, rules: {} }));
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: withoutRules });
  await eslint.lintText(text, { filePath: file });
  await eslint.lintText(text, { filePath: file });
  // The median of three edits: one sample of a ~20 ms lint is mostly noise.
  const samples = [];
  for (let edit = 0; edit < 3; edit++) samples.push((await timed(() => eslint.lintText(`${text}\n// edited ${edit}\n`, { filePath: file }))).ms);
  return median(samples);
}

const apps = (flags.apps?.split(',') ?? readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory())).sort();
const rows = [];
for (const app of apps) {
  const dir = join(corpus, app);
  const file = largestPageScript(dir);
  if (!file) continue;
  const text = readFileSync(file, 'utf8');
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...minivet.configs.recommended] });
  const first = await timed(() => eslint.lintText(text, { filePath: file }));
  const again = await timed(() => eslint.lintText(text, { filePath: file }));
  const edited = await timed(() => eslint.lintText(`${text}\n// edited\n`, { filePath: file }));
  const messages = first.result[0]?.messages.length ?? 0;
  const floor = await eslintAlone(dir, file, text);
  rows.push({ app, file: relative(dir, file), first: first.ms, again: again.ms, edited: edited.ms, floor, messages });
  console.error(`${app}: ${relative(dir, file)} first ${Math.round(first.ms)} ms, again ${Math.round(again.ms)} ms, after an edit ${Math.round(edited.ms)} ms (ESLint alone ${Math.round(floor)} ms), ${messages} messages`);
}

const worst = (values) => Math.max(...values);
console.log(`\n${rows.length} apps, one warm ESLint instance each, recommended config\n`);
console.log('| lint | median | worst | target |');
console.log('|---|---|---|---|');
console.log(`| first (index built) | ${Math.round(median(rows.map((r) => r.first)))} ms | ${Math.round(worst(rows.map((r) => r.first)))} ms | ≤ 1000 ms |`);
console.log(`| again, unchanged | ${Math.round(median(rows.map((r) => r.again)))} ms | ${Math.round(worst(rows.map((r) => r.again)))} ms | |`);
console.log(`| after an edit | ${Math.round(median(rows.map((r) => r.edited)))} ms | ${Math.round(worst(rows.map((r) => r.edited)))} ms | ≤ 50 ms |`);
console.log(`| after an edit, ESLint alone (same config, no rules) | ${Math.round(median(rows.map((r) => r.floor)))} ms | ${Math.round(worst(rows.map((r) => r.floor)))} ms | |`);
console.log(`| after an edit, minivet's part (the two above, app by app) | ${Math.round(median(rows.map((r) => r.edited - r.floor)))} ms | ${Math.round(worst(rows.map((r) => r.edited - r.floor)))} ms | |`);
