import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { REPO } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/minivet.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

/**
 * What one CLI run cost: CPU time (all threads, user and system) and peak resident memory. CPU
 * time, not wall time: other tests running beside this one barely move it.
 */
export interface Cost {
  ms: number;
  mb: number;
}

/** Runs the built CLI as a user would and measures it; the run must succeed. */
export function costOf(args: readonly string[]): Cost {
  const dir = mkdtempSync(join(tmpdir(), 'minivet-cost-'));
  const rssFile = join(dir, 'rss');
  try {
    const run = spawnSync(process.execPath, ['--require', PROBE, BIN, ...args, '--fail-on', 'none'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', MINIVET_TEST_RSS_FILE: rssFile },
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMicros: number };
    return { ms: usage.cpuMicros / 1000, mb: usage.maxRssKiB / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How cost grows from one input to another, start-up left out: (large − empty) / (small − empty),
 * for time and for memory. Linear growth gives the ratio of the input sizes.
 */
export function growth(empty: Cost, small: Cost, large: Cost): Cost {
  const ratio = (pick: (cost: Cost) => number): number => (pick(large) - pick(empty)) / Math.max(pick(small) - pick(empty), 1);
  return { ms: ratio((cost) => cost.ms), mb: ratio((cost) => cost.mb) };
}
