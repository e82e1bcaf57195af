#!/usr/bin/env node
import { Worker } from 'node:worker_threads';

// The scan runs in a worker with a large stack: the TypeScript parser recurses, and minified
// bundles nest expressions thousands deep. Output comes back as one message so nothing is lost.
const worker = new Worker(new URL('../dist/cli/worker.js', import.meta.url), {
  workerData: { argv: process.argv.slice(2), isTTY: Boolean(process.stdout.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY) },
  resourceLimits: { stackSizeMb: 256 },
  stdout: false,
  stderr: false,
});
let settled = false;
worker.on('message', ({ progress, code, stdout, stderr }) => {
  if (progress !== undefined) {
    process.stderr.write(`\r\u001b[2K${progress}`);
    return;
  }
  settled = true;
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = code;
});
worker.on('error', (error) => {
  settled = true;
  process.stderr.write(`minivet: internal error: ${error?.message ?? error}\n`);
  process.exitCode = 3;
});
worker.on('exit', (code) => {
  if (!settled) {
    process.stderr.write(`minivet: the scan stopped unexpectedly (worker exit code ${code})\n`);
    process.exitCode = 3;
  }
});
