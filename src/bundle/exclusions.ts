import ignore from 'ignore';
import { join } from 'node:path';
import { readTextFile } from './safe-read.js';

/** The ignore file minivet honours in a scanned folder, in gitignore syntax. */
export const IGNORE_FILE = '.minivetignore';
const MAX_IGNORE_FILE_BYTES = 256 * 1024;

/** Which paths of a scanned folder are not app code: build scripts, Node tooling, fixtures. */
export interface Exclusions {
  /** `path` is POSIX and relative to the scanned folder. */
  excludes(path: string, isDirectory: boolean): boolean;
}

export const NO_EXCLUSIONS: Exclusions = { excludes: () => false };

/**
 * The scanned folder's `.minivetignore` (a regular file inside it, of bounded size) and the
 * patterns given with --exclude or the config's `exclude`, matched as a .gitignore would be.
 */
export function exclusionsFor(root: string, patterns: readonly string[] = []): Exclusions {
  const fromFile = readTextFile(join(root, IGNORE_FILE), MAX_IGNORE_FILE_BYTES);
  if (fromFile === undefined && patterns.length === 0) return NO_EXCLUSIONS;
  const matcher = ignore({ allowRelativePaths: true }).add(fromFile ?? '').add([...patterns]);
  return {
    excludes(path, isDirectory) {
      if (path === '' || path === '.') return false;
      return matcher.ignores(isDirectory ? `${path}/` : path);
    },
  };
}
