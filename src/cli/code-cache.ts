import { readFileSync } from 'node:fs';
import { loadCommonJs, type CachedLoad } from '../util/code-cache.js';

/**
 * Loads the CLI's CommonJS bundle with V8's code cache (util/code-cache.ts). A new process otherwise
 * compiles the 1.9 MB bundle, and then each function as it is first called, before any file is read:
 * the cache, written by `npm run build` after a scan of the bundled example, holds that bytecode
 * (about 0.1 s of a 1.2 s scan). The cache is keyed on the bundle's build mark, so a cache from
 * another build of the bundle is never offered to it.
 */

/** The last line of a bundle built by scripts/bundle-cli.mjs: the hash of everything above it. */
const BUILD_MARK = /\/\/# minivet-build ([0-9a-f]+)\s*$/;

export type LoadedBundle = CachedLoad;

export function loadBundle(path: string): LoadedBundle {
  const source = readFileSync(path, 'utf8');
  return loadCommonJs(path, source, `${path}.cache`, BUILD_MARK.exec(source.slice(-200))?.[1]);
}
