import ignore, { type Ignore } from 'ignore';
import { isAbsolute, join, relative, sep } from 'node:path';
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

/** Patterns that apply from a folder above the scanned one: the CLI's working folder, like a repository's .gitignore. */
export interface OuterExclusions {
  /** The folder the patterns (and its own .minivetignore) are relative to. */
  base: string;
  patterns: readonly string[];
}

/**
 * What is not app code in the folder `root`: its own `.minivetignore` (a regular file inside it, of
 * bounded size), and, from `outer.base` down, that folder's `.minivetignore` and the patterns given
 * with --exclude or the config's `exclude`, matched as a .gitignore would be.
 */
export function exclusionsFor(root: string, outer?: OuterExclusions): Exclusions {
  const own = matcher(root, []);
  const prefix = outer && relative(outer.base, root);
  const inOuter = prefix !== undefined && !prefix.startsWith('..') && !isAbsolute(prefix);
  const above = inOuter && outer ? matcher(outer.base, outer.patterns, prefix === '' ? own : undefined) : undefined;
  const ownOnly = prefix === '' ? undefined : own;
  if (!above && !ownOnly) return NO_EXCLUSIONS;
  const outerPath = (path: string) => (prefix ? `${prefix.split(sep).join('/')}/${path}` : path);
  return {
    excludes(path, isDirectory) {
      if (path === '' || path === '.') return false;
      const test = (rules: Ignore | undefined, at: string) => rules !== undefined && rules.ignores(isDirectory ? `${at}/` : at);
      return test(ownOnly, path) || test(above, outerPath(path));
    },
  };
}

/** The rules of a folder's .minivetignore and extra patterns (merged into `into` when given); undefined when there are none. */
function matcher(folder: string, patterns: readonly string[], into?: Ignore): Ignore | undefined {
  const fromFile = readTextFile(join(folder, IGNORE_FILE), MAX_IGNORE_FILE_BYTES);
  if (fromFile === undefined && patterns.length === 0) return into;
  return (into ?? ignore({ allowRelativePaths: true })).add(fromFile ?? '').add([...patterns]);
}
