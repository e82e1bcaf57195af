import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads the CLI's CommonJS bundle with V8's code cache. A new process otherwise compiles the 1.9 MB
 * bundle, and then each function as it is first called, before any file is read: the cache, written
 * by `npm run build` after a scan of the bundled example, holds that bytecode (about 0.1 s of a
 * 1.2 s scan). V8 rejects a cache from another Node version or other flags, and then compiles as
 * before; a cache from another build of the bundle is never offered to it (see BUILD_MARK).
 */

/** The last line of a bundle built by scripts/bundle-cli.mjs: the hash of everything above it. */
const BUILD_MARK = /\/\/# minivet-build ([0-9a-f]+)\s*$/;
const HEADER = 'minivet-code-cache ';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** What became of the cache: none for this build, or offered to V8 and used or rejected. */
  cache: 'none' | 'used' | 'rejected';
  /** Writes the cache of everything compiled so far, when the build asks for it (MINIVET_WRITE_CODE_CACHE). */
  saveCache(): void;
}

export function loadBundle(path: string): LoadedBundle {
  const source = readFileSync(path, 'utf8');
  const build = BUILD_MARK.exec(source.slice(-200))?.[1];
  const cacheFile = `${path}.cache`;
  const cachedData = build === undefined ? undefined : readCache(cacheFile, build);
  // The wrapper keeps the bundle's first line on line 1, so positions in stack traces stay true.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: path, ...(cachedData && { cachedData }) });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  let saved = false;
  return {
    exports: module.exports,
    cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used',
    saveCache() {
      if (saved || build === undefined || process.env.MINIVET_WRITE_CODE_CACHE !== '1') return;
      saved = true;
      writeFileSync(`${cacheFile}.part`, Buffer.concat([Buffer.from(`${HEADER}${build}\n`), script.createCachedData()]));
      renameSync(`${cacheFile}.part`, cacheFile);
    },
  };
}

/** The cached bytecode for this build of the bundle, if the cache file holds it. */
function readCache(file: string, build: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${HEADER}${build}\n`);
  return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : undefined;
}
