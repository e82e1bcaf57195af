/**
 * Runs the cases of one fuzz level: each case's input comes from its own generator
 * (seed, level, index), is checked under a time budget, and a failure names the seed and the
 * case, saves the input and prints the one-liner that replays exactly that case.
 */
import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FuzzConfig } from './config.js';
import { Rng } from './prng.js';
import type { Watchdog } from './watchdog.js';

export interface FuzzLevel<T> {
  /** Stream name: part of every case's seed derivation, and the vitest `-t` filter to replay it. */
  name: string;
  /** How many cases this level runs (case indexes 0 … count-1). */
  count: number;
  /** Builds the input of one case; deterministic in `rng`. Not timed. */
  generate(rng: Rng, index: number): T;
  /**
   * Runs minivet on the input and throws if a property does not hold. Returns the milliseconds
   * minivet itself took (what the budget applies to, without the checks); when it returns nothing
   * the whole call is timed.
   */
  check(input: T, index: number): number | void;
  /** Writes the input of a failing case under `dir`; returns what was written. */
  save?(input: T, dir: string, stem: string): string;
  /** Runs after `check`, failed or not, untimed (e.g. removes a temporary folder). */
  cleanup?(input: T, failed: boolean): void;
}

export interface LevelReport {
  name: string;
  cases: number;
  totalMs: number;
  /** Time spent building inputs and cleaning up after them (not budgeted). */
  generateMs: number;
  slowestMs: number;
  slowestCase: number;
}

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

/** The command that replays one case of one level. */
export function replayCommand(config: FuzzConfig, level: string, index: number): string {
  return `MINIVET_FUZZ_SEED=${config.seed} MINIVET_FUZZ_CASE=${index} npx vitest run test/fuzz.test.ts -t "${level}"`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // Assertion errors carry their own diff; a crash needs its stack to be found.
    const stack = error.stack ?? `${error.name}: ${error.message}`;
    return error.name === 'AssertionError' ? error.message : stack.split('\n').slice(0, 12).join('\n');
  }
  return String(error);
}

/** Runs every case of `level` (or only `config.onlyCase`); throws a FuzzFailure on the first failing case. */
export function runLevel<T>(config: FuzzConfig, level: FuzzLevel<T>, watchdog?: Watchdog): LevelReport {
  const report: LevelReport = { name: level.name, cases: 0, totalMs: 0, generateMs: 0, slowestMs: 0, slowestCase: -1 };
  const indexes = config.onlyCase !== undefined ? [config.onlyCase] : Array.from({ length: level.count }, (_, i) => i);
  for (const index of indexes) {
    const replay = replayCommand(config, level.name, index);
    const generating = performance.now();
    let input: T;
    try {
      input = level.generate(Rng.forCase(config.seed, level.name, index), index);
    } catch (error) {
      throw new FuzzFailure(`fuzz level "${level.name}" case ${index} (seed ${config.seed}): building the input failed (a bug in the fuzzer):\n${describeError(error)}\n  replay: ${replay}`);
    }
    report.generateMs += performance.now() - generating;
    let failure: unknown;
    let elapsed = 0;
    watchdog?.begin(`level "${level.name}" case ${index} (seed ${config.seed}); replay: ${replay}`);
    const started = performance.now();
    try {
      const measured = level.check(input, index);
      elapsed = typeof measured === 'number' ? measured : performance.now() - started;
    } catch (error) {
      failure = error ?? new Error('threw a nullish value');
      elapsed = performance.now() - started;
    } finally {
      watchdog?.end();
    }
    if (failure === undefined && elapsed > config.budgetMs) {
      failure = new Error(`took ${elapsed.toFixed(0)} ms, over the ${config.budgetMs} ms per-case budget`);
    }
    const cleaning = performance.now();
    level.cleanup?.(input, failure !== undefined);
    report.generateMs += performance.now() - cleaning;
    report.cases++;
    report.totalMs += elapsed;
    if (elapsed > report.slowestMs) {
      report.slowestMs = elapsed;
      report.slowestCase = index;
    }
    if (failure !== undefined) {
      let saved = '';
      if (level.save) {
        try {
          mkdirSync(config.saveDir, { recursive: true });
          saved = `\n  input saved to ${level.save(input, config.saveDir, `${level.name}-${config.seed}-${index}`)}`;
        } catch (error) {
          saved = `\n  (the input could not be saved: ${String(error)})`;
        }
      }
      throw new FuzzFailure(
        `fuzz level "${level.name}" case ${index} (seed ${config.seed}) failed after ${elapsed.toFixed(0)} ms:\n` +
          `${describeError(failure)}${saved}\n  replay: ${replay}`,
      );
    }
  }
  return report;
}

export function formatReport(report: LevelReport): string {
  const mean = report.cases > 0 ? report.totalMs / report.cases : 0;
  return `${report.name}: ${report.cases} cases in ${report.totalMs.toFixed(0)} ms (mean ${mean.toFixed(2)} ms, slowest ${report.slowestMs.toFixed(0)} ms = case ${report.slowestCase}); setup and cleanup ${report.generateMs.toFixed(0)} ms`;
}
