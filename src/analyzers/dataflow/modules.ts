import type ts from 'typescript';
import { posix } from 'node:path';
import { typescriptCompiler as compiler } from '../../util/typescript-modules.js';
import { allowsPlainResolution, resolvePlainly, type PlainBundle } from './plain-resolution.js';

const SCRIPT = /\.(?:js|ts|mjs|cjs|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;

/**
 * Resolves module specifiers to files of the bundle with TypeScript's own resolution (extensions,
 * index files, package.json `main`, tsconfig `baseUrl`/`paths`), over an in-memory view of the
 * bundle: nothing outside it is read. Mini-app runtimes also accept `/x` (from the mini-app root),
 * a bare `utils/x` (from the requiring file) and packages under `miniprogram_npm/`.
 */
export class ModuleResolver {
  private readonly host: ts.ModuleResolutionHost;
  private readonly configured: ts.CompilerOptions;
  private options: ts.CompilerOptions | undefined;
  /** A bundle of plain JavaScript resolves without loading TypeScript (see plain-resolution.ts). */
  private plain: boolean;
  private readonly plainBundle: PlainBundle;
  private readonly cache = new Map<string, string | undefined>();
  private readonly directories = new Set<string>();
  private readonly files: Set<string>;

  /** The mini-app root inside the bundle ('' when they coincide): `/x` and bare `x` start there. */
  private readonly root: string;

  constructor(files: ReadonlySet<string>, readText: (path: string) => string | undefined, appRoot = '') {
    // Declaration files describe types and never run: a package's code is its JavaScript, whatever its `types` field names.
    this.files = new Set([...files].filter((file) => !DECLARATION.test(file)));
    this.root = appRoot ? `/${appRoot}` : '';
    for (const file of this.files) this.addDirectories(file);
    // TypeScript asks for folders with a trailing slash (`/lib/` for `./lib/`); the bundle's paths have none.
    const inBundle = (path: string): string | undefined => (path.startsWith('/') ? path.slice(1).replace(/\/$/, '') : undefined);
    this.host = {
      fileExists: (path) => this.files.has(inBundle(path) ?? ''),
      readFile: (path) => {
        const file = inBundle(path);
        return file !== undefined && this.files.has(file) ? readText(file) : undefined;
      },
      directoryExists: (path) => path === '/' || this.directories.has(inBundle(path) ?? ''),
      getCurrentDirectory: () => '/',
      realpath: (path) => path,
    };
    // The TypeScript template keeps tsconfig.json beside the mini-app root's parent or in it.
    const tsconfig = [appRoot && `${appRoot}/tsconfig.json`, 'tsconfig.json'].find((path) => path && this.files.has(path));
    const configured = tsconfig ? pathsOf(readText(tsconfig), posix.dirname(`/${tsconfig}`)) : { options: {}, dropped: [] };
    this.configured = configured.options;
    this.plain = !tsconfig && allowsPlainResolution(this.files);
    this.plainBundle = { files: this.files, directories: this.directories, readText };
    this.configProblems = tsconfig ? configured.dropped.map((pattern) => ({ file: tsconfig, message: `tsconfig "paths" entry ${JSON.stringify(pattern).slice(0, 200)} is not an array of path strings; ignored, and modules are resolved without it` })) : [];
  }

  /** Entries of the bundle's tsconfig.json that could not be used (each is left out; resolution goes on). */
  readonly configProblems: readonly { file: string; message: string }[];

  /** A module that exists only inside a compiled bundle (`define("utils/x.js", …)`). */
  addFile(path: string): void {
    if (this.files.has(path) || DECLARATION.test(path)) return;
    this.files.add(path);
    this.addDirectories(path);
    this.plain &&= allowsPlainResolution([path]);
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
      const file = this.resolveOne(name, from);
      if (file && SCRIPT.test(file) && this.files.has(file)) return file;
    }
    return undefined;
  }

  private resolveOne(name: string, from: string): string | undefined {
    const plainly = this.plain ? resolvePlainly(name, from, this.plainBundle) : 'ask-typescript';
    if (plainly !== 'ask-typescript') return plainly.file;
    this.options ??= { allowJs: true, moduleResolution: compiler().ModuleResolutionKind.Node10, ...this.configured };
    return compiler().resolveModuleName(name, `/${from}`, this.options, this.host).resolvedModule?.resolvedFileName?.slice(1);
  }
}

/** `baseUrl` and `paths` of the bundle's tsconfig.json (the only options that move modules), and the `paths` patterns left out. */
function pathsOf(text: string | undefined, dir: string): { options: ts.CompilerOptions; dropped: string[] } {
  if (!text) return { options: {}, dropped: [] };
  const parsed = compiler().parseConfigFileTextToJson('tsconfig.json', text);
  // TypeScript's JSON reader turns a "__proto__" key into the prototype: read own properties only.
  const ownValue = (object: unknown, key: string): unknown => (object && typeof object === 'object' && Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined);
  const compilerOptions = ownValue(parsed.config, 'compilerOptions');
  if (!compilerOptions) return { options: {}, dropped: [] };
  const options: ts.CompilerOptions = {};
  const baseUrl = ownValue(compilerOptions, 'baseUrl');
  if (typeof baseUrl === 'string') options.baseUrl = posix.join(dir, baseUrl);
  const { valid, dropped } = pathMappings(ownValue(compilerOptions, 'paths'));
  if (valid) {
    options.paths = valid;
    options.pathsBasePath = dir;
  }
  return { options, dropped };
}

/**
 * The `paths` entries TypeScript can use: a pattern mapped to an array of strings. A bundle's
 * tsconfig may hold anything (`{"*": [null]}` makes the resolver throw); other entries are dropped,
 * so one bad entry never switches module resolution off.
 */
function pathMappings(paths: unknown): { valid?: ts.MapLike<string[]>; dropped: string[] } {
  if (!paths || typeof paths !== 'object' || Array.isArray(paths)) return { dropped: [] };
  const valid: ts.MapLike<string[]> = Object.create(null) as ts.MapLike<string[]>;
  const dropped: string[] = [];
  for (const [pattern, targets] of Object.entries(paths)) {
    if (Array.isArray(targets) && targets.length > 0 && targets.every((target) => typeof target === 'string')) valid[pattern] = targets as string[];
    else dropped.push(pattern);
  }
  return { ...(Object.keys(valid).length > 0 && { valid }), dropped };
}
