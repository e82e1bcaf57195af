import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from './main.js';

/** Runs the CLI inside a worker whose large stack lets the parser take very deeply nested (often minified) code. */
interface Input {
  argv: string[];
  isTTY: boolean;
}

const input = workerData as Input;
const stdout: string[] = [];
const stderr: string[] = [];
const code = runCli(input.argv, {
  stdout: (text) => stdout.push(text),
  stderr: (text) => stderr.push(text),
  isTTY: input.isTTY,
  env: process.env,
});
parentPort!.postMessage({ code, stdout: stdout.join(''), stderr: stderr.join('') });
