#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

const moduleWorker = new URL('../dist/cli/worker.js', import.meta.url);
if (!existsSync(moduleWorker)) {
  // A clone (or git dependency) whose build step did not run: say what to do instead of a module error.
  process.stderr.write('minivet: not built yet (dist/ is missing); run `npm run build` in the minivet folder, or install it with npm, which builds it\n');
  process.exit(2);
}

// Only a scan (and `baseline create` and `privacy-label`, which scan) needs the worker below; --version, --help and `rules` answer at once, in this thread.
const args = process.argv.slice(2);
if (args[0] !== 'scan' && args[0] !== 'baseline' && args[0] !== 'privacy-label') {
  const { runCli } = await import('../dist/cli/main.js');
  const code = await runCli(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: () => {},
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  });
  process.exitCode = code;
} else {
  await scanInWorker();
}

async function scanInWorker() {
  // V8 lets a busy heap grow to four times what survives a collection; capped at twice, the largest
  // corpus app peaks at about 0.64 GB instead of 0.93 GB for 2% more wall time (docs/evaluation.md).
  setFlagsFromString('--heap-growing-percent=100');
  // The build's one-file bundle of the worker when it is current, else its modules (worker-script.ts).
  const { workerStart } = await import('../dist/cli/worker-script.js');
  // The scan runs in a worker with a large stack: the TypeScript parser recurses, and minified
  // bundles nest expressions thousands deep. Output comes back as one message so nothing is lost.
  const start = workerStart(new URL('../dist/cli.bundle.cjs', import.meta.url), moduleWorker, 'runWorker', {
    argv: args,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  });
  const worker = new Worker(start.script, {
    workerData: start.workerData,
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
    process.exitCode = code;
    // Exit once the report is out: a bundle's scan stopped at its time limit may leave a thread
    // blocked in a system call, which must not keep the process alive.
    let pending = 2;
    const done = () => {
      if (--pending === 0) process.exit(code);
    };
    process.stdout.write(stdout ?? '', done);
    process.stderr.write(stderr ?? '', done);
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
}
