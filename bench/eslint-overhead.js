#!/usr/bin/env node
/**
 * How much slower is ESLint with minivet's plugin? ESLint's Node API lints the example apps
 * (examples/ and fixtures/) in one process, alternating:
 *   (a) baseline: ESLint's recommended core rules (the rules @eslint/js's recommended config turns
 *       on), with @typescript-eslint/parser for .ts;
 *   (b) the same plus `minivet.configs.recommended` from dist/eslint/plugin.js (scripts, templates,
 *       app.json).
 * The plugin's caches are cleared before each (b) run, so every run is a cold `eslint .` as in CI;
 * then (c) the same without clearing, as an editor's long-running ESLint sees it. One warm-up each,
 * then RUNS runs; medians and the ratios (b)/(a) and (c)/(a). The plugin's import time is printed
 * separately (paid once per process).
 *
 *   npm run build && node bench/eslint-overhead.js
 *
 * Environment: BENCH_RUNS (default 7); BENCH_LARGE=1 adds the generated large app of
 * bench/generate-app.js (.bench/large-app, about 1,600 files; generated on first use).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ESLint } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tsParser from '@typescript-eslint/parser';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUNS = positive(process.env.BENCH_RUNS, 7);
const LARGE = process.env.BENCH_LARGE === '1';

function positive(raw, fallback) {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function folders(parent) {
  return readdirSync(join(REPO, parent))
    .filter((name) => statSync(join(REPO, parent, name)).isDirectory())
    .sort()
    .map((name) => join(REPO, parent, name));
}

const targets = [...folders('examples'), ...folders('fixtures')];
if (LARGE) {
  const { BENCH_DIR, DEFAULT_PAGES, ensureApp } = await import('./generate-app.js');
  const dir = join(BENCH_DIR, 'large-app');
  ensureApp(dir, { pages: DEFAULT_PAGES });
  targets.push(dir);
}

let importMs = performance.now();
const { default: minivet } = await import('../dist/eslint/plugin.js');
importMs = performance.now() - importMs;
const { clearProjects } = await import('../dist/eslint/project-context.js');
const { clearFileCaches } = await import('../dist/eslint/fs-cache.js');

const recommendedCore = Object.fromEntries([...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([id]) => [id, 'error']));
const baseline = [
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.mts', '**/*.cts'], rules: recommendedCore },
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },
];
const withPlugin = [...baseline, ...minivet.configs.recommended];

async function lint(config) {
  const eslint = new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config, cache: false, errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(targets.map((dir) => relative(REPO, dir)));
  let messages = 0;
  for (const result of results) messages += result.messages.length;
  return { files: results.length, messages };
}

async function timed(config, before) {
  before?.();
  gc();
  const started = performance.now();
  const outcome = await lint(config);
  return { ms: performance.now() - started, ...outcome };
}

const cold = () => {
  clearProjects();
  clearFileCaches();
};

// Warm-up: loads every parser and rule module once, so the first timed run is not penalised.
await timed(baseline);
await timed(withPlugin, cold);

const without = [];
const withCold = [];
const withWarm = [];
let counts;
for (let i = 0; i < RUNS; i++) {
  const a = await timed(baseline);
  const b = await timed(withPlugin, cold);
  const c = await timed(withPlugin);
  without.push(a.ms);
  withCold.push(b.ms);
  withWarm.push(c.ms);
  counts = { baseline: a, plugin: b };
}

const a = median(without);
const b = median(withCold);
const c = median(withWarm);
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
console.log(`minivet ESLint plugin overhead: ${targets.length} projects (${targets.map((dir) => relative(REPO, dir)).join(', ')})`);
console.log(`runs: ${RUNS} (medians); plugin import: ${importMs.toFixed(0)} ms once per process`);
console.log(`  ESLint, core recommended rules          ${fmt(a)}  (${counts.baseline.files} files linted)`);
console.log(`  + minivet recommended, cold caches      ${fmt(b)}  (${counts.plugin.files} files linted, incl. templates and app.json)`);
console.log(`  + minivet recommended, warm caches      ${fmt(c)}`);
console.log(`ratio (cold, as \`eslint .\` in CI):    ${(b / a).toFixed(2)}`);
console.log(`ratio (warm, as an editor's ESLint):  ${(c / a).toFixed(2)}`);
