import { posix } from 'node:path';

/**
 * Module resolution for a bundle of plain JavaScript, without the TypeScript compiler (which takes
 * about half a second to load). It answers exactly as TypeScript's Node10 resolution with `allowJs`
 * does when the bundle has no TypeScript files, no tsconfig.json and no node_modules folder, and
 * the specifier names a file: `./x` is `x.js` (then `x.jsx`); `./x.js` is itself. Anything it is
 * not sure of (a folder with that name, another extension) is left to TypeScript.
 */
export type PlainResolution = { file: string | undefined } | 'ask-typescript';

const TYPESCRIPT_FILE = /\.(?:ts|tsx|mts|cts)$/;
const LAST_SEGMENT_EXTENSION = /\.[^./]*$/;

/** Whether a bundle's files allow plain resolution at all. */
export function allowsPlainResolution(files: Iterable<string>): boolean {
  for (const file of files) {
    if (TYPESCRIPT_FILE.test(file) || file.endsWith('tsconfig.json') || file.startsWith('node_modules/') || file.includes('/node_modules/')) return false;
  }
  return true;
}

/**
 * One resolution attempt: `name` relative to the importing file's folder (`./x`, `../x`), from the
 * bundle root (`/x`), or bare (`x`, which only node_modules could hold, and there is none).
 */
export function resolvePlainly(name: string, from: string, files: ReadonlySet<string>, directories: ReadonlySet<string>): PlainResolution {
  if (!name.startsWith('.') && !name.startsWith('/')) return { file: undefined };
  // `.`, `..` and `x/` name folders only.
  if (/(?:^|\/)\.{0,2}$/.test(name)) return 'ask-typescript';
  const target = posix.join(name.startsWith('/') ? '/' : posix.dirname(`/${from}`), name).slice(1);
  const extension = LAST_SEGMENT_EXTENSION.exec(posix.basename(target))?.[0];
  // `x.js` is tried as itself first; an unknown extension (`jquery.min`) is part of the name.
  const candidates = extension === '.js' ? [target, `${target.slice(0, -3)}.jsx`, `${target}.js`, `${target}.jsx`] : [`${target}.js`, `${target}.jsx`];
  if (extension !== undefined && extension !== '.js' && /^\.(?:jsx|mjs|cjs|json|d)$/.test(extension)) return 'ask-typescript';
  const found = candidates.find((candidate) => files.has(candidate));
  if (found) return { file: found };
  return directories.has(target) || target === '' ? 'ask-typescript' : { file: undefined };
}
