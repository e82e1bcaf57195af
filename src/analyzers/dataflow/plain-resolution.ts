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

/** What plain resolution reads: the bundle's files, its folders, and a file's text (for package.json). */
export interface PlainBundle {
  files: ReadonlySet<string>;
  directories: ReadonlySet<string>;
  readText(path: string): string | undefined;
}

/** Folders a package.json `main` may lead through before TypeScript is asked instead. */
const MAX_MAIN_HOPS = 4;

/**
 * One resolution attempt: `name` relative to the importing file's folder (`./x`, `../x`), from the
 * bundle root (`/x`), or bare (`x`, which only node_modules could hold, and there is none).
 */
export function resolvePlainly(name: string, from: string, bundle: PlainBundle): PlainResolution {
  if (!name.startsWith('.') && !name.startsWith('/')) return { file: undefined };
  // `.`, `..` and `x/` (TypeScript has its own ways with them) are left to it.
  if (/(?:^|\/)\.{0,2}$/.test(name)) return 'ask-typescript';
  return resolvePath(posix.join(name.startsWith('/') ? '/' : posix.dirname(`/${from}`), name).slice(1), bundle, 0);
}

/** `target` as a file (`x.js`, then `x.jsx`), then as a folder. */
function resolvePath(target: string, bundle: PlainBundle, hops: number): PlainResolution {
  const extension = LAST_SEGMENT_EXTENSION.exec(posix.basename(target))?.[0];
  if (extension !== undefined && /^\.(?:jsx|mjs|cjs|d)$/.test(extension)) return 'ask-typescript';
  // `x.js` is tried as itself first; an unknown extension (`jquery.min`) is part of the name.
  const candidates = extension === '.js' ? [target, `${target.slice(0, -3)}.jsx`, `${target}.js`, `${target}.jsx`] : [`${target}.js`, `${target}.jsx`];
  const found = candidates.find((candidate) => bundle.files.has(candidate));
  return found ? { file: found } : resolveFolder(target, bundle, hops);
}

/** A folder: the file its package.json `main` names, else its index.js. */
function resolveFolder(folder: string, bundle: PlainBundle, hops: number): PlainResolution {
  if (folder === '') return 'ask-typescript';
  if (!bundle.directories.has(folder)) return { file: undefined };
  const manifest = `${folder}/package.json`;
  if (bundle.files.has(manifest)) {
    const main = mainField(bundle.readText(manifest));
    if (main === 'unusual' || hops >= MAX_MAIN_HOPS) return 'ask-typescript';
    if (main !== undefined) {
      const target = posix.join(`/${folder}`, main).slice(1);
      // A main that names a script is taken as it is; otherwise it is resolved like a specifier.
      const named = /\.js$/.test(target) && bundle.files.has(target) ? { file: target } : resolvePath(target, bundle, hops + 1);
      if (named === 'ask-typescript' || named.file !== undefined) return named;
    }
  }
  return { file: [`${folder}/index.js`, `${folder}/index.jsx`].find((candidate) => bundle.files.has(candidate)) };
}

/** package.json's `main`: a plain relative path, absent (undefined), or anything else ('unusual': TypeScript decides). */
function mainField(text: string | undefined): string | undefined | 'unusual' {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text ?? '');
  } catch {
    return 'unusual';
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return 'unusual';
  if (!Object.hasOwn(manifest, 'main')) return undefined;
  const main = (manifest as Record<string, unknown>).main;
  return typeof main === 'string' && main !== '' && !main.startsWith('/') && !/(?:^|\/)\.{1,2}(?:\/|$)/.test(main.replace(/^\.\//, '')) ? main : 'unusual';
}
