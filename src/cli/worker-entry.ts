import { parentPort } from 'node:worker_threads';
import { saveTypescriptCodeCaches } from '../util/typescript-modules.js';
import { runCli } from './main.js';

/** What bin/minivet.js hands its scan worker. */
export interface WorkerInput {
  argv: string[];
  isTTY: boolean;
  stderrIsTTY: boolean;
}

/**
 * Runs the CLI inside a worker whose large stack lets the parser take very deeply nested (often
 * minified) code. The report comes back in one message; progress lines are sent as they happen.
 * `beforeReply` runs once the work is done and before the main thread, on the reply, exits; the
 * build writes code caches then (MINIVET_WRITE_CODE_CACHE).
 */
export async function runWorker(input: WorkerInput, beforeReply?: () => void): Promise<void> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(input.argv, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    progress: (text) => parentPort!.postMessage({ progress: text }),
    isTTY: input.isTTY,
    stderrIsTTY: input.stderrIsTTY,
    env: process.env,
  });
  saveTypescriptCodeCaches();
  beforeReply?.();
  parentPort!.postMessage({ code, stdout: stdout.join(''), stderr: stderr.join('') });
}
