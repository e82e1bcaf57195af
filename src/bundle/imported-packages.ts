import { lstatSync, type Stats } from 'node:fs';
import { posix } from 'node:path';
import type { BundleFile, FileNotification } from '../types.js';
import { readBytes } from './safe-read.js';
import { decode, isInside, realPathOf, type ReadLimits } from './read-directory.js';

/** Bounds on what is read from node_modules: a few SDKs, not a whole dependency tree. */
const MAX_PACKAGE_FILES = 300;
const MAX_PACKAGE_BYTES = 8 * 1024 * 1024;
const MAX_SPECIFIERS = 2_000;
const SCRIPT_SUFFIXES = ['', '.js', '/index.js'];
/** `import x from 'pkg'`, `import 'pkg/sub'`, `require('./a')`, `export … from '../b'`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]{1,200})['"]/g;

interface Reading {
  root: string;
  /** The real path of the node_modules folder: a file whose real path leaves it (a linked folder) is not read. */
  realModules: string;
  /** Each bare specifier's entry, resolved once. */
  entries: Map<string, string[]>;
  files: BundleFile[];
  known: Set<string>;
  notifications: FileNotification[];
  limits: ReadLimits;
  bytes: number;
  count: number;
  capped: boolean;
}

/**
 * Adds the `node_modules` scripts a platform ships with the app because the app imports them
 * (Alipay and Baidu pack imported packages as they are): from each bare specifier in the app's own
 * scripts, and each component its pages' and components' `usingComponents` loads from a package,
 * the package's entry and every script it reaches by relative or bare specifiers, read as
 * third-party code. Links are not followed; nothing outside `<appRoot>/node_modules` is read.
 */
export function readImportedPackages(root: string, appRoot: string, files: BundleFile[], notifications: FileNotification[], limits: ReadLimits): void {
  const modulesDir = posix.join(appRoot, 'node_modules');
  // node_modules itself may be a link: read nothing unless its real path lies inside the scanned folder.
  const realRoot = realPathOf(root);
  const realModules = realPathOf(posix.join(root, modulesDir));
  if (realRoot === undefined || realModules === undefined || !isInside(realRoot, realModules)) return;
  const reading: Reading = { root, realModules, entries: new Map(), files, known: new Set(files.map((file) => file.path)), notifications, limits, bytes: 0, count: 0, capped: false };
  const queue: string[] = [];
  for (const file of files) {
    if (file.thirdParty) continue;
    const specifiers = file.kind === 'script' ? specifiersOf(file.text) : file.kind === 'json' ? componentsOf(file.text) : [];
    for (const specifier of new Set(specifiers)) if (isBare(specifier)) queue.push(...packageEntry(reading, modulesDir, specifier));
  }
  for (let index = 0; index < queue.length; index++) {
    const file = readScript(reading, queue[index]!);
    if (!file) continue;
    for (const specifier of new Set(specifiersOf(file.text))) {
      const targets = isBare(specifier) ? packageEntry(reading, modulesDir, specifier) : resolveScript(reading, posix.join(posix.dirname(file.path), specifier));
      queue.push(...targets.filter((path) => path.startsWith(`${modulesDir}/`) && !reading.known.has(path)));
    }
  }
  if (reading.capped) notifications.push({ kind: 'too-many-files', file: modulesDir, level: 'warning', message: `only the first ${MAX_PACKAGE_FILES} imported node_modules scripts (at most ${MAX_PACKAGE_BYTES / 1024 / 1024} MiB) were read` });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function specifiersOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1]!);
}

/** A page's or component's `usingComponents` (`"smt-rate": "@smt-ui/component/src/rate"`): the components it loads, whose scripts ship too. */
function componentsOf(text: string): string[] {
  if (text.length > MAX_COMPONENT_CONFIG_CHARS || !text.includes('usingComponents')) return [];
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return [];
  }
  const components = (config as { usingComponents?: unknown } | null)?.usingComponents;
  if (typeof components !== 'object' || components === null) return [];
  return Object.values(components).filter((value): value is string => typeof value === 'string');
}

const MAX_COMPONENT_CONFIG_CHARS = 256 * 1024;

/** A package specifier (`pkg`, `@scope/pkg/file`), not a path or a URL. */
export function isBare(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
}

/** `pkg`, `@scope/pkg/sub/file`: the script it names in node_modules, by package.json's entry or index.js. */
function packageEntry(reading: Reading, modulesDir: string, specifier: string): string[] {
  let entry = reading.entries.get(specifier);
  if (entry === undefined) {
    // Bounded too: a file may name thousands of specifiers (in comments as well).
    entry = reading.entries.size < MAX_SPECIFIERS ? resolvePackage(reading, modulesDir, specifier) : [];
    reading.entries.set(specifier, entry);
  }
  return entry;
}

function resolvePackage(reading: Reading, modulesDir: string, specifier: string): string[] {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.some((part) => part === '..' || part === '')) return [];
  const packageDir = posix.join(modulesDir, ...parts.slice(0, nameLength));
  const sub = parts.slice(nameLength).join('/');
  if (!sub) return manifestEntry(reading, packageDir);
  const direct = resolveScript(reading, posix.join(packageDir, sub));
  // A folder of its own package inside the package (`@smt-ui/component/src/rate`, whose package.json names `./src/index.js`).
  return direct.length > 0 ? direct : manifestEntry(reading, posix.join(packageDir, sub), false);
}

/** The script a package folder's package.json names (`module`, else `main`); else its index.js, when `orIndex`. */
function manifestEntry(reading: Reading, packageDir: string, orIndex = true): string[] {
  const manifest = readText(reading, posix.join(packageDir, 'package.json'), 64 * 1024);
  if (manifest === undefined && !orIndex) return [];
  let entry = 'index.js';
  try {
    const parsed = manifest === undefined ? undefined : (JSON.parse(manifest) as { module?: unknown; main?: unknown });
    const named = typeof parsed?.module === 'string' ? parsed.module : typeof parsed?.main === 'string' ? parsed.main : undefined;
    if (named && !named.split('/').includes('..')) entry = named;
  } catch {
    // A package.json that does not parse: its index.js, as Node would try.
  }
  return resolveScript(reading, posix.join(packageDir, entry));
}

/** The script a path names, with the suffixes module resolution tries. */
function resolveScript(reading: Reading, path: string): string[] {
  const normal = posix.normalize(path);
  for (const suffix of SCRIPT_SUFFIXES) {
    const candidate = `${normal}${suffix}`;
    if (candidate.endsWith('.js') && regularFileInside(reading, candidate)) return [candidate];
  }
  return [];
}

/** A regular file, not a link, whose real path stays inside node_modules: its stats, else undefined. */
function regularFileInside(reading: Reading, path: string): Stats | undefined {
  const absolute = posix.join(reading.root, path);
  let stats: Stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  const real = realPathOf(absolute);
  return real !== undefined && isInside(reading.realModules, real) ? stats : undefined;
}

function readText(reading: Reading, path: string, maxBytes: number): string | undefined {
  const stats = regularFileInside(reading, path);
  if (!stats || stats.size > maxBytes) return undefined;
  try {
    return decode(readBytes(posix.join(reading.root, path), stats.size), path, []);
  } catch {
    return undefined;
  }
}

/** Reads one script once, within the bounds. */
function readScript(reading: Reading, path: string): BundleFile | undefined {
  if (reading.known.has(path)) return undefined;
  reading.known.add(path);
  if (reading.count >= MAX_PACKAGE_FILES || reading.bytes >= MAX_PACKAGE_BYTES) {
    reading.capped = true;
    return undefined;
  }
  const text = readText(reading, path, reading.limits.maxFileBytes);
  if (text === undefined) return undefined;
  reading.bytes += text.length;
  reading.count++;
  const file: BundleFile = { path, kind: 'script', text, thirdParty: true };
  reading.files.push(file);
  return file;
}
