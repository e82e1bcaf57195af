import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/run-cli.js';

/** Heap used (MB) after dead data of about 150 MB, with and without a large bundle's release (cli/heap.ts), in a fresh process. */
function heapAfterRelease(large: boolean): number {
  const probe = `
    import { releaseScanMemory, tuneHeapFor } from ${JSON.stringify(join(REPO, 'dist/cli/heap.js'))};
    tuneHeapFor(${large ? 9_000_000 : 1_000});
    let graph = Array.from({ length: 1_500_000 }, (_, i) => ({ key: 'v:' + i, edges: [i] }));
    graph = undefined;
    releaseScanMemory();
    console.log(Math.round(process.memoryUsage().heapUsed / 1048576));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 60_000 });
  return Number(run.stdout.trim());
}

describe('the CLI heap policy', () => {
  it('collects the dead analysis of a large bundle before its report, and leaves a small bundle alone', () => {
    const small = heapAfterRelease(false);
    const large = heapAfterRelease(true);
    expect(small).toBeGreaterThan(100);
    expect(large).toBeLessThan(50);
  });
});
