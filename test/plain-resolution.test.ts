import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allowsPlainResolution, resolvePlainly } from '../src/analyzers/dataflow/plain-resolution.js';
import { ModuleResolver } from '../src/analyzers/dataflow/modules.js';

const typescript = createRequire(import.meta.url)('typescript') as typeof ts;

/** What TypeScript's Node10 resolution (the resolver minivet falls back to) answers over the same in-memory bundle. */
function typescriptAnswer(name: string, from: string, files: Set<string>, directories: Set<string>, texts: Map<string, string>): string | undefined {
  const inBundle = (path: string) => (path.startsWith('/') ? path.slice(1).replace(/\/$/, '') : '\0');
  const host: ts.ModuleResolutionHost = {
    fileExists: (path) => files.has(inBundle(path)),
    readFile: (path) => texts.get(inBundle(path)),
    directoryExists: (path) => path === '/' || directories.has(inBundle(path)),
    getCurrentDirectory: () => '/',
    realpath: (path) => path,
  };
  const options = { allowJs: true, moduleResolution: typescript.ModuleResolutionKind.Node10 };
  return typescript.resolveModuleName(name, `/${from}`, options, host).resolvedModule?.resolvedFileName.slice(1);
}

/** A small deterministic generator, so a failure names a bundle that can be rebuilt. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    // The high bits: the low bits of this generator repeat with short periods.
    return Math.floor(state / 65536) % n;
  };
}

const FOLDERS = ['', 'a/', 'a/b/', 'utils/', 'x/', 'x.js/', 'api/', 'x/a/', 'x/b/', 'node_modules/', 'node_modules/x/', 'node_modules/x/lib/', 'node_modules/@s/x/', 'a/node_modules/x/', 'node_modules/x/node_modules/y/', 'node_modules/y/'];
const NAMES = ['x', 'index', 'x.min', 'y', 'x.js', 'x.json'];
const EXTENSIONS = ['.js', '.jsx', '.json', '.wxs', '.mjs', '.cjs', ''];
const SPECIFIERS = ['./api', '../api/', '/a/b', './x', '../x', '/x', 'x', './x.js', './x.min', '.', '/', './a', '../../x', '/a/b/x', './x.jsx', './x.json', './x.mjs', './index', '..', './utils/', '/x.js', './y.wxs', './x.js.js', 'y', 'x/lib', 'x/lib/x', 'x/x.js', '@s/x', '@s/x/index', 'x/', '@s', 'y/x.min', 'x/lib/', './x/', '../x/', '/x/', './x.js/', 'x/lib/x/', '@s/x/', 'y/', 'x/./lib', 'x//lib', 'x/../y', 'x/lib/../x.js', './a\\b'];

function bundle(next: (n: number) => number): { files: Set<string>; directories: Set<string>; texts: Map<string, string> } {
  const files = new Set<string>();
  const texts = new Map<string, string>();
  for (let i = 0; i < 2 + next(10); i++) files.add(`${FOLDERS[next(FOLDERS.length)]}${NAMES[next(NAMES.length)]}${EXTENSIONS[next(EXTENSIONS.length)]}`);
  if (next(3) === 0) {
    const folder = FOLDERS[1 + next(FOLDERS.length - 1)]!;
    files.add(`${folder}package.json`);
    const mains = ['index.js', 'y', './y.js', 'x.min', 'a', 'b/', '', '../x', 7, undefined, 'lib/x.js', 'lib'];
    const manifest = next(6) === 0 ? { main: mains[next(mains.length)], typesVersions: { '*': { '*': ['lib/*'] } } } : { main: mains[next(mains.length)] };
    texts.set(`${folder}package.json`, next(8) === 0 ? '{ not json' : JSON.stringify(manifest));
  }
  const directories = new Set<string>();
  for (const file of files) for (let dir = posix.dirname(file); dir !== '.'; dir = posix.dirname(dir)) directories.add(dir);
  return { files, directories, texts };
}

const ROUNDS = 1500;

describe('plain module resolution', () => {
  it('answers as TypeScript does, or asks it, for 1,500 generated bundles of plain JavaScript', () => {
    const next = random(7);
    let answered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { files, directories, texts } = bundle(next);
      const from = [...files][next(files.size)]!;
      for (const specifier of SPECIFIERS) {
        const plainly = resolvePlainly(specifier, from, { files, directories, readText: (path) => texts.get(path) });
        if (plainly === 'ask-typescript') continue;
        answered++;
        expect({ specifier, from, files: [...files].sort(), file: plainly.file }).toEqual({ specifier, from, files: [...files].sort(), file: typescriptAnswer(specifier, from, files, directories, texts) });
      }
    }
    // Most attempts are answered without TypeScript, which is the point.
    expect(answered).toBeGreaterThan(ROUNDS * SPECIFIERS.length * 0.5);
  });

  it('climbs to the nearest node_modules holding a package, as TypeScript does', () => {
    const files = new Set(['a/b/page.js', 'a/node_modules/x/index.js', 'node_modules/x/index.js', 'node_modules/x/node_modules/z/index.js', 'node_modules/y/package.json', 'node_modules/y/lib/main.js', 'node_modules/@s/w/dist/w.js']);
    const texts = new Map([['node_modules/y/package.json', JSON.stringify({ main: 'lib/main.js' })]]);
    const directories = new Set<string>();
    for (const file of files) for (let dir = posix.dirname(file); dir !== '.'; dir = posix.dirname(dir)) directories.add(dir);
    const cases: [string, string, string | undefined][] = [
      ['x', 'a/b/page.js', 'a/node_modules/x/index.js'],
      ['z', 'node_modules/x/index.js', 'node_modules/x/node_modules/z/index.js'],
      ['y', 'node_modules/x/node_modules/z/index.js', 'node_modules/y/lib/main.js'],
      ['@s/w/dist/w', 'a/b/page.js', 'node_modules/@s/w/dist/w.js'],
      ['z', 'a/b/page.js', undefined],
    ];
    for (const [specifier, from, expected] of cases) {
      const plainly = resolvePlainly(specifier, from, { files, directories, readText: (path) => texts.get(path) });
      expect({ specifier, from, plainly }).toEqual({ specifier, from, plainly: { file: expected } });
      expect(typescriptAnswer(specifier, from, files, directories, texts)).toBe(expected);
    }
  });

  it('is off when the bundle has TypeScript or a tsconfig.json', () => {
    expect(allowsPlainResolution(['app.js', 'pages/a.js', 'project.config.json'])).toBe(true);
    expect(allowsPlainResolution(['app.js', 'utils/x.ts'])).toBe(false);
    expect(allowsPlainResolution(['app.js', 'types/wx.d.ts'])).toBe(false);
    expect(allowsPlainResolution(['app.js', 'tsconfig.json'])).toBe(false);
    expect(allowsPlainResolution(['app.js', 'node_modules/x/index.js'])).toBe(true);
    expect(allowsPlainResolution(['app.js', 'node_modules/x/index.d.ts'])).toBe(false);
  });
});

describe('module resolution of packages that ship type declarations', () => {
  const texts = new Map([['node_modules/pkg/package.json', JSON.stringify({ main: 'lib/index.js', types: 'index.d.ts' })]]);
  const resolve = (extra: string[]) => new ModuleResolver(new Set(['app.js', 'node_modules/pkg/package.json', 'node_modules/pkg/index.d.ts', 'node_modules/pkg/lib/index.js', ...extra]), (path) => texts.get(path)).resolve('pkg', 'app.js');

  it('reads a folder specifier the same way with or without TypeScript in the bundle', () => {
    const folder = (extra: string[]) => new ModuleResolver(new Set(['app.js', 'lib/index.js', ...extra]), () => undefined).resolve('./lib/', 'app.js');
    expect(folder([])).toBe('lib/index.js');
    expect(folder(['a.ts'])).toBe('lib/index.js');
  });

  it('takes the code a package runs, not its declarations, with or without TypeScript in the bundle', () => {
    expect(resolve([])).toBe('node_modules/pkg/lib/index.js');
    expect(resolve(['utils/a.ts'])).toBe('node_modules/pkg/lib/index.js');
  });
});
