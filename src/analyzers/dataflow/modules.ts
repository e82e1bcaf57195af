import ts from 'typescript';
import { posix } from 'node:path';

const SCRIPT = /\.(?:js|ts|mjs|cjs|mts|cts)$/;

/**
 * Resolves module specifiers to files of the bundle with TypeScript's own resolution (extensions,
 * index files, package.json `main`, tsconfig `baseUrl`/`paths`), over an in-memory view of the
 * bundle: nothing outside it is read. Mini-app runtimes also accept `/x` (from the mini-app root),
 * a bare `utils/x` (from the requiring file) and packages under `miniprogram_npm/`.
 */
export class ModuleResolver {
  private readonly host: ts.ModuleResolutionHost;
  private readonly options: ts.CompilerOptions;
  private readonly cache = new Map<string, string | undefined>();
  private readonly directories = new Set<string>();

  /** The mini-app root inside the bundle ('' when they coincide): `/x` and bare `x` start there. */
  private readonly root: string;

  constructor(private readonly files: Set<string>, readText: (path: string) => string | undefined, appRoot = '') {
    this.root = appRoot ? `/${appRoot}` : '';
    for (const file of files) this.addDirectories(file);
    const inBundle = (path: string): string | undefined => (path.startsWith('/') ? path.slice(1) : undefined);
    this.host = {
      fileExists: (path) => files.has(inBundle(path) ?? ''),
      readFile: (path) => {
        const file = inBundle(path);
        return file !== undefined && files.has(file) ? readText(file) : undefined;
      },
      directoryExists: (path) => path === '/' || this.directories.has(inBundle(path) ?? ''),
      getCurrentDirectory: () => '/',
      realpath: (path) => path,
    };
    // The TypeScript template keeps tsconfig.json beside the mini-app root's parent or in it.
    const tsconfig = [appRoot && `${appRoot}/tsconfig.json`, 'tsconfig.json'].find((path) => path && files.has(path));
    this.options = { allowJs: true, moduleResolution: ts.ModuleResolutionKind.Node10, ...(tsconfig && pathsOf(readText(tsconfig), posix.dirname(`/${tsconfig}`))) };
  }

  /** A module that exists only inside a compiled bundle (`define("utils/x.js", …)`). */
  addFile(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.addDirectories(path);
    this.cache.clear();
  }

  private addDirectories(file: string): void {
    for (let dir = posix.dirname(file); dir !== '.' && dir !== '/' && !this.directories.has(dir); dir = posix.dirname(dir)) this.directories.add(dir);
  }

  resolve(specifier: string, from: string): string | undefined {
    const key = `${posix.dirname(from)}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const resolved = this.compute(specifier.replace(/[?#].*$/, ''), from);
    this.cache.set(key, resolved);
    return resolved;
  }

  private compute(specifier: string, from: string): string | undefined {
    // Absolute specifiers start at the mini-app root, which is the root of the in-memory view.
    const attempts = specifier.startsWith('/')
      ? [`${this.root}${specifier}`]
      : specifier.startsWith('.')
        ? [specifier]
        : [specifier, `./${specifier}`, `${this.root}/miniprogram_npm/${specifier}`, `${this.root}/${specifier}`];
    for (const name of attempts) {
      const file = ts.resolveModuleName(name, `/${from}`, this.options, this.host).resolvedModule?.resolvedFileName;
      if (file && SCRIPT.test(file) && this.files.has(file.slice(1))) return file.slice(1);
    }
    return undefined;
  }
}

/** `baseUrl` and `paths` of the bundle's tsconfig.json (the only options that move modules). */
function pathsOf(text: string | undefined, dir: string): ts.CompilerOptions {
  if (!text) return {};
  const parsed = ts.parseConfigFileTextToJson('tsconfig.json', text);
  // TypeScript's JSON reader turns a "__proto__" key into the prototype: read own properties only.
  const ownValue = (object: unknown, key: string): unknown => (object && typeof object === 'object' && Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined);
  const options = ownValue(parsed.config, 'compilerOptions');
  if (!options) return {};
  const result: ts.CompilerOptions = {};
  const baseUrl = ownValue(options, 'baseUrl');
  const paths = ownValue(options, 'paths');
  if (typeof baseUrl === 'string') result.baseUrl = posix.join(dir, baseUrl);
  if (paths && typeof paths === 'object') {
    result.paths = paths as ts.MapLike<string[]>;
    result.pathsBasePath = dir;
  }
  return result;
}
