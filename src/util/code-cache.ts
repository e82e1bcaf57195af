import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/**
 * Runs a CommonJS file with V8's code cache: a new process otherwise compiles the file, and then
 * each function as it is first called. The cache file starts with a header naming `key`, which the
 * caller derives from the file's exact text; a cache written for other text is never offered to V8
 * (V8 itself only compares lengths). V8 rejects a cache from another Node version or other flags,
 * and then compiles as before.
 */
export interface CachedLoad {
  exports: Record<string, unknown>;
  /** What became of the cache: none for this key, or offered to V8 and used or rejected. */
  cache: 'none' | 'used' | 'rejected';
  /** Writes the cache of everything compiled so far, when the build asks for it (MINIVET_WRITE_CODE_CACHE). */
  saveCache(): void;
}

const HEADER = 'minivet-code-cache ';

export function loadCommonJs(path: string, source: string, cacheFile: string, sourceKey: string | undefined): CachedLoad {
  // A copy: a key matched out of the file's text is a slice that would keep the whole text (megabytes) alive for the run.
  const key = sourceKey === undefined ? undefined : Buffer.from(sourceKey).toString();
  const cachedData = key === undefined ? undefined : readCache(cacheFile, key);
  // The wrapper keeps the file's first line on line 1, so positions in stack traces stay true.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: path, ...(cachedData && { cachedData }) });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  let saved = false;
  return {
    exports: module.exports,
    cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used',
    saveCache() {
      if (saved || key === undefined || process.env.MINIVET_WRITE_CODE_CACHE !== '1') return;
      saved = true;
      // A part file of this process and thread's own: two writers never share one (the rename is atomic).
      const part = `${cacheFile}.${process.pid}.${threadId}.part`;
      writeFileSync(part, Buffer.concat([Buffer.from(`${HEADER}${key}\n`), script.createCachedData()]));
      renameSync(part, cacheFile);
    },
  };
}

/** The cached bytecode for this key, if the cache file holds it. */
function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${HEADER}${key}\n`);
  return data.subarray(0, header.length).equals(header) ? data.subarray(header.length) : undefined;
}
