/**
 * End-to-end fuzz cases: a mutated project or set of packages written to a temporary folder,
 * scanned with scanProject, formatted by every reporter, and checked: nothing thrown but
 * InputError, every input file analysed or named in a notification, every position inside its file.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES } from '../../../src/bundle/file-kinds.js';
import { loadProject } from '../../../src/bundle/load-project.js';
import { DEFAULT_LIMITS } from '../../../src/bundle/read-directory.js';
import { sourceLookup } from '../../../src/cli/sources.js';
import { activeRules, type ScanOptions } from '../../../src/config.js';
import { InputError } from '../../../src/errors.js';
import { formatJson } from '../../../src/reporters/json.js';
import { formatSarif, toSarif } from '../../../src/reporters/sarif.js';
import { formatText } from '../../../src/reporters/text.js';
import { ruleDescriptors } from '../../../src/rules/descriptors.js';
import { scanProject } from '../../../src/scan.js';
import type { ProjectResult, ScanResult } from '../../../src/scan-result.js';
import type { FileNotification, PlatformId, SourceLocation } from '../../../src/types.js';
import { packWxapkg, serviceBundle, type PackEntry } from '../wxapkg.js';
import { PROTOTYPE_FILE_NAMES, PROTOTYPE_NAMES, pickWord, renameWord } from './dictionary.js';
import { corruptEncoding, mutateBytes, mutateJson, mutateText, type TextLanguage } from './mutators.js';
import type { Rng } from './prng.js';
import { avoidInlineScriptBlowup, checkNotification, checkRegion, checkSyntaxErrorPosition, ensure, KNOWN_BUG_PROJECT_CONFIG_BOM_COLUMNS, KNOWN_BUG_SKIPPED_COUNTS_READ_FILES, PropertyError, regionExempt, SourceText } from './properties.js';
import type { SeedProject, Seeds } from './seeds.js';
import { hostilePackage, referenceIndex } from './wxapkg.js';

export interface ProjectCase {
  /** What the case was built from, for the failure message. */
  description: string[];
  /** Temporary folder holding the case. */
  root: string;
  /** Path scanned, relative to root ('' for root itself). */
  target: string;
  options: ScanOptions;
}

// ---------------------------------------------------------------- writing

function newRoot(): string {
  return mkdtempSync(join(tmpdir(), 'minivet-fuzz-'));
}

function writeFiles(root: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [path, bytes] of files) {
    const target = join(root, path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    } catch {
      // A name the file system refuses (too long, a file where a folder is needed): not part of the case.
    }
  }
}

export function removeCase(input: ProjectCase): void {
  rmSync(input.root, { recursive: true, force: true });
}

// ---------------------------------------------------------------- generating

/** Bytes of mutated content per case, over all files: keeps every case far inside the time budget on a slow machine. */
const MAX_CASE_BYTES = 400_000;

/** Templates cut while a known bug makes many inline scripts quadratic (see properties.ts). */
function thinTemplate(path: string, content: Uint8Array | string): Uint8Array | string {
  if (fileKind(path) !== 'template') return content;
  const text = typeof content === 'string' ? content : decoder.decode(content);
  const thinned = avoidInlineScriptBlowup(text);
  return thinned === text ? content : encoder.encode(thinned);
}

/** Halves the largest contents until the total fits MAX_CASE_BYTES. */
function capSize<T>(items: T[], get: (item: T) => Uint8Array | string, set: (item: T, value: Uint8Array | string) => void): void {
  const size = (item: T) => get(item).length;
  let total = items.reduce((sum, item) => sum + size(item), 0);
  while (total > MAX_CASE_BYTES) {
    const largest = items.reduce((a, b) => (size(b) > size(a) ? b : a));
    const before = size(largest);
    set(largest, get(largest).slice(0, Math.floor(before / 2)));
    total -= before - size(largest);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function languageOf(path: string): TextLanguage | undefined {
  if (/\.(?:ts|mts|cts)$/i.test(path)) return 'ts';
  if (/\.(?:js|mjs|cjs|wxs|sjs|qs)$/i.test(path)) return 'js';
  if (/\.(?:wxml|axml|ttml|swan|qml)$/i.test(path)) return 'wxml';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

/** Mutates one file's bytes as its kind suggests: token edits for sources, structural edits for JSON, raw bytes otherwise. */
export function mutateFile(rng: Rng, path: string, bytes: Uint8Array): Uint8Array {
  const language = languageOf(path);
  if (language === undefined || rng.chance(0.08)) return mutateBytes(rng, bytes);
  const text = decoder.decode(bytes);
  let out: Uint8Array = encoder.encode(language === 'json' ? mutateJson(rng, text) : mutateText(rng, text, language));
  if (rng.chance(0.1)) out = corruptEncoding(rng, out);
  return out;
}

const HOSTILE_FILE_NAMES: readonly string[] = [
  'pages/ü/页面.js', 'pages/with space.wxml', 'pages/UPPER.JS', 'pages/types.d.ts', 'pages/a.json.js', 'pages/.hidden.js', 'pages/-dash.wxml',
  `pages/${'n'.repeat(240)}.js`, `${'d/'.repeat(40)}deep.js`, 'node_modules/evil.js', 'miniprogram_npm/sdk/index.js', 'pages/a.wxs',
  'pages/x.sjs', 'pages/back\\slash.js', 'pages/new\nline.js', 'pages/quote".js', 'pages/%2e%2e.js', 'pages/star*.js', 'pages/\u202Etxt.js',
  'pages/empty.js', 'pages/empty.json', 'pages/x.mjs', 'pages/x.cts', 'pages/x.qml', 'sitemap.json', 'theme.json', 'pages/index/index.json',
  'app.js', 'app.ts', 'project.private.config.json', 'pages/a.wxss', 'images/a.png', 'pages/x.css.js', ...PROTOTYPE_FILE_NAMES,
];

/**
 * One word of a project (a path segment, page, component, handler, key or identifier) renamed to a
 * name of Object.prototype in every file name and every text file, so references still meet:
 * `pages/index/index` becomes `pages/constructor/constructor` in app.json, on disk and in `require`.
 */
function renameEverywhere<T>(rng: Rng, items: readonly T[], nameOf: (item: T) => string, textOf: (item: T) => string | undefined): { word: string; name: string } | undefined {
  const words = items.map((item) => pickWord(rng, `${nameOf(item)} ${textOf(item) ?? ''}`)).filter((word): word is string => word !== undefined);
  if (words.length === 0) return undefined;
  return { word: rng.pick(words), name: rng.pick(PROTOTYPE_NAMES) };
}

/** Text files (UTF-8 without replacement characters) are renamed in; others keep their bytes. */
function textOrUndefined(bytes: Uint8Array): string | undefined {
  if (bytes.length > 200_000) return undefined;
  const text = decoder.decode(bytes);
  return text.includes('\uFFFD') ? undefined : text;
}

function randomContent(rng: Rng, seeds: Seeds, path: string): Uint8Array {
  const language = languageOf(path);
  let text: string;
  if (language === 'wxml') text = rng.pick(seeds.templates).text;
  else if (language === 'json') text = rng.pick(seeds.manifests);
  else if (language !== undefined) text = rng.pick(seeds.scripts).text;
  else return rng.bytes(rng.size(512));
  const bytes = encoder.encode(text);
  return rng.chance(0.7) ? mutateFile(rng, path, bytes) : bytes;
}

function randomOptions(rng: Rng): ScanOptions {
  const options: ScanOptions = {};
  if (rng.chance(0.3)) options.profile = 'strict';
  if (rng.chance(0.15)) options.platform = rng.pick<PlatformId>(['wechat', 'alipay', 'bytedance', 'baidu', 'qq']);
  if (rng.chance(0.12)) options.maxFileBytes = rng.pick([0, 1, 10, 100, 500, 2000]);
  if (rng.chance(0.08)) options.maxFiles = rng.pick([0, 1, 2, 5]);
  return options;
}

/** A source tree: a seed project with mutated, added, removed, renamed and linked files. */
export function generateSourceCase(rng: Rng, seeds: Seeds): ProjectCase {
  const seed: SeedProject = rng.pick(seeds.projects);
  const files = new Map(seed.files);
  const description = [`source tree from ${seed.name}`];
  const prefix = seed.appRoot === '' ? '' : `${seed.appRoot}/`;
  const links: [string, string][] = [];
  const folders: string[] = [];
  const edits = rng.weighted([[3, 1], [4, 2], [2, 4], [1, 8]] as const);
  for (let i = 0; i < edits; i++) {
    const paths = [...files.keys()];
    const drawn = rng.weighted([
      [10, 'mutate'], [2, 'encoding'], [1, 'binary'], [1, 'delete'], [3, 'add'], [1, 'empty'], [1, 'link'], [1, 'folder'], [1, 'project-config'],
      [2, 'prototype-rename'],
    ] as const);
    // Every file may have been deleted already: then add one.
    const op = paths.length === 0 && ['mutate', 'encoding', 'binary', 'delete'].includes(drawn) ? 'add' : drawn;
    switch (op) {
      case 'mutate': {
        const path = rng.pick(paths);
        files.set(path, mutateFile(rng, path, files.get(path)!));
        description.push(`mutated ${path}`);
        break;
      }
      case 'encoding': {
        const path = rng.pick(paths);
        files.set(path, corruptEncoding(rng, files.get(path)!));
        description.push(`invalid UTF-8 in ${path}`);
        break;
      }
      case 'binary': {
        const path = rng.pick(paths);
        const bytes = Uint8Array.from(files.get(path)!);
        if (bytes.length > 0) bytes[rng.int(Math.min(bytes.length, 8192))] = 0;
        files.set(path, bytes);
        description.push(`NUL byte in ${path}`);
        break;
      }
      case 'delete': {
        const path = rng.pick(paths);
        files.delete(path);
        description.push(`deleted ${path}`);
        break;
      }
      case 'add':
      case 'empty': {
        const path = prefix + rng.pick(HOSTILE_FILE_NAMES);
        files.set(path, op === 'empty' ? new Uint8Array() : randomContent(rng, seeds, path));
        description.push(`${op === 'empty' ? 'empty' : 'added'} ${JSON.stringify(path)}`);
        break;
      }
      case 'link': {
        const path = `${prefix}pages/${rng.pick(['link.js', 'link.wxml', 'linkdir', 'loop.js', 'app.json'])}`;
        const target = rng.pick(['/etc/hostname', '/etc', '../'.repeat(12) + 'etc/hostname', 'nowhere.js', '../app.json', '..', '.', 'loop.js', 'link.js']);
        links.push([path, target]);
        description.push(`link ${path} → ${target}`);
        break;
      }
      case 'folder': {
        const path = `${prefix}pages/${rng.pick(['dir.js', 'dir.wxml', 'dir.json', 'node_modules', '.git'])}`;
        folders.push(path);
        files.set(`${path}/inner.js`, randomContent(rng, seeds, 'inner.js'));
        description.push(`folder ${path}`);
        break;
      }
      case 'prototype-rename': {
        const rename = renameEverywhere(rng, paths.filter((path) => path.startsWith(prefix)), (path) => path.slice(prefix.length), (path) => textOrUndefined(files.get(path)!));
        if (!rename) break;
        const renamed = new Map<string, Uint8Array>();
        for (const [path, bytes] of files) {
          const inApp = path.startsWith(prefix);
          const text = textOrUndefined(bytes);
          const newPath = inApp ? prefix + renameWord(path.slice(prefix.length), rename.word, rename.name) : path;
          renamed.set(newPath, text === undefined ? bytes : encoder.encode(renameWord(text, rename.word, rename.name)));
        }
        files.clear();
        for (const [path, bytes] of renamed) files.set(path, bytes);
        description.push(`renamed ${JSON.stringify(rename.word)} to ${JSON.stringify(rename.name)} in every path and text`);
        break;
      }
      case 'project-config': {
        const root = rng.pick(['miniprogram/', './', '.', '', '/', '/etc', '../', '../../x', 'C:\\x', 'src\\', '~/x', 'app.json', 'nowhere', 'pages', 42, null]);
        const file = rng.pick(['project.config.json', 'mini.project.json', 'project.swan.json']);
        const key = file === 'project.swan.json' ? 'smartProgramRoot' : 'miniprogramRoot';
        const text = rng.chance(0.7) ? JSON.stringify({ [key]: root }) : mutateJson(rng, JSON.stringify({ [key]: root, pluginRoot: 'plugin/' }));
        files.set(file, encoder.encode(text));
        description.push(`${file}: ${text.slice(0, 80)}`);
        break;
      }
    }
  }
  for (const [path, bytes] of files) files.set(path, thinTemplate(path, bytes) as Uint8Array);
  const entries = [...files.entries()];
  capSize(entries, ([, bytes]) => bytes, (entry, value) => {
    entry[1] = typeof value === 'string' ? encoder.encode(value) : value;
    files.set(entry[0], entry[1]);
  });
  const root = newRoot();
  for (const folder of folders) mkdirSync(join(root, folder), { recursive: true });
  writeFiles(root, files);
  for (const [path, target] of links) {
    try {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      rmSync(join(root, path), { recursive: true, force: true });
      symlinkSync(target, join(root, path));
    } catch {
      // Unsupported here: not part of the case.
    }
  }
  const options = randomOptions(rng);
  const target = seed.appRoot !== '' && rng.chance(0.15) ? seed.appRoot : '';
  description.push(`scan ${JSON.stringify(target || '.')} with ${JSON.stringify(options)}`);
  return { description, root, target, options };
}

/** Mutates the entries of a package before packing: manifest, service bundle (or its modules), templates, encodings. */
function mutateEntries(rng: Rng, entries: readonly PackEntry[], description: string[]): PackEntry[] {
  let out = entries.map((entry) => ({ ...entry }));
  if (rng.chance(0.2)) {
    const textOf = (entry: PackEntry) => (typeof entry.content === 'string' ? entry.content : textOrUndefined(entry.content));
    const rename = renameEverywhere(rng, out, (entry) => entry.name, textOf);
    if (rename) {
      out = out.map((entry) => {
        const text = textOf(entry);
        return { ...entry, name: renameWord(entry.name, rename.word, rename.name), content: text === undefined ? entry.content : renameWord(text, rename.word, rename.name) };
      });
      description.push(`renamed ${JSON.stringify(rename.word)} to ${JSON.stringify(rename.name)} in every entry name and text`);
    }
  }
  for (let i = rng.range(0, 3); i > 0; i--) {
    const entry = rng.pick(out);
    const bytes = typeof entry.content === 'string' ? encoder.encode(entry.content) : entry.content;
    if (entry.name.endsWith('app-service.js') && rng.chance(0.5)) {
      // Keep the wrappers, mutate what is inside them (or the paths they claim).
      const modules: Record<string, string> = {};
      for (let k = rng.range(1, 4); k > 0; k--) {
        const path = rng.pick(['pages/index/index.js', '../../escape.js', '/abs.js', 'pages/a.ts', '', 'app-service.js', 'utils/x.js', 'miniprogram_npm/sdk/index.js']);
        modules[path] = mutateText(rng, rng.pick(['wx.getLocation({})', 'Page({onLoad(){wx.chooseAddress({})}})', 'var a=wx;a.getFuzzyLocation({});']), 'js');
      }
      entry.content = serviceBundle(modules);
      description.push(`rebuilt ${entry.name} with mutated modules`);
    } else {
      entry.content = mutateFile(rng, entry.name, bytes);
      description.push(`mutated entry ${entry.name}`);
    }
  }
  capSize(out, (entry) => entry.content, (entry, value) => {
    entry.content = value;
  });
  for (const entry of out) entry.content = thinTemplate(entry.name, entry.content);
  return out;
}

/** One or more compiled packages, mutated before and after packing, as a file or a folder of packages. */
export function generatePackageCase(rng: Rng, seeds: Seeds): ProjectCase {
  const seed = rng.pick(seeds.packages);
  const description = [`package from ${seed.name}`];
  const entries = mutateEntries(rng, seed.entries, description);
  const damaged = rng.chance(0.75);
  const main = damaged ? hostilePackage(rng, entries) : packWxapkg(entries);
  if (damaged) description.push('package damaged after packing');
  const files = new Map<string, Uint8Array>();
  let target: string;
  if (rng.chance(0.6)) {
    target = rng.pick(['app.wxapkg', 'APP.WXAPKG', '__APP__.wxapkg']);
    files.set(target, main);
  } else {
    target = '';
    files.set('__APP__.wxapkg', main);
    const subEntries = entries.filter(() => rng.chance(0.5)).map((entry) => ({ ...entry, name: `/sub${entry.name}` }));
    if (rng.chance(0.3)) subEntries.push(...entries.slice(0, 2)); // the same paths as the main package
    files.set('sub.wxapkg', rng.chance(0.5) ? hostilePackage(rng, subEntries) : packWxapkg(subEntries));
    if (rng.chance(0.3)) files.set('empty.wxapkg', new Uint8Array());
    if (rng.chance(0.3)) files.set('notes.txt', encoder.encode('not a package'));
    if (rng.chance(0.2)) files.set('dir.wxapkg/inner.js', encoder.encode('wx.getLocation()'));
    description.push(`folder of packages: ${[...files.keys()].join(', ')}`);
  }
  const root = newRoot();
  writeFiles(root, files);
  const options = randomOptions(rng);
  description.push(`scan ${JSON.stringify(target || '.')} with ${JSON.stringify(options)}`);
  return { description, root, target, options };
}

// ---------------------------------------------------------------- checking

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Regular files of an analysed kind below `dir`, as the reader would name them (relative to `root`), skipping what it skips by design. */
function inputFiles(root: string, dir: string): { files: string[]; outsideLinks: string[] } {
  const files: string[] = [];
  const outsideLinks: string[] = [];
  const realRoot = realpathSync(root);
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const absolute = join(current, name);
      const path = toPosix(relative(root, absolute));
      const stats = lstatSync(absolute);
      if (stats.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(absolute);
        } catch {
          target = undefined;
        }
        const rel = target === undefined ? '..' : relative(realRoot, target);
        if (rel.startsWith('..') || isAbsolute(rel)) outsideLinks.push(path);
      } else if (stats.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) pending.push(absolute);
      } else if (stats.isFile() && isAnalysedKind(fileKind(path))) files.push(path);
    }
  }
  return { files, outsideLinks };
}

const PROJECT_FILES = new Set(['project.config.json', 'mini.project.json', 'project.swan.json']);

/** From which index record on a package-level error covers the records of package `label` (Infinity: none). */
function coveredFrom(notifications: readonly FileNotification[], label: string): number {
  let from = Infinity;
  for (const notification of notifications) {
    if (notification.file !== label || notification.level !== 'error') continue;
    const cut = /index entry (\d+) of/.exec(notification.message);
    from = Math.min(from, cut ? Number(cut[1]) - 1 : 0);
  }
  return from;
}

function packagePaths(scanned: string): string[] {
  try {
    if (!lstatSync(scanned).isDirectory()) return [scanned];
    return readdirSync(scanned).filter((name) => name.toLowerCase().endsWith('.wxapkg')).map((name) => join(scanned, name));
  } catch {
    return [];
  }
}

function readOrEmpty(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Scans the case and checks every end-to-end property; throws PropertyError (or whatever minivet
 * threw). Returns the milliseconds minivet took: the scan and the three reporters, not the checks.
 */
export function checkProjectCase(input: ProjectCase): number {
  const scanned = join(input.root, input.target);
  const started = performance.now();
  let project: ProjectResult;
  try {
    project = scanProject(scanned, input.options);
  } catch (error) {
    if (error instanceof InputError) {
      ensure(!error.message.includes('\n'), `InputError message spans lines: ${JSON.stringify(error.message)}`);
      return performance.now() - started;
    }
    throw error;
  }
  // Everything the CLI would do with the result must work too.
  const rules = activeRules(input.options);
  const result: ScanResult = { tool: { name: 'minivet', version: '0', informationUri: 'https://example.invalid' }, rules: ruleDescriptors(rules), projects: [project] };
  const text = formatText(result, { color: false, quiet: false });
  const json = formatJson(result);
  const sarif = formatSarif(toSarif(result, sourceLookup(result), { srcRoot: input.root }));
  const elapsed = performance.now() - started;
  ensure(typeof text === 'string', 'the text report is not a string');
  JSON.parse(json);
  JSON.parse(sarif);

  // What was read, as the scan read it (the loader is deterministic).
  const limits = { maxFileBytes: input.options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes, maxFiles: input.options.maxFiles ?? DEFAULT_LIMITS.maxFiles };
  const loaded = loadProject(scanned, limits);
  const texts = new Map<string, SourceText>();
  for (const file of loaded.contents.files) texts.set(file.path, new SourceText(file.text));
  const virtual = new Map<string, SourceText>();
  for (const [path, text] of project.virtualSources ?? []) virtual.set(path, new SourceText(text));

  const notifications = project.notifications;
  const named = new Set(notifications.map((n) => n.file));
  const tooMany = notifications.some((n) => n.kind === 'too-many-files');
  notifications.forEach((notification, i) => {
    ensure(!isAbsolute(notification.file) && !notification.file.startsWith('..') && !notification.file.includes(input.root), `notification ${i} names a path outside the project: ${JSON.stringify(notification.file)}`);
    let source = texts.get(notification.file);
    const what = `notification ${i} on ${JSON.stringify(notification.file)}`;
    if (KNOWN_BUG_PROJECT_CONFIG_BOM_COLUMNS && PROJECT_FILES.has(notification.file)) {
      const raw = readOrEmpty(join(scanned, notification.file));
      if (raw && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) source = new SourceText(Buffer.from(raw).toString('utf8'));
    }
    if (source && notification.kind === 'syntax-error') checkSyntaxErrorPosition(notification, source, what);
    else checkNotification(notification, what, source);
    ensure(!/^could not parse:|^could not read template:|^template could not be parsed:/.test(notification.message), `notification ${i}: an internal error was caught: ${notification.message}`);
    ensure((notification.kind as string) !== 'internal-error' && !/^internal error\b/.test(notification.message), `notification ${i}: minivet met an internal error: ${notification.message}`);
  });

  // Stats agree with what was read and what failed.
  const failed = loaded.contents.files.filter((file) => notifications.some((n) => n.file === file.path && n.level === 'error')).length;
  ensure(project.stats.filesAnalysed === loaded.contents.files.length - failed, `stats.filesAnalysed is ${project.stats.filesAnalysed}, but ${loaded.contents.files.length} files were read and ${failed} failed`);
  ensure(project.stats.filesAnalysed >= 0 && project.stats.filesSkipped >= 0, `negative stats ${JSON.stringify(project.stats)}`);
  // A file counts as analysed or as skipped, not both: skipped ones are those not read, those that failed, and those over the limit.
  const read = new Set(loaded.contents.files.map((file) => file.path));
  const notRead = new Set(notifications.map((n) => n.file).filter((file) => !read.has(file)));
  let countable = read.size + notRead.size + loaded.contents.overflow;
  if (KNOWN_BUG_SKIPPED_COUNTS_READ_FILES) countable += new Set(notifications.filter((n) => n.kind === 'unreadable-file' && read.has(n.file)).map((n) => n.file)).size;
  ensure(
    project.stats.filesAnalysed + project.stats.filesSkipped <= countable,
    `stats count ${project.stats.filesAnalysed} analysed + ${project.stats.filesSkipped} skipped, but only ${read.size} files were read, ${notRead.size} others are named in notifications and ${loaded.contents.overflow} were over the limit`,
  );

  // Every input file is analysed or reported.
  if (project.compiled) {
    for (const path of packagePaths(scanned)) {
      const label = basename(path);
      const bytes = readOrEmpty(path);
      const index = bytes ? referenceIndex(bytes) : undefined;
      if (!index) {
        ensure(named.has(label) || tooMany, `package ${label} could not be read or has no header, and no notification names it`);
        continue;
      }
      const from = coveredFrom(notifications, label);
      for (const record of index.records) {
        if (record.ordinal >= from || tooMany) continue;
        if (record.path === undefined) {
          ensure(named.has(label), `package ${label}: index record ${record.ordinal} has an unusable name and the package has no notification`);
          continue;
        }
        if (!isAnalysedKind(fileKind(record.path))) continue;
        ensure(texts.has(record.path) || named.has(record.path), `package ${label}: entry ${JSON.stringify(record.path)} is neither analysed nor named in a notification`);
      }
    }
  } else {
    const appDir = join(input.root, input.target, project.appRoot);
    const { files, outsideLinks } = inputFiles(scanned, appDir);
    for (const path of files) {
      ensure(texts.has(path) || named.has(path) || tooMany, `input file ${JSON.stringify(path)} is neither analysed nor named in a notification`);
    }
    for (const path of outsideLinks) ensure(named.has(path), `link ${JSON.stringify(path)} leaves the project but no notification names it`);
  }

  // Every finding points into the text it was found in.
  const checkLocation = (location: SourceLocation, what: string, ruleId: string): void => {
    const candidates = [virtual.get(location.file), texts.get(location.file)].filter((s): s is SourceText => s !== undefined);
    ensure(candidates.length > 0, `${what}: ${JSON.stringify(location.file)} is not a file that was analysed`);
    if (regionExempt(ruleId, project.compiled)) return;
    let firstError: unknown;
    for (const source of candidates) {
      try {
        checkRegion(source, location.region, `${what} in ${location.file}`);
        return;
      } catch (error) {
        firstError ??= error;
      }
    }
    throw firstError instanceof PropertyError ? firstError : new PropertyError(String(firstError));
  };
  project.findings.forEach((finding, i) => {
    checkLocation(finding.location, `finding ${i} (${finding.ruleId})`, finding.ruleId);
    finding.relatedLocations?.forEach((related, k) => checkLocation(related.location, `finding ${i} (${finding.ruleId}) related location ${k}`, finding.ruleId));
  });
  return elapsed;
}

/** Moves nothing: a failing case's folder is kept where it is and named. */
export function describeCase(input: ProjectCase): string {
  return `${input.root}\n    ${input.description.join('\n    ')}`;
}
