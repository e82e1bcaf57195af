import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyseFile, type DataFlowEnvironment } from '../analyzers/analyse-file.js';
import { reportOnce } from '../analyzers/report-once.js';
import { analyseDataFlow, type DataFlowResult, type TemplateFlowFacts } from '../analyzers/dataflow/index.js';
import { FileIds, type FlowFragment } from '../analyzers/dataflow/fragment.js';
import { ModuleResolver } from '../analyzers/dataflow/modules.js';
import { FLOW_CATALOGS } from '../platforms/flows.js';
import { detectPlatform } from '../bundle/detect-platform.js';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES, THIRD_PARTY_DIRECTORIES } from '../bundle/file-kinds.js';
import { joinPosix } from '../bundle/tree-source.js';
import { decode, DEFAULT_LIMITS, isInside, realPathOf } from '../bundle/read-directory.js';
import { readBytes } from '../bundle/safe-read.js';
import type { Suppression } from '../analyzers/suppressions.js';
import type { AppManifest } from '../manifest/app-manifest.js';
import { parseAppManifest } from '../manifest/parse-app-manifest.js';
import { PLATFORMS, platformCatalog, privateInfoApis } from '../platforms/index.js';
import type { PlatformCatalog } from '../platforms/types.js';
import type { ProjectFacts, Report, Rule, RuleSettings } from '../rules/rule.js';
import { RuleStates } from '../analyzers/context.js';
import type { BundleFile, FileNotification, PlatformId, Usage } from '../types.js';
import { directoryNames, fileKey, readTextCached } from './fs-cache.js';
import { parseDeclaredPrivacy } from '../config/declared-privacy.js';
import { InputError } from '../errors.js';
import type { IndexEntry, ProjectIndex } from './project-index.js';
import { compareStrings } from '../util/sort.js';

export { combineIndex, type IndexEntry, type ProjectIndex } from './project-index.js';

/**
 * The mini-app a linted file belongs to, found by walking up from the file, and what the project
 * rules need of it: the manifest (parsed once per change of app.json), the platform, and, for
 * app.json itself, the usages of every script and template (analysed once per change of each file).
 */

export const MANIFEST = 'app.json';
/** Files that mark a platform (mini.project.json → Alipay, …), as `minivet scan` collects them. */
const MARKERS = [...new Set([...Object.values(PLATFORMS).flatMap((platform) => platform.markerFiles), 'project.config.json'])];
const ANALYSED_KINDS = new Set(['script', 'template', 'template-script']);

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A project check run once on the project as saved; its reports by file. */
export interface SharedCheck {
  /** The check read `context.settings`: it may depend on state its file phase keeps there, so it must run per file. */
  perFile: boolean;
  byFile: Map<string, Report[]>;
}

interface CachedIndex extends ProjectIndex {
  platform: PlatformId;
  /** Every record carries its data-flow fragments. */
  flows: boolean;
  checkedAt: number;
  /** By absolute path. */
  records: Map<string, FileRecord>;
}

interface FileRecord {
  key: string;
  usages: Usage[];
  suppressions?: Suppression[];
  /** Could not be analysed (binary, syntax error): counts as unanalysed. */
  unanalysed: boolean;
  /** The file's data-flow fragments, once a data-flow rule has asked for them. */
  flows?: { fragments: FlowFragment[]; templates: TemplateFlowFacts[] };
}

interface WalkEntry {
  absolute: string;
  /** POSIX path relative to the project root, as `minivet scan` names it. */
  path: string;
  kind: BundleFile['kind'];
  thirdParty: boolean;
  link: boolean;
}

/** A declared privacy guide as rules read it, or why it cannot be used. */
export type DeclaredGuide = { declared: NonNullable<RuleSettings['declared']>; problem?: undefined } | { declared?: undefined; problem: string };

function parseGuide(text: string, path: string, file: string): DeclaredGuide {
  try {
    return { declared: { ...parseDeclaredPrivacy(text, path), file } };
  } catch (error) {
    if (error instanceof InputError) return { problem: error.message };
    throw error;
  }
}

export class Project {
  readonly #manifestCache = new Map<PlatformId, { key: string; manifest: AppManifest | undefined }>();
  #platformCache: { key: string; id: PlatformId } | undefined;
  #index: CachedIndex | undefined;
  /** Results of project checks on the saved project, by rule id, valid for the current index and manifest. */
  readonly #shared = new Map<string, SharedCheck>();
  #sharedManifest: AppManifest | undefined;
  /** A data-flow rule has run: from now on the index extracts flows too (the first such rule pays one more read of the project). */
  #wantsFlows = false;
  /** Kept for the project's lifetime: cached fragments keep meaning the same files. */
  readonly #fileIds = new FileIds();
  readonly #flowResults = new WeakMap<ProjectIndex, DataFlowResult>();
  #declared: { key: string; path: string; guide: DeclaredGuide } | undefined;

  constructor(
    /** The folder `minivet scan` would be given: the one whose project file names the mini-app root, else the root itself. */
    readonly projectRoot: string,
    /** The folder holding app.json. */
    readonly appRoot: string,
  ) {}

  /** POSIX path of the mini-app root relative to the project root ('' when equal). */
  get appRootPath(): string {
    return toPosix(relative(this.projectRoot, this.appRoot));
  }

  /** POSIX path of app.json relative to the project root, as in minivet's messages. */
  get manifestPath(): string {
    return joinPosix(this.appRootPath, MANIFEST);
  }

  /** POSIX path of a file relative to the project root. */
  pathOf(absolute: string): string {
    return toPosix(relative(this.projectRoot, absolute));
  }

  /** Shipped third-party code: below a miniprogram_npm folder of the mini-app. */
  isThirdParty(absolute: string): boolean {
    const inside = relative(this.appRoot, dirname(absolute));
    return inside !== '' && inside.split(sep).some((segment) => THIRD_PARTY_DIRECTORIES.has(segment));
  }

  #markers(): Set<string> {
    const atRoot = directoryNames(this.projectRoot);
    const atApp = directoryNames(this.appRoot);
    return new Set(MARKERS.filter((name) => atRoot.has(name) || atApp.has(name)));
  }

  /**
   * The platform as `minivet scan` detects it: a platform's project file, else the template language
   * most files use. Re-detected when app.json or the project files change, and on every lint of app.json.
   */
  platform(forced: PlatformId | undefined): PlatformCatalog {
    if (forced) return platformCatalog(forced);
    const markers = this.#markers();
    const key = `${[...markers].sort().join(',')}|${fileKey(join(this.appRoot, MANIFEST)) ?? ''}`;
    if (this.#platformCache?.key !== key) {
      const files = this.#walk().filter((entry) => entry.kind === 'template').map((entry): BundleFile => ({ path: entry.path, kind: 'template', text: '', thirdParty: entry.thirdParty }));
      this.#platformCache = { key, id: detectPlatform(files, markers) };
    }
    return platformCatalog(this.#platformCache.id);
  }

  /**
   * The declared privacy guide at `path` (relative to the project folder) as saved, parsed once per
   * change; `text` instead when it is the file being edited. A file that cannot be read or parsed is
   * a problem to show, never an exception.
   */
  declaredPrivacy(path: string, text?: string): DeclaredGuide {
    const absolute = resolve(this.projectRoot, path);
    const key = text === undefined ? fileKey(absolute) : `live:${text}`;
    if (key === undefined) return { problem: `the declared privacy guide ${path} (settings.minivet.declared) cannot be read` };
    if (this.#declared?.key !== key || this.#declared.path !== absolute) {
      const source = text ?? readTextCached(absolute);
      this.#declared = { key, path: absolute, guide: source === undefined ? { problem: `the declared privacy guide ${path} cannot be read` } : parseGuide(source, path, this.pathOf(absolute)) };
    }
    return this.#declared.guide;
  }

  /** app.json as saved on disk, parsed once per change (mtime and size). Undefined when it cannot be read. */
  manifest(platform: PlatformCatalog): AppManifest | undefined {
    const path = join(this.appRoot, MANIFEST);
    const key = fileKey(path);
    if (key === undefined) {
      this.#manifestCache.delete(platform.id);
      return undefined;
    }
    const cached = this.#manifestCache.get(platform.id);
    if (cached?.key === key) return cached.manifest;
    const text = readTextCached(path);
    const manifest = text === undefined ? undefined : parseManifest(this.manifestPath, text, platform);
    this.#manifestCache.set(platform.id, { key, manifest });
    return manifest;
  }

  /**
   * The usages of every script and template of the mini-app as saved on disk, file by file in
   * `minivet scan`'s order, with the files that could not be analysed. A file is read and analysed
   * again only when its mtime or size changed. The whole tree is re-checked when the index is older
   * than `maxAgeMs` (0: on every call, as for app.json); scripts and templates use a short age, so
   * that linting every file of a large project does not stat the project once per file.
   */
  index(platform: PlatformCatalog, settings: RuleSettings, maxAgeMs: number): ProjectIndex {
    const now = performance.now();
    if (this.#index && this.#index.platform === platform.id && now - this.#index.checkedAt <= maxAgeMs && (this.#index.flows || !this.#wantsFlows)) return this.#index;
    const previous = this.#index?.platform === platform.id ? this.#index.records : new Map<string, FileRecord>();
    const records = new Map<string, FileRecord>();
    const entries: IndexEntry[] = [];
    let realRoot: string | undefined;
    const walked = this.#walk();
    const dataflow = this.#wantsFlows ? this.#flowEnvironment(platform, walked) : undefined;
    for (const entry of walked) {
      if (entry.link) {
        // As readDirectory: links are never followed; one that leads outside the project is reported as not analysed.
        realRoot ??= realPathOf(this.projectRoot) ?? this.projectRoot;
        const target = realPathOf(entry.absolute);
        if (!target || !isInside(realRoot, target)) entries.push({ path: entry.path, usages: NO_USAGES, unanalysed: true });
        continue;
      }
      if (!ANALYSED_KINDS.has(entry.kind)) continue;
      const key = fileKey(entry.absolute);
      if (key === undefined) continue;
      let record = previous.get(entry.absolute);
      if (record?.key !== key || (dataflow && !record.flows)) record = analyse(entry, key, platform, settings, dataflow);
      records.set(entry.absolute, record);
      entries.push({ path: entry.path, usages: record.usages, unanalysed: record.unanalysed, ...(record.suppressions ? { suppressions: record.suppressions } : {}) });
    }
    // readDirectory sorts the files by path; usages come in that order.
    entries.sort((a, b) => compareStrings(a.path, b.path));
    const old = this.#index;
    if (old && old.platform === platform.id && old.flows === (dataflow !== undefined) && sameEntries(old.entries, entries)) {
      // Nothing changed: keep the same index object, so results computed from it stay valid.
      old.checkedAt = performance.now();
      return old;
    }
    this.#index = { platform: platform.id, flows: dataflow !== undefined, checkedAt: performance.now(), records, entries };
    this.#shared.clear();
    return this.#index;
  }

  /**
   * A data-flow rule is on: the index extracts each file's flows on its first build, in the same
   * read as the usages, rather than reading the whole project a second time when that rule asks.
   */
  expectFlows(): void {
    this.#wantsFlows = true;
  }

  /** The data flows of the project as saved, computed once per version of the index. */
  dataflow(platform: PlatformCatalog, settings: RuleSettings, maxAgeMs: number): DataFlowResult {
    this.#wantsFlows = true;
    const index = this.index(platform, settings, maxAgeMs) as CachedIndex;
    let result = this.#flowResults.get(index);
    if (!result) {
      const records = [...index.records.values()];
      const files: BundleFile[] = [];
      for (const entry of this.#walk()) {
        if (entry.kind === 'script') files.push({ path: entry.path, kind: 'script', text: '', thirdParty: entry.thirdParty });
        else if (entry.kind === 'json') files.push({ path: entry.path, kind: 'json', text: readTextCached(entry.absolute) ?? '', thirdParty: entry.thirdParty });
      }
      result = analyseDataFlow({
        catalog: FLOW_CATALOGS[platform.id],
        fileIds: this.#fileIds,
        files,
        manifestPath: this.manifestPath,
        fragments: records.flatMap((record) => record.flows?.fragments ?? []),
        templates: records.flatMap((record) => record.flows?.templates ?? []),
      });
      this.#flowResults.set(index, result);
    }
    return result;
  }

  #flowEnvironment(platform: PlatformCatalog, walked: readonly WalkEntry[]): DataFlowEnvironment {
    const byPath = new Map(walked.map((entry) => [entry.path, entry.absolute]));
    const resolver = new ModuleResolver(new Set(walked.filter((entry) => entry.kind === 'script' || entry.kind === 'json').map((entry) => entry.path)), (path) => {
      const absolute = byPath.get(path);
      return absolute === undefined ? undefined : readTextCached(absolute);
    }, this.appRootPath);
    return { catalog: FLOW_CATALOGS[platform.id], fileIds: this.#fileIds, appRoot: this.appRootPath, resolve: (specifier, from) => resolver.resolve(specifier, from), addModule: (path) => resolver.addFile(path) };
  }

  /**
   * A rule's project check on the project as saved (`facts` built from `index` and `manifest`), run
   * once and shared by every file whose own usages are as saved: linting all N files of a project
   * then costs one run of each check, not N runs over every usage of the project. A check that reads
   * `context.settings` is not shared (see SharedCheck.perFile).
   */
  sharedCheck(rule: Rule, index: ProjectIndex, manifest: AppManifest | undefined, facts: () => ProjectFacts, settings: RuleSettings): SharedCheck {
    if (index !== this.#index || manifest !== this.#sharedManifest) {
      this.#shared.clear();
      this.#sharedManifest = manifest;
    }
    let shared = this.#shared.get(rule.meta.id);
    if (!shared) {
      const result: SharedCheck = { perFile: false, byFile: new Map() };
      const own = { ...settings };
      const states = new RuleStates();
      rule.checkProject!({
        facts: facts(),
        get settings() {
          result.perFile = true;
          return own;
        },
        // A check that reads state kept by its file phase depends on the file being linted: run per file.
        get state() {
          result.perFile = true;
          return states.for(rule.meta.id);
        },
        report: reportOnce((report) => {
          const list = result.byFile.get(report.location.file) ?? [];
          list.push(report);
          result.byFile.set(report.location.file, list);
        }),
      });
      shared = result.perFile ? { perFile: true, byFile: new Map() } : result;
      this.#shared.set(rule.meta.id, shared);
    }
    return shared;
  }

  /** The files of the mini-app that minivet reads, in readDirectory's order and within its limits. */
  #walk(): WalkEntry[] {
    const entries: WalkEntry[] = [];
    let seen = 0;
    const pending: { dir: string; thirdParty: boolean }[] = [{ dir: this.appRoot, thirdParty: false }];
    while (pending.length > 0) {
      const { dir, thirdParty } = pending.pop()!;
      let dirents;
      try {
        dirents = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        continue;
      }
      const subdirectories: { dir: string; thirdParty: boolean }[] = [];
      for (const dirent of dirents) {
        const absolute = join(dir, dirent.name);
        const path = this.pathOf(absolute);
        if (dirent.isSymbolicLink()) {
          entries.push({ absolute, path, kind: fileKind(path), thirdParty, link: true });
          continue;
        }
        if (dirent.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(dirent.name)) subdirectories.push({ dir: absolute, thirdParty: thirdParty || THIRD_PARTY_DIRECTORIES.has(dirent.name) });
          continue;
        }
        if (!dirent.isFile()) continue;
        const kind = fileKind(path);
        if (!isAnalysedKind(kind) || ++seen > DEFAULT_LIMITS.maxFiles) continue;
        entries.push({ absolute, path, kind, thirdParty, link: false });
      }
      for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]!);
    }
    return entries;
  }
}

const NO_USAGES: readonly Usage[] = [];
const NO_FLOWS = { fragments: [], templates: [] };

/** Same files with the same analyses (usage arrays are reused while a file is unchanged). */
function sameEntries(a: readonly IndexEntry[], b: readonly IndexEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.path !== y.path || x.usages !== y.usages || x.unanalysed !== y.unanalysed) return false;
  }
  return true;
}


/** Reads and analyses one file as `minivet scan` does (no rules: only its usages are needed here). */
function analyse(entry: WalkEntry, key: string, platform: PlatformCatalog, settings: RuleSettings, dataflow?: DataFlowEnvironment): FileRecord {
  let bytes: Buffer;
  try {
    const size = statSync(entry.absolute).size;
    if (size > DEFAULT_LIMITS.maxFileBytes) return { key, usages: [], unanalysed: true, ...(dataflow && { flows: NO_FLOWS }) };
    bytes = readBytes(entry.absolute, size);
  } catch {
    return { key, usages: [], unanalysed: true, ...(dataflow && { flows: NO_FLOWS }) };
  }
  const notifications: FileNotification[] = [];
  const text = decode(bytes, entry.path, notifications);
  if (text === undefined) return { key, usages: [], unanalysed: true, ...(dataflow && { flows: NO_FLOWS }) };
  try {
    const analysis = analyseFile({ path: entry.path, kind: entry.kind, text, thirdParty: entry.thirdParty }, { platform, rules: [], settings, ...(dataflow && { dataflow }) });
    return {
      key,
      ...(dataflow && { flows: analysis.flows ?? { fragments: [], templates: [] } }),
      usages: analysis.usages,
      unanalysed: analysis.notifications.some((notification) => notification.level === 'error'),
      ...(analysis.suppressions.length > 0 ? { suppressions: analysis.suppressions } : {}),
    };
  } catch {
    return { key, usages: [], unanalysed: true, ...(dataflow && { flows: NO_FLOWS }) };
  }
}

/** app.json read as `minivet scan` reads it: with the platform's list of APIs allowed in requiredPrivateInfos. */
export function parseManifest(path: string, text: string, platform: PlatformCatalog): AppManifest {
  return parseAppManifest(path, text, platform.hasRequiredPrivateInfos ? { knownPrivateInfos: privateInfoApis(platform) } : {});
}
