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
 * bounded size), and, when `root` lies in `outer.base`, that folder's `.minivetignore` and the
 * patterns given with --exclude or the config's `exclude`, matched from there as a .gitignore would be.
 */
export function exclusionsFor(root: string, outer?: OuterExclusions): Exclusions {
  const prefix = outer && pathInside(outer.base, root);
  const tests: ((path: string, isDirectory: boolean) => boolean)[] = [];
  // The same folder: its ignore file is read once, as the outer one.
  if (prefix !== '') addTest(tests, matcher(root, []), (path) => path);
  if (prefix !== undefined) addTest(tests, matcher(outer!.base, outer!.patterns), (path) => (prefix === '' ? path : `${prefix}/${path}`));
  if (tests.length === 0) return NO_EXCLUSIONS;
  return { excludes: (path, isDirectory) => path !== '' && path !== '.' && tests.some((test) => test(path, isDirectory)) };
}

function addTest(tests: ((path: string, isDirectory: boolean) => boolean)[], rules: Ignore | undefined, place: (path: string) => string): void {
  if (rules) tests.push((path, isDirectory) => rules.ignores(isDirectory ? `${place(path)}/` : place(path)));
}

/** `folder`'s POSIX path inside `base` ('' for `base` itself), or undefined when it lies outside. */
function pathInside(base: string, folder: string): string | undefined {
  const path = relative(base, folder);
  return path.startsWith('..') || isAbsolute(path) ? undefined : path.split(sep).join('/');
}

/** The rules of a folder's .minivetignore and extra patterns; undefined when there are none. */
function matcher(folder: string, patterns: readonly string[]): Ignore | undefined {
  const fromFile = readTextFile(join(folder, IGNORE_FILE), MAX_IGNORE_FILE_BYTES);
  if (fromFile === undefined && patterns.length === 0) return undefined;
  return ignore({ allowRelativePaths: true }).add(fromFile ?? '').add([...patterns]);
}
