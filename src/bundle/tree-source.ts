import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from './read-directory.js';
import { readTextFile } from './safe-read.js';
import { lowerBound } from '../util/lower-bound.js';

/** Read access to a project tree, on disk or held in memory (an archive), by POSIX relative path. */
/** `name` inside the folder `base` of a tree ('' for the tree's root). */
export function joinPosix(base: string, name: string): string {
  return base === '' ? name : `${base}/${name}`;
}

export interface TreeSource {
  exists(path: string): boolean;
  readText(path: string): string | undefined;
}

/** Project files (project.config.json, mini.project.json, …) are small; a larger one is not read. */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/**
 * A folder on disk, seen only from inside: a path whose real location (after every link) leaves
 * `root` does not exist here, and only regular files of at most MAX_PROJECT_FILE_BYTES are read.
 */
export function diskTree(root: string): TreeSource {
  const realRoot = realpathSync(root);
  const inside = (path: string): string | undefined => {
    try {
      const real = realpathSync(join(root, path));
      return isInside(realRoot, real) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    exists: (path) => inside(path) !== undefined,
    readText(path) {
      const real = inside(path);
      return real === undefined ? undefined : readTextFile(real, MAX_PROJECT_FILE_BYTES);
    },
  };
}

/**
 * Entries held in memory (an archive). A folder exists when some entry lies below it: found by binary
 * search in the sorted names, so no ancestor path is ever built (an entry 32,000 folders deep would
 * otherwise cost a quadratic number of characters).
 */
export function memoryTree(entries: ReadonlyMap<string, Uint8Array>): TreeSource {
  const names = [...entries.keys()].sort();
  const hasEntryBelow = (folder: string): boolean => {
    const prefix = `${folder}/`;
    const first = lowerBound(names, (name) => name < prefix);
    return first < names.length && names[first]!.startsWith(prefix);
  };
  return {
    exists: (path) => entries.has(path) || hasEntryBelow(path),
    readText(path) {
      const bytes = entries.get(path);
      // The same bound as on disk: project files are small.
      return bytes === undefined || bytes.length > MAX_PROJECT_FILE_BYTES ? undefined : Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
    },
  };
}
