import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './main.js';

/**
 * Runs the CLI inside a worker whose large stack lets the parser take very deeply nested (often
 * minified) code. The report comes back in one message; progress lines are sent as they happen.
 */
interface Input {
  argv: string[];
  isTTY: boolean;
  stderrIsTTY: boolean;
}

const input = workerData as Input;
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
parentPort!.postMessage({ code, stdout: stdout.join(''), stderr: stderr.join('') });
