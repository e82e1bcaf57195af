import { workerData } from 'node:worker_threads';
import { loadBundle } from './code-cache.js';

/** Where a worker started by workerStart finds its code: the bundle and the function it calls. */
export interface BundleEntry {
  bundle: string;
  entry: string;
}

// A scan worker running the CLI's bundle: load it (with its code cache) and call its entry point.
const { bundle, entry } = (workerData as { loader: BundleEntry }).loader;
const loaded = loadBundle(bundle);
(loaded.exports[entry] as (input: unknown, beforeReply: () => void) => unknown)(workerData, () => loaded.saveCache());
