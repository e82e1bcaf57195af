import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside, readBytes } from './read-directory.js';

/** Read access to a project tree, on disk or held in memory (an archive), by POSIX relative path. */
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
      if (real === undefined) return undefined;
      try {
        const stats = statSync(real);
        if (!stats.isFile() || stats.size > MAX_PROJECT_FILE_BYTES) return undefined;
        // Without a BOM, like every analysed file, so positions agree.
        return readBytes(real, stats.size).toString('utf8').replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    },
  };
}

export function memoryTree(entries: ReadonlyMap<string, Uint8Array>): TreeSource {
  const folders = new Set<string>();
  for (const path of entries.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return {
    exists: (path) => entries.has(path) || folders.has(path),
    readText(path) {
      const bytes = entries.get(path);
      return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
    },
  };
}
