#!/usr/bin/env node
/**
 * How much does minivet cost on top of parsing? In one process:
 *   (a) bare parse: read every .js file of the generated app and parse it with typescript-estree,
 *       with the options minivet uses (src/analyzers/parse-script.ts);
 *   (b) the full `scan()` of the same app through dist/index.js (read, manifest, parse, analyzers,
 *       rules), then SARIF (`toSarif` + `formatSarif`) when dist exports them.
 * One warm-up of each, then RUNS alternating runs; medians, MB/s, scan/parse ratio, peak RSS.
 * Then a linearity check on half-, full- and double-size apps (time per MB must stay flat).
 *
 *   npm run bench                       (builds dist/ first)
 *   node bench/scan-vs-parse.js         (uses the current dist/)
 *
 * Environment: BENCH_RUNS (default 5), BENCH_LINEAR_RUNS (default 3), BENCH_LINEARITY=0 to skip
 * the linearity check, BENCH_ONLY=scan|parse to run one side only (for profiling with --cpu-prof),
 * BENCH_SIZE=half|full|double for the app of the main measurement (default full).
 * Profile the scan side:
 *   BENCH_ONLY=scan BENCH_LINEARITY=0 node --cpu-prof --cpu-prof-dir=.bench/prof bench/scan-vs-parse.js
 *   node bench/profile-summary.js .bench/prof/*.cpuprofile
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from '@typescript-eslint/typescript-estree';
import { BENCH_DIR, DEFAULT_PAGES, ensureApp, formatStats } from './generate-app.js';

const RUNS = positive(process.env.BENCH_RUNS, 5);
const LINEAR_RUNS = positive(process.env.BENCH_LINEAR_RUNS, 3);
const LINEARITY = process.env.BENCH_LINEARITY !== '0';
const ONLY = process.env.BENCH_ONLY; // 'scan' | 'parse' | undefined
const SIZES = {
  half: { pages: DEFAULT_PAGES / 2, dir: join(BENCH_DIR, 'large-app-half') },
  full: { pages: DEFAULT_PAGES, dir: join(BENCH_DIR, 'large-app') },
  double: { pages: DEFAULT_PAGES * 2, dir: join(BENCH_DIR, 'large-app-double') },
};
const SIZE = process.env.BENCH_SIZE ?? 'full';
if (!(SIZE in SIZES)) {
  console.error(`BENCH_SIZE must be one of ${Object.keys(SIZES).join(', ')}`);
  process.exit(2);
}
const MB = 1e6; // MB/s and ms/MB are decimal megabytes
/** Files minivet reads and analyses (src/bundle/file-kinds.ts); the rest are listed, never opened. */
const ANALYSED = /\.(?:js|mjs|cjs|ts|mts|cts|wxml|wxs|json)$/;
/** Folders minivet never enters (src/bundle/file-kinds.ts SKIPPED_DIRECTORIES). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.svn', '.hg']);

function positive(raw, fallback) {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

// A forced collection before each timed run keeps one run's garbage out of the next one's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

let sampledPeakRss = 0;
function sampleRss() {
  sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Script and analysed-file lists of an app, as minivet would see them. */
function inventory(dir) {
  const scripts = [];
  let scriptBytes = 0;
  let inputBytes = 0;
  let inputFiles = 0;
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(path);
      } else if (ANALYSED.test(name)) {
        inputFiles++;
        inputBytes += st.size;
        if (name.endsWith('.js')) {
          scripts.push(path);
          scriptBytes += st.size;
        }
      }
    }
  };
  walk(dir);
  return { scripts, scriptBytes, inputBytes, inputFiles };
}

/** Exactly the options of src/analyzers/parse-script.ts. */
const PARSE_OPTIONS = {
  loc: false,
  range: true,
  comment: false,
  tokens: false,
  jsx: false,
  filePath: 'file.js',
  errorOnUnknownASTType: false,
  suppressDeprecatedPropertyWarnings: true,
};

function bareParse(scripts) {
  gc();
  let parseMs = 0;
  let errors = 0;
  let nodes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const path of scripts) {
    const text = readFileSync(path, 'utf8');
    const t = performance.now();
    try {
      const ast = parse(text, PARSE_OPTIONS);
      nodes += ast.body.length;
    } catch {
      errors++;
    }
    parseMs += performance.now() - t;
  }
  const totalMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  sampleRss();
  return { totalMs, cpuMs, parseMs, errors, nodes };
}

function fullScan(api, dir) {
  gc();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = api.scan([dir]);
  const scanMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  let sarifMs;
  let sarifBytes;
  if (api.sarif) {
    const cache = new Map();
    const lookup = (root, file) => {
      const key = join(root, file);
      if (!cache.has(key)) {
        try {
          cache.set(key, readFileSync(key, 'utf8').replace(/^\uFEFF/, ''));
        } catch {
          cache.set(key, undefined);
        }
      }
      return cache.get(key);
    };
    const t = performance.now();
    const text = api.formatSarif(api.toSarif(result, lookup));
    sarifMs = performance.now() - t;
    sarifBytes = Buffer.byteLength(text);
  }
  sampleRss();
  const project = result.projects[0];
  return {
    scanMs,
    cpuMs,
    sarifMs,
    sarifBytes,
    findings: project.findings.length,
    notifications: project.notifications.length,
    errorNotifications: project.notifications.filter((n) => n.level === 'error').length,
    stats: project.stats,
  };
}

/** Warm-up, then `runs` alternating runs of each side; medians. */
function measure(api, dir, files, runs) {
  const parseRuns = [];
  const scanRuns = [];
  const doParse = ONLY !== 'scan';
  const doScan = ONLY !== 'parse';
  if (doParse) bareParse(files.scripts);
  if (doScan) fullScan(api, dir);
  for (let i = 0; i < runs; i++) {
    if (doParse) parseRuns.push(bareParse(files.scripts));
    if (doScan) scanRuns.push(fullScan(api, dir));
  }
  const pick = (list, key) => (list.length && list[0][key] !== undefined ? median(list.map((x) => x[key])) : undefined);
  return {
    parse: doParse
      ? { totalMs: pick(parseRuns, 'totalMs'), cpuMs: pick(parseRuns, 'cpuMs'), parseMs: pick(parseRuns, 'parseMs'), minMs: Math.min(...parseRuns.map((x) => x.totalMs)), errors: parseRuns[0].errors }
      : undefined,
    scan: doScan
      ? {
          scanMs: pick(scanRuns, 'scanMs'),
          cpuMs: pick(scanRuns, 'cpuMs'),
          minMs: Math.min(...scanRuns.map((x) => x.scanMs)),
          sarifMs: pick(scanRuns, 'sarifMs'),
          scanSarifMs: api.sarif ? median(scanRuns.map((x) => x.scanMs + x.sarifMs)) : undefined,
          last: scanRuns[scanRuns.length - 1],
        }
      : undefined,
  };
}

/** User + system CPU time of the process (all threads, so GC helper threads count) since `start`. */
function cpuMsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const rssMb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const maxRss = () => process.resourceUsage().maxRSS * 1024; // bytes

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function loadApi() {
  const url = new URL('../dist/index.js', import.meta.url);
  let mod;
  try {
    mod = await import(url.href);
  } catch (error) {
    console.error(`cannot import ${relative(process.cwd(), url.pathname)}: ${error.message}\nrun "npm run build" (or "npm run bench", which builds first)`);
    process.exit(1);
  }
  const sarif = typeof mod.toSarif === 'function' && typeof mod.formatSarif === 'function';
  if (!sarif) console.log('note: dist/index.js does not export toSarif/formatSarif yet; the SARIF part is skipped.');
  return { scan: mod.scan, toSarif: mod.toSarif, formatSarif: mod.formatSarif, sarif };
}

async function main() {
  const api = await loadApi();
  const cpuList = cpus();
  console.log(`minivet bench: node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPU(s) (${cpuList[0]?.model.trim() ?? 'unknown'})`);
  console.log(`${RUNS} alternating runs of each side after 1 warm-up; medians. MB = 10^6 bytes.\n`);

  const full = ensureApp(SIZES[SIZE].dir, { pages: SIZES[SIZE].pages });
  console.log(formatStats(full));
  const files = inventory(full.dir);
  console.log(`  minivet reads ${files.inputFiles} files (${fmt(files.inputBytes / MB, 2)} MB); bare parse reads the ${files.scripts.length} .js files (${fmt(files.scriptBytes / MB, 2)} MB)\n`);

  const main = measure(api, full.dir, files, RUNS);
  const peakAfterMain = maxRss();
  const jsMb = files.scriptBytes / MB;
  const inMb = files.inputBytes / MB;
  const p = main.parse;
  const sc = main.scan;
  const rows = [];
  if (p) {
    rows.push(['bare parse (read + parse .js)', fmt(p.totalMs), fmt(p.minMs), fmt(p.cpuMs), fmt(jsMb / (p.totalMs / 1000), 2), '—', '1.00', '1.00']);
    rows.push(['  of which parse() calls', fmt(p.parseMs), '', '', fmt(jsMb / (p.parseMs / 1000), 2), '—', '', '']);
  }
  const ratio = p && sc ? sc.scanMs / p.totalMs : undefined;
  const cpuRatio = p && sc ? sc.cpuMs / p.cpuMs : undefined;
  if (sc) {
    rows.push(['scan() (whole pipeline)', fmt(sc.scanMs), fmt(sc.minMs), fmt(sc.cpuMs), fmt(jsMb / (sc.scanMs / 1000), 2), fmt(inMb / (sc.scanMs / 1000), 2), fmt(ratio, 2), fmt(cpuRatio, 2)]);
    if (api.sarif) {
      rows.push(['toSarif + formatSarif', fmt(sc.sarifMs), '', '', '', '', '', '']);
      rows.push(['scan() + SARIF', fmt(sc.scanSarifMs), '', '', fmt(jsMb / (sc.scanSarifMs / 1000), 2), fmt(inMb / (sc.scanSarifMs / 1000), 2), p ? fmt(sc.scanSarifMs / p.totalMs, 2) : '—', '']);
    }
  }
  console.log(table(['phase', 'wall ms', 'min ms', 'CPU ms', '.js MB/s', 'input MB/s', 'x parse', 'x parse CPU'], rows));
  if (p?.errors) console.log(`WARNING: ${p.errors} .js files did not parse`);
  if (sc) {
    const last = sc.last;
    console.log(`\nscan found: ${last.stats.scriptFiles} scripts, ${last.stats.templateFiles} templates, ${last.findings} findings, ${last.notifications} notifications (${last.errorNotifications} errors)${last.sarifBytes ? `; SARIF ${fmt(last.sarifBytes / 1024)} KiB` : ''}`);
  }
  console.log(`peak RSS: ${rssMb(peakAfterMain)} (process maxRSS), ${rssMb(sampledPeakRss)} (max sampled after runs)`);
  if (ratio !== undefined) {
    const high = ratio > 1.5 || cpuRatio > 1.5;
    console.log(`scan/parse ratio: ${fmt(ratio, 2)} wall, ${fmt(cpuRatio, 2)} CPU${high ? '  (> 1.5: profile with BENCH_ONLY=scan node --cpu-prof ...)' : ''}`);
  }

  if (LINEARITY) {
    console.log(`\nlinearity (${LINEAR_RUNS} runs of each after 1 warm-up; the ${SIZE} size reuses the runs above):`);
    const variants = Object.entries(SIZES).map(([label, size]) => ({ label, ...size, ...(label === SIZE ? { result: main, files } : {}) }));
    const lrows = [];
    for (const v of variants) {
      if (!v.result) {
        const made = ensureApp(v.dir, { pages: v.pages });
        if (made.generated) console.log(`  generated ${relative(process.cwd(), v.dir)}`);
        v.files = inventory(v.dir);
        v.result = measure(api, v.dir, v.files, LINEAR_RUNS);
      }
      const js = v.files.scriptBytes / MB;
      const input = v.files.inputBytes / MB;
      const vp = v.result.parse;
      const vs = v.result.scan;
      v.perMb = { parse: vp?.totalMs / js, parseCpu: vp?.cpuMs / js, scan: vs?.scanMs / js, scanCpu: vs?.cpuMs / js };
      lrows.push([v.label, v.pages, fmt(js, 2), fmt(input, 2), fmt(vp?.totalMs, 0), fmt(vs?.scanMs, 0), fmt(v.perMb.parse, 0), fmt(v.perMb.scan, 0), fmt(v.perMb.parseCpu, 0), fmt(v.perMb.scanCpu, 0), vp && vs ? fmt(vs.scanMs / vp.totalMs, 2) : '—']);
    }
    console.log(table(['size', 'pages', '.js MB', 'input MB', 'parse ms', 'scan ms', 'parse ms/MB', 'scan ms/MB', 'parse CPU/MB', 'scan CPU/MB', 'scan/parse'], lrows));
    console.log('(per MB = per MB of .js; CPU = user+system ms of all threads)');
    const half = variants[0];
    const double = variants[variants.length - 1];
    const drift = (key) => (double.perMb[key] - half.perMb[key]) / half.perMb[key];
    const pct = (x) => (Number.isNaN(x) ? '—' : `${x >= 0 ? '+' : ''}${fmt(x * 100, 0)}%`);
    const scanDrift = drift('scanCpu');
    // Cheaper per MB on the bigger app (fixed costs amortised) is fine; dearer by more than 25% is not.
    const verdict = Number.isNaN(scanDrift) ? 'not measured' : scanDrift <= 0.25 ? 'linear (or better)' : 'SUPERLINEAR';
    console.log(`cost per MB, double vs half: scan ${pct(drift('scan'))} wall / ${pct(scanDrift)} CPU, parse ${pct(drift('parse'))} wall / ${pct(drift('parseCpu'))} CPU -> scan cost is ${verdict} (by CPU; limit +25%)`);
    console.log(`peak RSS after linearity runs: ${rssMb(maxRss())} (process maxRSS)`);
  }
}

await main();
process.exitCode = 0;
