/**
 * Fuzz settings, from the environment so CI runs the fixed default and anyone can run more:
 *
 *   MINIVET_FUZZ_SEED=123 MINIVET_FUZZ_CASES=20000 npx vitest run test/fuzz.test.ts
 *   MINIVET_FUZZ_SEED=123 MINIVET_FUZZ_CASE=4711 npx vitest run test/fuzz.test.ts -t template
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The seed CI uses. Changing it changes every case: do it on purpose, not to make a failure go away. */
export const DEFAULT_SEED = 0x6d76_7431; // "mvt1"
/** Cases over all levels in one default run (what CI runs). */
export const DEFAULT_CASES = 3300;
/** Per-case time budget: minivet must finish one hostile input in this long. */
export const DEFAULT_BUDGET_MS = 2000;

export interface FuzzConfig {
  seed: number;
  /** Cases over all levels; each level gets its share (see `casesFor`). */
  totalCases: number;
  /** Run only this case index of each level (to replay a failure). */
  onlyCase?: number;
  budgetMs: number;
  /** A case still running after this long is declared hung: the watchdog prints it and kills the test process. */
  hangMs: number;
  /** Where inputs of failing cases are written. */
  saveDir: string;
  verbose: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (decimal or 0x…), not ${JSON.stringify(raw)}`);
  return value;
}

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const budgetMs = integer(env, 'MINIVET_FUZZ_BUDGET_MS', DEFAULT_BUDGET_MS, 1);
  const config: FuzzConfig = {
    seed: integer(env, 'MINIVET_FUZZ_SEED', DEFAULT_SEED, 0) >>> 0,
    totalCases: integer(env, 'MINIVET_FUZZ_CASES', DEFAULT_CASES, 1),
    budgetMs,
    hangMs: integer(env, 'MINIVET_FUZZ_HANG_MS', Math.max(15_000, budgetMs * 5), 1),
    saveDir: env.MINIVET_FUZZ_SAVE_DIR || join(tmpdir(), 'minivet-fuzz'),
    verbose: Boolean(env.MINIVET_FUZZ_VERBOSE),
  };
  const only = env.MINIVET_FUZZ_CASE;
  if (only !== undefined && only.trim() !== '') config.onlyCase = integer(env, 'MINIVET_FUZZ_CASE', 0, 0);
  return config;
}

/** A level's share of the total: `weight` parts of `totalWeight`, at least one case. */
export function casesFor(config: FuzzConfig, weight: number, totalWeight: number): number {
  return Math.max(1, Math.round((config.totalCases * weight) / totalWeight));
}
