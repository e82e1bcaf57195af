import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Read access to a project tree, on disk or held in memory (an archive), by POSIX relative path. */
export interface TreeSource {
  exists(path: string): boolean;
  readText(path: string): string | undefined;
}

export function diskTree(root: string): TreeSource {
  return {
    exists: (path) => existsSync(join(root, path)),
    readText(path) {
      try {
        // Without a BOM, like every analysed file, so positions agree.
        return statSync(join(root, path)).isFile() ? readFileSync(join(root, path), 'utf8').replace(/^\uFEFF/, '') : undefined;
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
