import type * as Sarif from 'sarif';
import { readTextFile } from '../bundle/safe-read.js';
import { InputError } from '../errors.js';
import { formatSarif, sarifLog } from '../reporters/sarif.js';
import { TOOL_NAME } from '../version.js';

/** A shard's SARIF is large (every rule's help in every run) but bounded: 1 GiB at most per file. */
const MAX_SARIF_BYTES = 1024 * 1024 * 1024;

/**
 * `minivet merge`: the SARIF files of the shards of one batch (`scan --shard i/n`) as one log. The
 * runs go back in the batch's order (their `bundleIndex`), so the result is byte for byte what one
 * unsharded scan of the batch writes; runs without an index follow, in the order given.
 */
export function mergeSarifFiles(paths: readonly string[]): string {
  const runs = paths.flatMap((path, file) => readRuns(path).map((run, position) => ({ run, file, position })));
  runs.sort((a, b) => bundleIndex(a.run) - bundleIndex(b.run) || a.file - b.file || a.position - b.position);
  return formatSarif(sarifLog(runs.map(({ run }) => run)));
}

function bundleIndex(run: Sarif.Run): number {
  const index = run.properties?.['bundleIndex'];
  return typeof index === 'number' ? index : Number.MAX_SAFE_INTEGER;
}

function readRuns(path: string): Sarif.Run[] {
  const text = readTextFile(path, MAX_SARIF_BYTES);
  if (text === undefined) throw new InputError(`cannot read ${path}: not a regular file of at most 1 GiB`);
  let log: Partial<Sarif.Log>;
  try {
    log = JSON.parse(text) as Partial<Sarif.Log>;
  } catch (error) {
    throw new InputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (log?.version !== '2.1.0' || !Array.isArray(log.runs)) throw new InputError(`${path} is not a SARIF 2.1.0 log`);
  const foreign = log.runs.find((run) => run?.tool?.driver?.name !== TOOL_NAME);
  if (foreign) throw new InputError(`${path} holds a run of ${foreign.tool?.driver?.name ?? 'an unnamed tool'}; minivet merge joins minivet's own shards`);
  return log.runs;
}
