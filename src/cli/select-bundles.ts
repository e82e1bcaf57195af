import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exclusionsFor } from '../bundle/exclusions.js';
import { findProjects, holdsProject } from '../bundle/find-projects.js';
import { isDirectory } from '../bundle/read-directory.js';
import { InputError } from '../errors.js';
import { listBatch, type BatchEntry } from './batch.js';
import type { CliIO } from './io.js';

/** `--shard i/n` (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Every bundle to scan: the paths named (the current folder when none is), then each entry of
 * --batch. A path that does not exist is a usage error up front. A folder that is not a mini-app
 * but holds some (a monorepo) stands for the mini-apps inside it, and the user is told which.
 */
export function bundlesToScan(paths: readonly string[], batch: string | undefined, exclude: readonly string[], io: CliIO): BatchEntry[] {
  const named = paths.length === 0 && batch === undefined ? ['.'] : paths;
  for (const path of named) if (!existsSync(path)) throw new InputError(`${path}: no such file or directory`);
  return [...named.flatMap((path) => projectsIn(path, exclude, io)), ...(batch ? listBatch(batch) : [])];
}

function projectsIn(path: string, exclude: readonly string[], io: CliIO): BatchEntry[] {
  const root = resolve(path);
  if (!isDirectory(root) || holdsProject(root)) return [{ path }];
  const found = findProjects(root, exclusionsFor(root, { base: process.cwd(), patterns: exclude }));
  if (found.projects.length === 0) return [{ path }];
  const names = found.projects.length <= 10 ? found.projects.join(', ') : `${found.projects.slice(0, 10).join(', ')} and ${found.projects.length - 10} more`;
  io.stderr(`minivet: ${path} is not a mini-app itself; scanning the ${found.projects.length === 1 ? 'one' : found.projects.length} found inside it: ${names}${found.truncated ? ' (the search stopped after 5,000 folders; name the apps to scan them all)' : ''}\n`);
  return found.projects.map((project) => ({ path: join(path, project) }));
}

/**
 * The bundles this run scans, by their place in the whole list: all of them, or for `--shard i/n`
 * every n-th from the i-th, so shards of one list never overlap and together cover it.
 */
export function shardIndexes(count: number, shard: Shard | undefined): number[] {
  const all = [...Array(count).keys()];
  return shard === undefined ? all : all.filter((index) => index % shard.count === shard.index - 1);
}
