import { strToU8, zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf, growth, type Cost } from './helpers/resource-cost.js';
import { tempProject } from './helpers/temp-project.js';
import { packWxapkg } from './helpers/wxapkg.js';

/**
 * The resource fuzz test of issue 12: inputs of each shape an attacker could use to exhaust a vetting
 * scan, generated at two sizes that finish in seconds. Each asserts how CPU time and peak memory grow
 * between the two, as a ratio measured in the same test (never against a fixed time): linear growth
 * gives the ratio of the input sizes, anything worse shows up as a larger one.
 */
const manifest = JSON.stringify({ pages: ['pages/index/index'] });

function project(code: string): string {
  return tempProject({ 'app.json': manifest, 'pages/index/index.js': code });
}

function scanCost(root: string, format = 'json'): Cost {
  return costOf(['scan', root, '--format', format]);
}

let emptyCost: Cost | undefined;
/** A scan of a one-page app: start-up and the fixed cost every run pays. */
function empty(): Cost {
  emptyCost ??= scanCost(project('Page({});\n'));
  return emptyCost;
}

/** Below this much memory over an empty scan, a ratio is noise: the memory is only checked to stay small. */
const MEASURABLE_MB = 40;

/** Doubling the input at most about doubles the cost: linear gives 2, quadratic 4. */
function expectLinear(small: Cost, large: Cost, label: string): void {
  const base = empty();
  const grew = growth(base, small, large);
  // MINIVET_RESOURCE_LOG=1 prints the ratios, to see the margins on a new machine.
  if (process.env.MINIVET_RESOURCE_LOG) console.log(`${label}: CPU ×${grew.ms.toFixed(2)}, memory ×${grew.mb.toFixed(2)} (small +${Math.round(small.mb - base.mb)} MB)`);
  expect(grew.ms, `${label}: CPU time grew ${grew.ms.toFixed(2)}× for twice the input`).toBeLessThan(3.2);
  if (small.mb - base.mb >= MEASURABLE_MB) expect(grew.mb, `${label}: memory grew ${grew.mb.toFixed(2)}× for twice the input`).toBeLessThan(3.2);
  else expect(large.mb - base.mb, `${label}: ${Math.round(large.mb - base.mb)} MB over an empty scan`).toBeLessThan(4 * MEASURABLE_MB);
}

/** `var s = v0 + v1 + …;` stored: each operand once, whatever the chain's length. */
function concatenation(terms: number): string {
  const lines = Array.from({ length: terms }, (_, i) => `var v${i} = ${i};`);
  lines.push(`var s = ${Array.from({ length: terms }, (_, i) => `v${i}`).join(' + ')};`, "wx.setStorageSync('k', s);");
  return `${lines.join('\n')}\n`;
}

/** `'start' + 'abcdefgh0' + …` of strings long enough to be judged as secrets, and `extraData` reads under as many `||`. */
function longStrings(terms: number): string {
  const chain = Array.from({ length: terms }, (_, i) => `'abcdefgh${i % 10}'`).join(' + ');
  const reads = Array.from({ length: terms }, () => 'o.referrerInfo.extraData').join(' || ');
  return `var s = md5('start' + ${chain});
App({ onLaunch(o) { this.d = ${reads}; } });
`;
}

/** `functions` functions that each call every one of them: a call graph as dense as it gets. */
function denseCallGraph(functions: number): string {
  const bodies = Array.from({ length: functions }, (_, i) => {
    const calls = Array.from({ length: functions }, (_, j) => `r.x = f${j}(r.y, a);`).join('');
    return `function f${i}(a, b) { var r = { x: a, y: b }; ${calls} return r; }`;
  });
  return `${bodies.join('\n')}\nwx.setStorageSync('k', f0(wx.getStorageSync('phone'), 1));\n`;
}

/** Structures that contain themselves, wrapped again and again (the shape of compiled WXML code). */
function selfContaining(wrappers: number): string {
  const lines = ['function wrap(x) { var o = { a: x, b: x, c: x, d: x, e: x, f: x }; o.v = o; o.w = o; o.a.b = o; return o; }', 'var r0 = wrap(1);'];
  for (let i = 1; i <= wrappers; i++) lines.push(`var r${i} = wrap(r${i - 1}); r${i}.v.w = r${i - 1};`);
  lines.push(`wx.setStorageSync('k', r${wrappers});`);
  return `${lines.join('\n')}\n`;
}

/** Ordinary code of about `bytes` bytes: many small functions, some calls, some fields. */
function ordinary(bytes: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = `function g${i}(p) { var q = { id: p, n: ${i} }; q.next = g${Math.max(0, i - 1)}; return q.id; }\nvar w${i} = g${i}(${i});`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** One variable written in each arm of an else-if chain `arms` long (a generated switch between servers). */
function elseIfChain(arms: number): string {
  const chain = Array.from({ length: arms }, (_, i) => `if (k === ${i}) { url = 'http://h${i}.example.com/'; }`).join(' else ');
  return `var k = wx.getStorageSync('k');\nvar url;\n${chain}\nwx.request({ url: url });\n`;
}

describe('resource growth on hostile shapes', () => {
  it('a long else-if chain writing one variable in every arm', () => {
    expectLinear(scanCost(project(elseIfChain(2_000))), scanCost(project(elseIfChain(4_000))), 'else-if chain');
  });

  it('a long + chain', () => {
    expectLinear(scanCost(project(concatenation(2_000))), scanCost(project(concatenation(4_000))), '+ chain');
  });

  it('a long + chain of strings inside a digest, and reads under a long || chain', () => {
    expectLinear(scanCost(project(longStrings(8_000))), scanCost(project(longStrings(16_000))), 'string chain');
  });

  it('a dense call graph', () => {
    // 71² and 100² call sites: about twice the code.
    expectLinear(scanCost(project(denseCallGraph(71))), scanCost(project(denseCallGraph(100))), 'dense call graph');
  });

  it('self-containing structures cost no more than ordinary code of the same size', () => {
    const hostile = selfContaining(2_000);
    const base = empty();
    const structures = scanCost(project(hostile));
    const plain = scanCost(project(ordinary(hostile.length)));
    const ratio = (structures.ms - base.ms) / Math.max(plain.ms - base.ms, 1);
    expect(ratio, `self-containing structures cost ${ratio.toFixed(2)}× the CPU time of ordinary code`).toBeLessThan(3);
    expect(structures.mb - base.mb).toBeLessThan(3 * Math.max(plain.mb - base.mb, 20));
  });

  it('overlapping package entries cost no more than the package holds', () => {
    const blob = `${'var x = 1; wx.getClipboardData({});\n'.repeat(20_000)}`;
    const config = { name: '/app-config.json', content: JSON.stringify({ pages: ['pages/p0'] }) };
    const packageWith = (entries: number): string => {
      const overlapping = (start: number) => Array.from({ length: entries }, (_, i) => ({ name: `/pages/p${i}.js`, content: i === 0 ? blob : '', offset: start + i * 7, size: blob.length - i * 7 }));
      // The layout does not depend on the offsets written, so a first packing shows where the blob lands.
      const start = packWxapkg([config, ...overlapping(0)]).indexOf(Buffer.from(blob.slice(0, 64)));
      const dir = tempProject({});
      writeFileSync(join(dir, 'app.wxapkg'), packWxapkg([config, ...overlapping(start)]));
      return join(dir, 'app.wxapkg');
    };
    const few = scanCost(packageWith(20));
    const many = scanCost(packageWith(40));
    // The package hardly grows (20 more index entries), so its cost must not either.
    const grew = growth(empty(), few, many);
    expect(grew.ms).toBeLessThan(1.5);
  });

  it('deep archive entry names', () => {
    // 2,000 entries 1,000 and 2,000 folders deep (names of 2 and 4 KB; longer names are refused by length).
    const archive = (depth: number): string => {
      const files: Record<string, Uint8Array> = { 'app.json': strToU8(manifest), 'pages/index/index.js': strToU8('Page({});\n') };
      for (let i = 0; i < 2_000; i++) files[`${'d/'.repeat(depth)}f${i}.js`] = strToU8('var x = 1;\n');
      return join(tempProject({ 'deep.zip': zipSync(files, { level: 0 }) }), 'deep.zip');
    };
    expectLinear(scanCost(archive(1_000)), scanCost(archive(2_000)), 'deep entry names');
  });

  it('thousands of findings on one long line, in text output', () => {
    const line = (findings: number): string => `\t${'wx.getClipboardData({});'.repeat(findings)}${' '.repeat(findings * 100)}\n`;
    expectLinear(scanCost(project(line(16_000)), 'text'), scanCost(project(line(32_000)), 'text'), 'long line');
  });
});
