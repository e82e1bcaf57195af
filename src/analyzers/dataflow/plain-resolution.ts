import { posix } from 'node:path';

/**
 * Module resolution for a bundle of plain JavaScript, without the TypeScript compiler (which takes
 * about half a second to load). It answers exactly as TypeScript's Node10 resolution with `allowJs`
 * does when the bundle has no TypeScript files, no tsconfig.json and no node_modules folder, and
 * the specifier names a file or a folder: `./x` is `x.js` (then `x.jsx`), else `x/index.js`;
 * `./x.js` is itself. Anything it is not sure of (a folder with a package.json, another extension)
 * is left to TypeScript.
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
  const target = posix.join(name.startsWith('/') ? '/' : posix.dirname(`/${from}`), name).slice(1);
  // `.`, `..` and `x/` (TypeScript has its own ways with them), and other extensions, are left to it.
  if (/(?:^|\/)\.{0,2}$/.test(name)) return 'ask-typescript';
  const extension = LAST_SEGMENT_EXTENSION.exec(posix.basename(target))?.[0];
  if (extension !== undefined && /^\.(?:jsx|mjs|cjs|d)$/.test(extension)) return 'ask-typescript';
  // `x.js` is tried as itself first; an unknown extension (`jquery.min`) is part of the name.
  const candidates = extension === '.js' ? [target, `${target.slice(0, -3)}.jsx`, `${target}.js`, `${target}.jsx`] : [`${target}.js`, `${target}.jsx`];
  const found = candidates.find((candidate) => files.has(candidate));
  return found ? { file: found } : resolveFolder(target, files, directories);
}

/** A folder's index file; a folder with a package.json (its `main`) is left to TypeScript. */
function resolveFolder(folder: string, files: ReadonlySet<string>, directories: ReadonlySet<string>): PlainResolution {
  if (folder === '') return 'ask-typescript';
  if (!directories.has(folder)) return { file: undefined };
  if (files.has(`${folder}/package.json`)) return 'ask-typescript';
  return { file: [`${folder}/index.js`, `${folder}/index.jsx`].find((candidate) => files.has(candidate)) };
}
