#!/usr/bin/env node
// npm run bench:corpus: minivet against the ESLint security stack on real mini-apps, one process
// per app and per tool, interleaved app by app so machine noise hits both alike. Beside them, a
// bare parse of the same scripts (minivet's own parseScript, and typescript-estree and oxc-parser
// for comparison) shows what parsing alone costs, and the scan with every rule off what start-up,
// reading and parsing cost together. Prints MB/s, peak memory per app and every ratio.
//
//   npm run bench:corpus -- [--corpus DIR] [--apps a,b] [--runs N]
// The corpus defaults to eval/corpus (laid out by ../shared/dev-corpus.sh; see docs/evaluation.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { walkFiles } from './walk.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: { corpus: { type: 'string', default: join(root, 'eval/corpus') }, apps: { type: 'string' }, runs: { type: 'string', default: '1' } },
});
const corpus = resolve(flags.corpus);
if (!existsSync(corpus)) {
  console.error(`bench: no corpus at ${corpus}; lay it out with ../shared/dev-corpus.sh (docs/evaluation.md)`);
  process.exit(2);
}
const PROBE = join(root, 'test/helpers/rss-probe.cjs');
const PARSE_ONLY = join(root, 'bench/parse-only.mjs');
const ESLINT = join(root, 'node_modules/eslint/bin/eslint.js');
const PEER_CONFIG = join(root, 'bench/peer-eslint.config.mjs');
const MINIVET = join(root, 'bin/minivet.js');

/** One run of a command in the app's folder: wall seconds and peak resident memory (MB). */
function measure(app, args) {
  const scratch = mkdtempSync(join(tmpdir(), 'minivet-bench-'));
  const rssFile = join(scratch, 'rss');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', PROBE, ...args], {
    cwd: join(corpus, app),
    env: { ...process.env, MINIVET_TEST_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const mb = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')).maxRssKiB / 1024 : NaN;
  rmSync(scratch, { recursive: true, force: true });
  return { seconds, mb, failed: run.status === null };
}

// The same scan with every rule off: start-up, reading, manifests and parsing, what any rule set pays before it starts.
const NO_RULES = join(mkdtempSync(join(tmpdir(), 'minivet-bench-config-')), 'no-rules.json');
const { RULES } = await import(join(root, 'dist/index.js'));
writeFileSync(NO_RULES, JSON.stringify({ rules: Object.fromEntries(RULES.map((rule) => [rule.meta.id, 'off'])) }));

const scan = (...options) => [MINIVET, 'scan', '.', ...options, '--format', 'sarif', '--output', join(tmpdir(), 'minivet-bench.sarif'), '--fail-on', 'none'];

const TOOLS = {
  minivet: () => scan(),
  'minivet, every rule off': () => scan('--config', NO_RULES),
  eslint: () => [ESLINT, '--no-config-lookup', '-c', PEER_CONFIG, '--format', 'json', '--no-warn-ignored', '.'],
  'parse (minivet)': () => [PARSE_ONLY, '.', 'minivet'],
  'parse (typescript-estree)': () => [PARSE_ONLY, '.', 'typescript-estree'],
  'parse (oxc-parser)': () => [PARSE_ONLY, '.', 'oxc'],
};

function scriptBytes(dir) {
  let bytes = 0;
  walkFiles(dir, (path, stats) => {
    if (/\.(?:js|ts)$/.test(path)) bytes += stats.size;
  });
  return bytes;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const apps = (flags.apps?.split(',') ?? readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory())).sort();
const runs = Math.max(1, Number(flags.runs) || 1);
const rows = [];
for (const app of apps) {
  const row = { app, mb: scriptBytes(join(corpus, app)) / 1e6, tools: {} };
  const samples = Object.fromEntries(Object.keys(TOOLS).map((tool) => [tool, []]));
  for (let run = 0; run < runs; run++) for (const [tool, args] of Object.entries(TOOLS)) samples[tool].push(measure(app, args()));
  for (const [tool, list] of Object.entries(samples)) row.tools[tool] = { seconds: median(list.map((s) => s.seconds)), mb: Math.max(...list.map((s) => s.mb)) };
  rows.push(row);
  const cell = (tool) => `${row.tools[tool].seconds.toFixed(1)} s ${Math.round(row.tools[tool].mb)} MB`;
  console.error(`${app}: ${row.mb.toFixed(1)} MB of scripts; ${Object.keys(TOOLS).map((tool) => `${tool} ${cell(tool)}`).join('; ')}`);
}

const total = (tool) => rows.reduce((sum, row) => sum + row.tools[tool].seconds, 0);
const worst = (tool) => rows.reduce((max, row) => (row.tools[tool].mb > max.mb ? { app: row.app, mb: row.tools[tool].mb } : max), { app: '', mb: 0 });
const megabytes = rows.reduce((sum, row) => sum + row.mb, 0);
console.log(`\n${rows.length} apps, ${megabytes.toFixed(1)} MB of scripts, ${runs} run(s) each, one process per app and tool\n`);
console.log('| tool | total time | MB/s | peak memory, worst app |');
console.log('|---|---|---|---|');
for (const tool of Object.keys(TOOLS)) {
  const peak = worst(tool);
  console.log(`| ${tool} | ${total(tool).toFixed(1)} s | ${(megabytes / total(tool)).toFixed(2)} | ${Math.round(peak.mb)} MB (${peak.app}) |`);
}
console.log(`\nESLint stack time / minivet time: ${(total('eslint') / total('minivet')).toFixed(2)}× (target ≥ 3)`);
console.log(`minivet time / its own bare parse: ${(total('minivet') / total('parse (minivet)')).toFixed(2)}×`);
// What 3× leaves the rules: the stack's time over three, less what the scan pays with every rule off.
const budget = total('eslint') / 3 - total('minivet, every rule off');
console.log(`every rule off: ${total('minivet, every rule off').toFixed(1)} s, so 3× leaves all rules and the data flow ${budget.toFixed(1)} s (they take ${(total('minivet') - total('minivet, every rule off')).toFixed(1)} s)`);
console.log(`typescript-estree parse / minivet's parse: ${(total('parse (typescript-estree)') / total('parse (minivet)')).toFixed(2)}×`);
console.log(`minivet's parse / oxc-parser parse: ${(total('parse (minivet)') / total('parse (oxc-parser)')).toFixed(2)}×`);
const over = rows.filter((row) => row.tools.minivet.mb > 500).map((row) => `${row.app} ${Math.round(row.tools.minivet.mb)} MB`);
console.log(`apps over 500 MB peak (target: none): ${over.length === 0 ? 'none' : over.join(', ')}`);
