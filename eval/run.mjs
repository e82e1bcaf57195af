#!/usr/bin/env node
// npm run eval: scans every corpus app as a user would (one process per app, the built CLI, SARIF
// output), records exit code, internal errors, wall time and peak memory, scores findings against
// the committed labels per family, writes review lists and prints one table. docs/evaluation.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readLabels } from './lib/labels.mjs';
import { CLOUD_FAMILIES, FAMILIES } from './lib/families.mjs';
import { internalErrors, sarifFindings } from './lib/sarif-findings.mjs';
import { score } from './lib/score.mjs';
import { failedRuns, runsTable, scoreTable, writeReview } from './lib/report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(root, 'eval/corpus') },
    tsv: { type: 'string' },
    labels: { type: 'string', default: join(root, 'eval/labels') },
    out: { type: 'string', default: join(root, 'eval/out') },
    apps: { type: 'string' },
    labelled: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '120' },
    families: { type: 'string' },
    'no-score': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(`usage: npm run eval -- [--corpus DIR] [--tsv FILE] [--labels DIR] [--out DIR] [--apps a,b | --labelled] [--jobs N] [--timeout S] [--no-score]
  --corpus   one folder per app (default eval/corpus, laid out by ../shared/dev-corpus.sh)
  --tsv      the app list; apps in it but missing from the corpus are reported (default ../shared/dev-corpus.tsv)
  --labelled the apps of the list that have a labels file (--labels DIR/<app>.jsonl)
  --families score only these families (the cloud-function set: --families client-supplied-identity,unchecked-database-query,session-key-exposed)
  --no-score only run the apps (smoke runs on unlabelled corpora)`);
  process.exit(0);
}

// The cloud-function families are labelled on eval/cloud/ only: elsewhere their findings have no labels to meet.
const families = flags.families ? flags.families.split(',').filter(Boolean) : FAMILIES.filter((family) => !CLOUD_FAMILIES.includes(family));
for (const family of families) {
  if (!FAMILIES.includes(family)) {
    console.error(`eval: unknown family ${family}; known: ${FAMILIES.join(', ')}`);
    process.exit(2);
  }
}
const corpus = resolve(flags.corpus);
const out = resolve(flags.out);
const bin = join(root, 'bin/minivet.js');
const probe = join(root, 'eval/lib/rss-probe.cjs');
if (!existsSync(join(root, 'dist/cli/main.js'))) {
  console.error('eval: minivet is not built; run npm run build first (npm run eval does)');
  process.exit(2);
}

function listApps() {
  const labelled = flags.labelled ? readdirSync(flags.labels).filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -'.jsonl'.length)) : undefined;
  const wanted = flags.apps?.split(',').filter(Boolean) ?? labelled;
  const laidOut = existsSync(corpus) ? readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory()).sort() : [];
  // The shared list goes with the default corpus; another corpus is listed by --tsv or by its folders.
  const tsv = flags.tsv ?? (corpus === join(root, 'eval/corpus') ? join(root, '../shared/dev-corpus.tsv') : undefined);
  const listed = tsv && existsSync(tsv) ? readFileSync(tsv, 'utf8').split('\n').slice(1).map((line) => line.split('\t')[0]).filter(Boolean) : laidOut;
  const apps = (wanted ?? listed).filter((app) => laidOut.includes(app));
  const missing = (wanted ?? listed).filter((app) => !laidOut.includes(app));
  return { apps, missing };
}

function scanApp(app) {
  const sarif = join(out, 'sarif', `${app}.sarif`);
  const rssFile = join(out, 'rss', app);
  rmSync(sarif, { force: true });
  rmSync(rssFile, { force: true });
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--require', probe, bin, 'scan', '.', '--format', 'sarif', '--output', sarif, '--fail-on', 'none'], {
      cwd: join(corpus, app),
      env: { ...process.env, MINIVET_EVAL_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, Number(flags.timeout) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
      let log;
      try {
        log = JSON.parse(readFileSync(sarif, 'utf8'));
      } catch {
        log = undefined;
      }
      done({ app, exit: timedOut ? 'timeout' : code ?? signal, seconds, rssMb, stderr: stderr.trim().split('\n')[0] ?? '', log });
    });
  });
}

async function runAll(apps) {
  const runs = [];
  let next = 0;
  const worker = async () => {
    while (next < apps.length) {
      const app = apps[next++];
      const run = await scanApp(app);
      process.stderr.write(`  ${app}: exit ${run.exit}, ${run.seconds.toFixed(1)} s, ${run.rssMb?.toFixed(0) ?? '?'} MB\n`);
      runs.push(run);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(flags.jobs)) }, worker));
  return runs.sort((a, b) => (a.app < b.app ? -1 : 1));
}

const { apps, missing } = listApps();
if (apps.length === 0) {
  console.error(`eval: no apps in ${corpus}; lay the corpus out first (docs/evaluation.md)`);
  process.exit(2);
}
mkdirSync(join(out, 'sarif'), { recursive: true });
mkdirSync(join(out, 'rss'), { recursive: true });
process.stderr.write(`eval: scanning ${apps.length} apps from ${corpus}\n`);
const runs = await runAll(apps);
for (const run of runs) run.internalErrors = run.log ? internalErrors(run.log).length : 0;
const report = [runsTable(runs, missing)];
let scores;
if (!flags['no-score']) {
  const { labels, problems } = readLabels(flags.labels, corpus);
  for (const problem of problems) process.stderr.write(`label problem: ${problem}\n`);
  const scanned = new Set(runs.map((run) => run.app));
  const findings = runs.flatMap((run) => (run.log ? sarifFindings(run.app, run.log) : []));
  scores = score(findings, labels.filter((label) => scanned.has(label.app)), families);
  report.push(scoreTable(scores, families));
  writeReview(join(out, 'review'), scores, families);
}
const summary = {
  apps: runs.map(({ log, ...run }) => run),
  ...(scores && { families: Object.fromEntries(families.map((family) => [family, { ...scores[family], falsePositives: scores[family].falsePositives.length, misses: scores[family].misses.length }])) }),
};
writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(report.join('\n\n'));
console.log(`\nSARIF per app in ${join(out, 'sarif')}; review lists in ${join(out, 'review')}; figures in ${join(out, 'summary.json')}`);
process.exit(failedRuns(runs).length > 0 ? 1 : 0);
