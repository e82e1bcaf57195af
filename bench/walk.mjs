// The files of an app as the benches see them: node_modules and dot-folders skipped, sorted per folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Calls `visit(path, stats)` for every regular file below `dir`. */
export function walkFiles(dir, visit) {
  const pending = [dir];
  while (pending.length > 0) {
    const folder = pending.pop();
    for (const name of readdirSync(folder).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(folder, name);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats?.isDirectory()) pending.push(path);
      else if (stats?.isFile()) visit(path, stats);
    }
  }
}
