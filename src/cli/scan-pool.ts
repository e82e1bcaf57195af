import { Worker } from 'node:worker_threads';
import type { ScanOptions } from '../config.js';
import type { ProjectResult } from '../scan-result.js';
import { failedProject } from '../failed-project.js';
import type { ScanReply, ScanRequest } from './scan-worker-entry.js';
import { PACKAGE_ROOT } from '../version.js';
import { workerStart } from './worker-script.js';

export interface PoolOptions {
  jobs: number;
  /** A bundle still running after this long is stopped and reported as failed. */
  bundleTimeoutMs: number;
  onDone?: (done: number, total: number) => void;
}

const WORKER = workerStart(new URL('dist/scan-worker.bundle.cjs', PACKAGE_ROOT), new URL('dist/cli/scan-worker.js', PACKAGE_ROOT), 'serveScans');

/**
 * Scans bundles on worker threads, `jobs` at a time. Results come back in input order whatever the
 * order of completion, so output stays deterministic. A bundle that fails, crashes its worker or runs
 * past the time limit becomes a failed result; the batch goes on.
 */
export function scanInPool(paths: readonly string[], options: ScanOptions, pool: PoolOptions): Promise<ProjectResult[]> {
  const results: ProjectResult[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    if (paths.length === 0) {
      resolve(results);
      return;
    }
    const finish = (index: number, result: ProjectResult): void => {
      results[index] = result;
      done++;
      pool.onDone?.(done, paths.length);
      if (done === paths.length) resolve(results);
    };
    const startWorker = (): void => {
      if (next >= paths.length) return;
      const worker = new Worker(WORKER.script, { workerData: WORKER.workerData, resourceLimits: { stackSizeMb: 256 } });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const assign = (): void => {
        if (next >= paths.length) {
          void worker.terminate();
          return;
        }
        current = next++;
        const request: ScanRequest = { id: current, path: paths[current]!, options };
        timer = setTimeout(() => {
          const index = current;
          current = -1;
          void worker.terminate();
          finish(index, failedProject(paths[index]!, `stopped after ${Math.round(pool.bundleTimeoutMs / 1000)} s, the per-bundle time limit`, 'time-limit'));
          startWorker();
        }, pool.bundleTimeoutMs);
        worker.postMessage(request);
      };
      worker.on('message', (reply: ScanReply) => {
        clearTimeout(timer);
        if (reply.id !== current) return;
        current = -1;
        finish(reply.id, reply.ok ? reply.result : failedProject(paths[reply.id]!, reply.message, reply.input ? 'unreadable-file' : 'internal-error'));
        assign();
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        if (current >= 0) {
          const index = current;
          current = -1;
          finish(index, failedProject(paths[index]!, `internal error: the scan crashed (${error.message.split('\n')[0]}); the bundle was not analysed`, 'internal-error'));
          startWorker();
        }
      });
      assign();
    };
    for (let i = 0; i < Math.max(1, Math.min(pool.jobs, paths.length)); i++) startWorker();
  });
}
