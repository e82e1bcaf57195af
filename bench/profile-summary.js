#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function, self time by
 * package/area, and inclusive time of the dist/ functions that matter.
 *
 *   BENCH_ONLY=scan BENCH_LINEARITY=0 node --cpu-prof --cpu-prof-dir=.bench/prof bench/scan-vs-parse.js
 *   node bench/profile-summary.js .bench/prof/<file>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/profile-summary.js <file.cpuprofile> [--top N]');
  process.exit(2);
}
const topIndex = args.indexOf('--top');
const TOP = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from samples and time deltas.
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  total += dt;
}

function area(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native/builtin)';
  if (url.includes('/node_modules/typescript/')) return 'typescript (scanner/parser)';
  if (url.includes('/typescript-estree/')) return 'typescript-estree (convert)';
  if (url.includes('/node_modules/esquery/')) return 'esquery';
  if (url.includes('/node_modules/htmlparser2/') || url.includes('/node_modules/entities/')) return 'htmlparser2';
  if (url.includes('/node_modules/')) return `other node_modules (${url.split('/node_modules/').pop().split('/')[0]})`;
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `dist/${url.slice(dist + 6)}`;
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

const byFunction = new Map();
const byArea = new Map();
for (const [id, t] of self) {
  const n = nodes.get(id);
  const { functionName, url, lineNumber } = n.callFrame;
  const name = functionName || '(anonymous)';
  const a = area(url, name);
  const key = `${name}  ${url ? `${a.startsWith('dist/') ? a : url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  byArea.set(a, (byArea.get(a) ?? 0) + t);
}

// Inclusive time of minivet's own dist/ functions: a sample counts once per function on its stack.
const inclusive = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
    const { functionName, url } = nodes.get(id).callFrame;
    if (!url.includes('/dist/') || url.includes('/node_modules/')) continue;
    const key = `${functionName || '(anonymous)'}  ${area(url, functionName)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
}

const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const ms = (t) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(t)} ${ms(t)}  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time by area', byArea, 30);
print(`self time, top ${TOP} functions`, byFunction, TOP);
print('inclusive time of dist/ functions', inclusive, TOP);
