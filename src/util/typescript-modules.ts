import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Estree from '@typescript-eslint/typescript-estree';
import type ts from 'typescript';
import { PACKAGE_ROOT } from '../version.js';
import { loadCommonJs, type CachedLoad } from './code-cache.js';

/**
 * The TypeScript compiler and typescript-estree, loaded on first use, never on import: a JavaScript
 * app loads neither. Loading them costs most of a second in a new process (the compiler is 9 MB of
 * JavaScript, typescript-estree about 130 small modules), so where the build left them ready
 * (scripts/bundle-cli.mjs: typescript-estree bundled into one file, and the code cache of both),
 * they are run from V8's code cache; otherwise they are required from node_modules as usual.
 */

const VENDOR = fileURLToPath(new URL('dist/vendor/', PACKAGE_ROOT));
const ESTREE_BUNDLE = `${VENDOR}typescript-estree.cjs`;
const requireHere = createRequire(import.meta.url);
/** Each load that ran from a cache file, for the build to write its cache (saveTypescriptCodeCaches). */
const cachedLoads: CachedLoad[] = [];

let compiler: typeof ts | undefined;
let estree: typeof Estree | undefined;

export function typescriptCompiler(): typeof ts {
  compiler ??= loadCompiler();
  return compiler;
}

export function typescriptEstree(): typeof Estree {
  estree ??= existsSync(ESTREE_BUNDLE) ? loadEstreeBundle() : (requireHere('@typescript-eslint/typescript-estree') as typeof Estree);
  return estree;
}

function loadEstreeBundle(): typeof Estree {
  typescriptCompiler(); // first, so that the bundle's require('typescript') finds it registered
  return loadCached(ESTREE_BUNDLE, 'typescript-estree') as typeof Estree;
}

/** What became of each code cache offered so far (for the build's own check, and tests). */
export function typescriptCodeCaches(): CachedLoad['cache'][] {
  return cachedLoads.map((load) => load.cache);
}

/** Writes the code cache of each module loaded so far, when the build asks for it (MINIVET_WRITE_CODE_CACHE). */
export function saveTypescriptCodeCaches(): void {
  for (const load of cachedLoads) load.saveCache();
}

/**
 * The compiler, from the code cache when the build made one, and registered as node_modules'
 * `typescript` so that the bundled typescript-estree's `require('typescript')` gets the same copy.
 */
function loadCompiler(): typeof ts {
  const path = requireHere.resolve('typescript');
  // Already loaded by the host (an editor's ESLint with @typescript-eslint/parser): that copy, not a second one.
  const loaded = requireHere.cache[path];
  if (loaded?.loaded) return loaded.exports as typeof ts;
  if (!existsSync(VENDOR)) return requireHere(path) as typeof ts;
  const exports = loadCached(path, 'typescript');
  const module = new Module(path);
  module.filename = path;
  module.paths = requireHere.resolve.paths('typescript') ?? [];
  module.exports = exports;
  module.loaded = true;
  requireHere.cache[path] = module;
  return exports as typeof ts;
}

function loadCached(path: string, name: string): Record<string, unknown> {
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha256').update(source).digest('hex').slice(0, 32);
  const load = loadCommonJs(path, source, `${VENDOR}${name}.cjs.cache`, key);
  cachedLoads.push(load);
  return load.exports;
}
