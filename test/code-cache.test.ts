import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../src/cli/code-cache.js';
import { REPO } from './helpers/run-cli.js';

describe('the CLI bundle loader and its code cache', () => {
  let dir: string;
  const saved = process.env.MINIVET_WRITE_CODE_CACHE;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minivet-code-cache-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.MINIVET_WRITE_CODE_CACHE;
    else process.env.MINIVET_WRITE_CODE_CACHE = saved;
  });
  const writeBundle = (mark: string | undefined, answer = 42): string => {
    const path = join(dir, 'app.bundle.cjs');
    writeFileSync(path, `exports.answer = function () { return ${answer}; };\nexports.file = __filename;\n${mark === undefined ? '' : `//# minivet-build ${mark}\n`}`);
    return path;
  };

  /** Loads the bundle in a fresh process (V8's in-memory compilation cache would otherwise answer for it): the cache's fate and the answer. */
  const loadInChild = (path: string): string => {
    const probe = `import { loadBundle } from ${JSON.stringify(join(REPO, 'dist/cli/code-cache.js'))}; const loaded = loadBundle(${JSON.stringify(path)}); console.log(loaded.cache, loaded.exports.answer());`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();
  };

  it('runs the bundle as CommonJS, and uses the cache the build wrote for it', () => {
    const path = writeBundle('0a1b2c');
    const first = loadBundle(path);
    expect((first.exports.answer as () => number)()).toBe(42);
    expect(first.exports.file).toBe(path);
    expect(first.cache).toBe('none');
    first.saveCache();
    expect(existsSync(`${path}.cache`)).toBe(false); // only when the build asks
    process.env.MINIVET_WRITE_CODE_CACHE = '1';
    first.saveCache();
    expect(readFileSync(`${path}.cache`).subarray(0, 26).toString()).toBe('minivet-code-cache 0a1b2c\n');
    expect(loadInChild(path)).toBe('used 42');
  });

  it('never offers one build’s cache to another build, even of the same length', () => {
    const path = writeBundle('0a1b2c');
    process.env.MINIVET_WRITE_CODE_CACHE = '1';
    loadBundle(path).saveCache();
    writeBundle('9f8e7d', 43);
    const other = loadBundle(path);
    expect(other.cache).toBe('none');
    expect((other.exports.answer as () => number)()).toBe(43);
  });

  it('runs the bundle as usual when its cache file is damaged', () => {
    const path = writeBundle('0a1b2c');
    process.env.MINIVET_WRITE_CODE_CACHE = '1';
    loadBundle(path).saveCache();
    const cache = readFileSync(`${path}.cache`);
    writeFileSync(`${path}.cache`, cache.subarray(0, Math.floor(cache.length / 2)));
    expect(loadInChild(path)).toBe('rejected 42');
    writeFileSync(`${path}.cache`, 'minivet-code-cache 0a1b2c\n' + 'x'.repeat(500));
    expect(loadInChild(path)).toBe('rejected 42');
  });

  it('writes no cache for a bundle without a build mark', () => {
    const path = writeBundle(undefined);
    process.env.MINIVET_WRITE_CODE_CACHE = '1';
    const loaded = loadBundle(path);
    loaded.saveCache();
    expect(loaded.cache).toBe('none');
    expect(existsSync(`${path}.cache`)).toBe(false);
  });

  it('the built CLI bundle’s cache is accepted by V8 in a scan worker as bin/minivet.js starts it', () => {
    const bundle = join(REPO, 'dist/cli.bundle.cjs');
    // Same flags as bin/minivet.js before it starts the worker: V8 rejects a cache made under other flags.
    const probe = `
      import { setFlagsFromString } from 'node:v8';
      import { Worker } from 'node:worker_threads';
      setFlagsFromString('--heap-growing-percent=100');
      const worker = new Worker(${JSON.stringify(`import { loadBundle } from ${JSON.stringify(join(REPO, 'dist/cli/code-cache.js'))}; import { parentPort } from 'node:worker_threads'; parentPort.postMessage(loadBundle(${JSON.stringify(bundle)}).cache);`)}, { eval: true, resourceLimits: { stackSizeMb: 256 } });
      worker.on('message', (cache) => { console.log(cache); process.exit(0); });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout.trim()).toBe('used');
  });

  it('the build’s typescript-estree bundle and the compiler’s cache are used, and parse TypeScript as node_modules’ copies do', () => {
    const modules = join(REPO, 'dist/util/typescript-modules.js');
    const probe = `
      import { setFlagsFromString } from 'node:v8';
      import { Worker } from 'node:worker_threads';
      setFlagsFromString('--heap-growing-percent=100');
      const worker = new Worker(${JSON.stringify(`import { typescriptEstree, typescriptCompiler, typescriptCodeCaches } from ${JSON.stringify(modules)}; import { createRequire } from 'node:module'; import { parentPort } from 'node:worker_threads';
        const estree = typescriptEstree();
        const ast = estree.parse('let x: number = 1 as const;', { range: true, filePath: 'a.ts' });
        const same = createRequire(${JSON.stringify(modules)})('typescript') === typescriptCompiler();
        parentPort.postMessage([typescriptCodeCaches().join(' '), ast.body[0].declarations[0].id.typeAnnotation.type, same].join(' '));`)}, { eval: true, resourceLimits: { stackSizeMb: 256 } });
      worker.on('message', (answer) => { console.log(answer); process.exit(0); });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout.trim()).toBe('used used TSTypeAnnotation true');
  });

  it('uses the host’s copy of the compiler when the host loaded it first, and leaves require.cache as it was', () => {
    const modules = join(REPO, 'dist/util/typescript-modules.js');
    const probe = `import { createRequire } from 'node:module'; const host = createRequire(${JSON.stringify(modules)})('typescript'); const { typescriptCompiler, typescriptCodeCaches } = await import(${JSON.stringify(modules)}); console.log(typescriptCompiler() === host, createRequire(${JSON.stringify(modules)})('typescript') === host, typescriptCodeCaches().length);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout.trim()).toBe('true true 0');
  });
});
