import { statSync } from 'node:fs';
import type * as Sarif from 'sarif';
import { readTextFile } from '../bundle/safe-read.js';
import { InputError } from '../errors.js';
import { formatSarif, sarifLog } from '../reporters/sarif.js';
import { TOOL_NAME } from '../version.js';

/** A shard's SARIF file is read whole: at most 512 MiB, about the longest string Node holds. */
const MAX_SARIF_BYTES = 512 * 1024 * 1024;

/**
 * `minivet merge`: the SARIF files of the shards of one batch (`scan --shard i/n`) as one log. The
 * runs go back in the batch's order (their `bundleIndex`), so the result is byte for byte what one
 * unsharded scan of the batch writes; runs without an index follow, in the order given.
 */
export function mergeSarifFiles(paths: readonly string[]): string {
  const runs = paths.flatMap((path, file) => readRuns(path).map((run, position) => ({ run, file, position, path })));
  checkShardsCover(runs);
  const order = (run: Sarif.Run) => bundleIndex(run) ?? Number.MAX_SAFE_INTEGER;
  runs.sort((a, b) => order(a.run) - order(b.run) || a.file - b.file || a.position - b.position);
  return formatSarif(sarifLog(runs.map(({ run }) => run)));
}

/** Shards of one batch hold each bundle once, and all of them: a repeated file, overlapping splits or a missing shard are errors. */
function checkShardsCover(runs: readonly { run: Sarif.Run; path: string }[]): void {
  const seen = new Map<number, string>();
  const counts = new Set<number>();
  for (const { run, path } of runs) {
    const index = bundleIndex(run);
    const count = run.properties?.['bundleCount'];
    if (index === undefined) continue;
    if (typeof count === 'number') counts.add(count);
    const before = seen.get(index);
    if (before !== undefined) throw new InputError(`bundle ${index + 1} of the batch is in both ${before} and ${path}: give each shard once, from one split (--shard i/n with the same n)`);
    seen.set(index, path);
  }
  if (counts.size > 1) throw new InputError(`the files come from batches of different sizes (${[...counts].sort((a, b) => a - b).join(', ')} bundles): merge the shards of one batch`);
  const [count] = counts;
  if (count === undefined || seen.size === count) return;
  const missing = [...Array(count).keys()].filter((index) => !seen.has(index));
  throw new InputError(`${missing.length} of the batch's ${count} bundles are in none of the files (bundle ${missing.slice(0, 5).map((index) => index + 1).join(', ')}${missing.length > 5 ? ', …' : ''}): is a shard missing?`);
}

/** A run's place in its batch, when it is part of one. */
function bundleIndex(run: Sarif.Run): number | undefined {
  const index = run.properties?.['bundleIndex'];
  return typeof index === 'number' ? index : undefined;
}

function readRuns(path: string): Sarif.Run[] {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new InputError(`cannot read ${path}: no such file`);
  const text = readTextFile(path, MAX_SARIF_BYTES);
  if (text === undefined) throw new InputError(`cannot read ${path}: not a regular file of at most 512 MiB`);
  let log: Partial<Sarif.Log>;
  try {
    log = JSON.parse(text) as Partial<Sarif.Log>;
  } catch (error) {
    throw new InputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (log?.version !== '2.1.0' || !Array.isArray(log.runs)) throw new InputError(`${path} is not a SARIF 2.1.0 log`);
  const foreign = log.runs.find((run) => run?.tool?.driver?.name !== TOOL_NAME);
  if (foreign) throw new InputError(`${path} holds a run of ${foreign.tool?.driver?.name ?? 'an unnamed tool'}; minivet merge joins minivet's own shards`);
  const unnamed = log.runs.find((run) => typeof run.automationDetails?.id !== 'string');
  if (unnamed) throw new InputError(`${path} holds a run without automationDetails.id; minivet merge joins the SARIF minivet scan writes`);
  return log.runs;
}
