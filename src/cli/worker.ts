import { workerData } from 'node:worker_threads';
import { runWorker, type WorkerInput } from './worker-entry.js';

// The unbundled scan worker (a build without the bundling step): the bundle's loader calls runWorker itself.
void runWorker(workerData as WorkerInput);
