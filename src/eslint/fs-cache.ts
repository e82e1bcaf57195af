import { readdirSync, readFileSync, statSync } from 'node:fs';

/**
 * File-system look-ups for a plugin that lives for hours in an editor's ESLint server: every answer
 * is cached and re-validated by a `stat` (modification time and size), never by a timer, so an edit
 * on disk is seen by the next lint and nothing is re-read while files stay unchanged.
 */

/** `mtime:size` of a regular file, or undefined when there is none at `path`. */
export function fileKey(path: string): string | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? `${stats.mtimeMs}:${stats.size}` : undefined;
  } catch {
    return undefined;
  }
}

interface DirectoryEntry {
  key: string;
  names: ReadonlySet<string>;
}

/** Folder → names of its entries, valid while the folder's mtime and ctime stay the same. */
const directories = new Map<string, DirectoryEntry>();
const NO_NAMES: ReadonlySet<string> = new Set();

/** The names in a folder (empty when it cannot be read); one `stat` per call while it is unchanged. */
export function directoryNames(dir: string): ReadonlySet<string> {
  let stats;
  try {
    stats = statSync(dir, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  if (!stats?.isDirectory()) {
    directories.delete(dir);
    return NO_NAMES;
  }
  // Adding, removing or renaming an entry changes the folder's mtime (and ctime).
  const key = `${stats.mtimeMs}:${stats.ctimeMs}:${stats.size}`;
  const cached = directories.get(dir);
  if (cached?.key === key) return cached.names;
  let names: ReadonlySet<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    names = NO_NAMES;
  }
  directories.set(dir, { key, names });
  return names;
}

const texts = new Map<string, { key: string; text: string }>();

/** A small text file (a project file), re-read only when its mtime or size changes. */
export function readTextCached(path: string): string | undefined {
  const key = fileKey(path);
  if (key === undefined) {
    texts.delete(path);
    return undefined;
  }
  const cached = texts.get(path);
  if (cached?.key === key) return cached.text;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    texts.delete(path);
    return undefined;
  }
  texts.set(path, { key, text });
  return text;
}

/** Forgets everything (tests). */
export function clearFileCaches(): void {
  directories.clear();
  texts.clear();
}
