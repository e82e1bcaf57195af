import { posix } from 'node:path';

/**
 * Module resolution for a bundle of plain JavaScript, without the TypeScript compiler (which takes
 * about half a second to load). It answers exactly as TypeScript's Node10 resolution with `allowJs`
 * does when the bundle has no TypeScript files and no tsconfig.json, and the specifier names a
 * file or a folder: `./x` is `x.js` (then `x.jsx`), else `x/index.js`; `./x.js` is itself; a bare
 * `x` is looked for in the `node_modules` folder of each folder up from the importing file. Anything
 * it is not sure of (a package.json it cannot read plainly, another extension) is left to TypeScript.
 */
export type PlainResolution = { file: string | undefined } | 'ask-typescript';

const TYPESCRIPT_FILE = /\.(?:ts|tsx|mts|cts)$/;
const LAST_SEGMENT_EXTENSION = /\.[^./]*$/;

/** Whether a bundle's files allow plain resolution at all. */
export function allowsPlainResolution(files: Iterable<string>): boolean {
  for (const file of files) {
    if (TYPESCRIPT_FILE.test(file) || file.endsWith('tsconfig.json')) return false;
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
 * bundle root (`/x`), or bare (`x`, `@scope/x/lib/y`: a package in a node_modules folder).
 */
export function resolvePlainly(name: string, from: string, bundle: PlainBundle): PlainResolution {
  // TypeScript reads `\` as `/`; such names are rare enough to leave to it.
  if (name.includes('\\')) return 'ask-typescript';
  if (!name.startsWith('.') && !name.startsWith('/')) return resolvePackage(name, from, bundle);
  // `x/` names a folder only; `.`, `..`, `./` and `/` (TypeScript has its own ways with them) are left to it.
  const folderOnly = name.endsWith('/') && !/(?:^|\/)\.{0,2}\/$/.test(name);
  if (!folderOnly && /(?:^|\/)\.{0,2}$/.test(name)) return 'ask-typescript';
  const target = posix.join(name.startsWith('/') ? '/' : posix.dirname(`/${from}`), name).slice(1).replace(/\/$/, '');
  return folderOnly ? resolveFolder(target, bundle, 0) : resolvePath(target, bundle, 0);
}

/** A bare name: `node_modules/<name>` in the importing file's folder, then in each folder above it (none named node_modules itself). */
function resolvePackage(name: string, from: string, bundle: PlainBundle): PlainResolution {
  // `x/lib/` names a folder only; names TypeScript reads its own way (`x/.`, a scope alone) are left to it.
  const folderOnly = name.endsWith('/') && !/(?:^|\/)\.{0,2}\/$/.test(name);
  if ((!folderOnly && /(?:^|\/)\.{0,2}$/.test(name)) || /^@[^/]*\/?$/.test(name)) return 'ask-typescript';
  const path = name.replace(/\/$/, '');
  for (let folder = posix.dirname(`/${from}`); ; folder = posix.dirname(folder)) {
    if (posix.basename(folder) !== 'node_modules') {
      const modules = posix.join(folder, 'node_modules').slice(1);
      if (bundle.directories.has(modules)) {
        // `x/./y`, `x//y` and `x/../y` are read as TypeScript normalises them, and only while they stay inside node_modules.
        const target = posix.join(modules, path);
        if (!target.startsWith(`${modules}/`) || movesSubpaths(modules, path, bundle)) return 'ask-typescript';
        const found = folderOnly ? resolveFolder(target, bundle, 0) : resolvePath(target, bundle, 0);
        if (found === 'ask-typescript' || found.file !== undefined) return found;
      }
    }
    if (folder === '/') return { file: undefined };
  }
}

/** `pkg/sub` where pkg's package.json is one TypeScript may read paths from (typesVersions, or one it cannot parse). */
function movesSubpaths(modules: string, name: string, bundle: PlainBundle): boolean {
  const packageName = name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');
  if (packageName === name) return false;
  const manifest = `${modules}/${packageName}/package.json`;
  return bundle.files.has(manifest) && mainField(bundle.readText(manifest)) === 'unusual';
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
  // typesVersions can move a package's paths (TypeScript reads it on its own terms).
  if (Object.hasOwn(manifest, 'typesVersions')) return 'unusual';
  if (!Object.hasOwn(manifest, 'main')) return undefined;
  const main = (manifest as Record<string, unknown>).main;
  return typeof main === 'string' && main !== '' && !main.startsWith('/') && !/(?:^|\/)\.{1,2}(?:\/|$)/.test(main.replace(/^\.\//, '')) ? main : 'unusual';
}
