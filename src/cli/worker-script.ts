import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The script a scan worker runs and the data it gets. */
export interface WorkerStart {
  script: URL;
  workerData: Record<string, unknown>;
}

/**
 * How to start a scan worker: with the build's bundle (scripts/bundle-cli.mjs; one file with a
 * code cache loads faster than the hundred modules it is made of) when it exists and is at least as
 * new as those modules, else with the modules themselves, so a compile without the bundling step
 * never runs stale code. `entry` is the bundle's function the worker calls with `data`; the loader,
 * bundle-worker.js, sits beside the modules.
 */
export function workerStart(bundle: URL, modules: URL, entry: string, data: Record<string, unknown> = {}): WorkerStart {
  try {
    if (statSync(bundle).mtimeMs >= statSync(modules).mtimeMs) {
      return { script: new URL('bundle-worker.js', modules), workerData: { ...data, loader: { bundle: fileURLToPath(bundle), entry } } };
    }
  } catch {
    // No bundle: the modules.
  }
  return { script: modules, workerData: data };
}
