/**
 * A hang detector for synchronous code. A case that never returns blocks the event loop, so no
 * timer (and no vitest timeout) can fire; a worker thread still runs. The fuzz loop publishes a
 * heartbeat (case counter + how to replay the case) in shared memory; when the same case has been
 * running for `hangMs`, the worker writes the replay line straight to fd 2 (the main thread, which
 * would relay console output, is stuck) and to a file, then kills the process so the run fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';

const LABEL_BYTES = 2048;

// Plain JavaScript, evaluated in the worker: it must not need the test's TypeScript transform.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync, writeFileSync } = require('node:fs');
const { control, label, hangMs, reportFile } = workerData;
const counters = new Int32Array(control);
const text = new Uint8Array(label);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let seen = -1;
let since = Date.now();
for (;;) {
  Atomics.wait(sleeper, 0, 0, 100);
  if (Atomics.load(counters, 1) === 1) break; // stopped
  const beat = Atomics.load(counters, 0);
  if (beat !== seen) { seen = beat; since = Date.now(); continue; }
  if (beat % 2 === 0) { since = Date.now(); continue; } // between cases
  if (Date.now() - since < hangMs) continue;
  const length = Atomics.load(counters, 2);
  const message = '\\n[minivet fuzz watchdog] a case has run for more than ' + hangMs + ' ms: ' + Buffer.from(text.subarray(0, length)).toString('utf8') + '\\n';
  try { writeSync(2, message); } catch {}
  try { writeFileSync(reportFile, message); } catch {}
  process.kill(process.pid, 'SIGKILL');
}
`;

export class Watchdog {
  private readonly counters: Int32Array;
  private readonly label: Uint8Array;
  private readonly worker: Worker;

  constructor(hangMs: number, reportFile: string) {
    const control = new SharedArrayBuffer(12);
    const label = new SharedArrayBuffer(LABEL_BYTES);
    this.counters = new Int32Array(control);
    this.label = new Uint8Array(label);
    try {
      mkdirSync(dirname(reportFile), { recursive: true });
      writeFileSync(reportFile, '');
    } catch {
      // The report file is a convenience; stderr is the primary channel.
    }
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { control, label, hangMs, reportFile } });
    this.worker.unref();
  }

  /** A case starts: `description` is what is printed if it never ends. */
  begin(description: string): void {
    const bytes = Buffer.from(description, 'utf8').subarray(0, LABEL_BYTES);
    this.label.set(bytes);
    Atomics.store(this.counters, 2, bytes.length);
    Atomics.add(this.counters, 0, 1); // odd: inside a case
  }

  end(): void {
    Atomics.add(this.counters, 0, 1); // even: between cases
  }

  async stop(): Promise<void> {
    Atomics.store(this.counters, 1, 1);
    await this.worker.terminate();
  }
}
