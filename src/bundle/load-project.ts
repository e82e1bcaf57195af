import { existsSync, readdirSync, statSync } from 'node:fs';
import { readBytes } from './safe-read.js';
import { manifestEntryPoints } from './file-cap.js';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readProjectLayout, type PackIgnoreRule } from '../manifest/project-config.js';
import type { FileNotification } from '../types.js';
import { formatBytes, readDirectory, type DirectoryContents, type ReadLimits } from './read-directory.js';
import { readMemoryTree } from './read-memory-tree.js';
import { MAX_PACKAGE_BYTES, readPackageFiles, readPackages } from './read-packages.js';
import { DEFAULT_ZIP_LIMITS, readZip } from './read-zip.js';
import { diskTree, joinPosix, memoryTree, type TreeSource } from './tree-source.js';
import { exclusionsFor, type OuterExclusions } from './exclusions.js';
import { packIgnoreExclusions } from './pack-ignore.js';
import { frameworkHint, unbuiltPagesProblem } from './framework-hint.js';
import { isUnsearchedFolderName, PROJECT_MARKERS } from './file-kinds.js';

/** Where a mini-app root is looked for when the scanned folder has no app.json and no project file names one. */
const CONVENTIONAL_APP_ROOTS = ['miniprogram', 'src', 'dist'];

/** A project's files, read and bounded, ready for analysis. */
export interface LoadedProject {
  /** Absolute path of what was scanned: a project folder, a .wxapkg file, or a folder of packages. */
  root: string;
  /** POSIX path of the mini-app root relative to `root` ('' when equal). */
  appRoot: string;
  /** POSIX path of the manifest: app.json in source trees, app-config.json in compiled packages. */
  manifestPath: string;
  /** True for compiled packages: .wxapkg files, or folders unpacked from them. */
  compiled: boolean;
  /** The files were read from a folder on disk (not from a package or an archive held in memory). */
  onDisk: boolean;
  contents: DirectoryContents;
  /** Project files present (mini.project.json, …), for platform detection. */
  markers: Set<string>;
  /** POSIX path of the cloud functions project.config.json names (`cloudfunctionRoot`), relative to `root`. */
  cloudFunctionRoot?: string;
}

/** The folders directly inside `root` a mini-app could be in (links, dot folders, installed packages and exclusions left out), sorted. */
function subfolders(root: string, outer: OuterExclusions | undefined): string[] {
  try {
    const exclusions = exclusionsFor(root, outer);
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !isUnsearchedFolderName(entry.name) && !exclusions.excludes(entry.name, true))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** The manifest of a compiled package, and the service bundle that always comes with it. */
const COMPILED_MANIFEST = 'app-config.json';
const COMPILED_SERVICE_BUNDLES = ['app-service.js', 'appservice.app.js'];

/** A folder unpacked from a .wxapkg: its app-config.json is the manifest of what was compiled. */
function isUnpackedPackage(tree: TreeSource, folder: string): boolean {
  return tree.exists(joinPosix(folder, COMPILED_MANIFEST)) && COMPILED_SERVICE_BUNDLES.some((name) => tree.exists(joinPosix(folder, name)));
}

export interface AppRootLocation {
  appRoot: string;
  /** app.json, or app-config.json in a folder unpacked from a package. */
  manifestPath: string;
  /** The folder was unpacked from a compiled package (perhaps with decompiled sources beside the bundles). */
  compiled: boolean;
  layoutProblems: FileNotification[];
  /** The cloud functions' folder the project file names, if any. */
  cloudFunctionRoot?: string;
  /** What project.config.json leaves out of the upload (`packOptions.ignore`). */
  packIgnore: readonly PackIgnoreRule[];
}

/**
 * The folder holding the manifest: the one a project file names, the scanned folder, or a
 * conventional subfolder. A folder unpacked from a package counts too; where a decompiled app.json
 * sits beside its app-config.json, app-config.json wins: decompilers drop fields such as
 * requiredPrivateInfos and permission.
 */
export function locateAppRoot(tree: TreeSource): AppRootLocation | { looked: string[] } {
  const layout = readProjectLayout((relative) => tree.readText(relative));
  const layoutProblems: FileNotification[] = layout.problems.map((problem) => ({
    kind: 'analysis-error',
    file: problem.file,
    level: 'warning',
    message: problem.message,
    position: problem.region.start,
  }));
  const candidates = [...new Set([layout.appRoot, '', ...CONVENTIONAL_APP_ROOTS])];
  const cloud = layout.cloudFunctionRoot === undefined ? {} : { cloudFunctionRoot: layout.cloudFunctionRoot };
  for (const candidate of candidates) {
    if (isUnpackedPackage(tree, candidate)) return { appRoot: candidate, manifestPath: joinPosix(candidate, COMPILED_MANIFEST), compiled: true, layoutProblems, packIgnore: [] };
    if (tree.exists(joinPosix(candidate, 'app.json'))) return { appRoot: candidate, manifestPath: joinPosix(candidate, 'app.json'), compiled: false, layoutProblems, ...cloud, packIgnore: layout.packIgnore };
  }
  return { looked: candidates.map((candidate) => joinPosix(candidate, 'app.json')) };
}

export function isPackageName(name: string): boolean {
  return name.toLowerCase().endsWith('.wxapkg');
}

/** An archive: a zipped source tree (perhaps inside one top folder), or zipped packages. */
function loadArchive(root: string, size: number, limits: ReadLimits): LoadedProject {
  let buffer: Buffer;
  try {
    buffer = readBytes(root, size);
  } catch (error) {
    throw new InputError(`${root}: could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const zip = readZip(buffer, basename(root), { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: Math.max(DEFAULT_ZIP_LIMITS.maxEntryBytes, limits.maxFileBytes) });
  const tree = memoryTree(zip.entries);
  const topFolders = new Set([...zip.entries.keys()].map((path) => path.split('/')[0]!));
  // A zipped repository usually sits inside one top folder (`app-main/…`).
  const bases = topFolders.size === 1 && ![...zip.entries.keys()].some((path) => !path.includes('/')) ? ['', [...topFolders][0]!] : [''];
  for (const base of bases) {
    const located = locateAppRoot(prefixed(tree, base));
    if ('appRoot' in located) {
      const appRoot = joinPosix(base, located.appRoot).replace(/\/$/, '');
      const contents = readMemoryTree(zip.entries, appRoot, limits, manifestEntryPoints(tree.readText(joinPosix(base, located.manifestPath))));
      contents.notifications.unshift(...zip.notifications, ...located.layoutProblems);
      const markers = new Set(PROJECT_MARKERS.filter((name) => tree.exists(joinPosix(base, name)) || tree.exists(joinPosix(appRoot, name))));
      return { root, appRoot, manifestPath: joinPosix(base, located.manifestPath), compiled: located.compiled, onDisk: false, contents, markers };
    }
  }
  const packages = [...zip.entries.keys()].filter(isPackageName).sort();
  if (packages.length > 0) {
    const contents = readPackages(packages.map((name) => ({ label: name, buffer: zip.entries.get(name)! })), limits);
    contents.notifications.unshift(...zip.notifications);
    return { root, appRoot: '', manifestPath: 'app-config.json', compiled: true, onDisk: false, contents, markers: new Set() };
  }
  const problems = zip.notifications.filter((n) => n.level === 'error').map((n) => n.message);
  throw new InputError(`${root}: the archive holds no app.json and no .wxapkg package${problems.length > 0 ? ` (${problems[0]})` : ''}`);
}

/** `folder` is `parent` or lies below it (POSIX paths relative to one root; '' is the root). */
function isWithin(folder: string, parent: string): boolean {
  return parent === '' || folder === parent || folder.startsWith(`${parent}/`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function prefixed(tree: TreeSource, base: string): TreeSource {
  return base === '' ? tree : { exists: (path) => tree.exists(joinPosix(base, path)), readText: (path) => tree.readText(joinPosix(base, path)) };
}

/**
 * Loads what the user named: a source tree (a folder with app.json, found as `locateAppRoot` says),
 * a .wxapkg file, a .zip of either, or a folder of .wxapkg files (a main package and its subpackages).
 * In a folder, paths its .minivetignore, or `outer`'s patterns and ignore file, name are not read (exclusions.ts).
 * Throws InputError when the path is none of these.
 */
export function loadProject(path: string, limits: ReadLimits, outer?: OuterExclusions): LoadedProject {
  const root = resolve(path);
  if (!existsSync(root)) throw new InputError(`${path}: no such file or directory`);
  const stats = statSync(root);
  if (stats.isFile()) {
    if (isPackageName(root)) return { root, appRoot: '', manifestPath: 'app-config.json', compiled: true, onDisk: false, contents: readPackageFiles([root], limits), markers: new Set() };
    if (root.toLowerCase().endsWith('.zip')) {
      if (stats.size > MAX_PACKAGE_BYTES) throw new InputError(`${path}: archive is ${formatBytes(stats.size)}, over the ${formatBytes(MAX_PACKAGE_BYTES)} limit`);
      return loadArchive(root, stats.size, limits);
    }
    throw new InputError(`${path}: not a folder, a .wxapkg package or a .zip archive; give the folder that holds the mini-app's app.json`);
  }
  if (!stats.isDirectory()) throw new InputError(`${path}: not a folder, a .wxapkg package or a .zip archive`);
  const tree = diskTree(root);
  const located = locateAppRoot(tree);
  if ('appRoot' in located) {
    const exclusions = exclusionsFor(root, outer);
    const notUploaded = packIgnoreExclusions(located.packIgnore, located.appRoot, located.cloudFunctionRoot);
    // The manifest is never excluded: without it nothing else could be judged.
    const excludes = (path: string, isDirectory: boolean) => path !== located.manifestPath && (exclusions.excludes(path, isDirectory) || notUploaded.excludes(path, isDirectory));
    const entryPoints = manifestEntryPoints(tree.readText(located.manifestPath));
    const contents = readDirectory(root, located.appRoot, limits, entryPoints, { excludes });
    contents.notifications.push(...located.layoutProblems);
    const unbuilt = unbuiltPagesProblem(tree, located, entryPoints, contents);
    if (unbuilt) contents.notifications.push(unbuilt);
    const cloudRoot = located.cloudFunctionRoot;
    if (cloudRoot !== undefined && !isWithin(cloudRoot, located.appRoot) && isDirectory(join(root, cloudRoot))) {
      // The cloud functions are the mini-app's backend: read with it, under the same limits, so that both sides are one system.
      const cloud = readDirectory(root, cloudRoot, limits, new Set(), { excludes });
      contents.files.push(...cloud.files);
      contents.notifications.push(...cloud.notifications);
      contents.overflow += cloud.overflow;
    }
    const markers = new Set(PROJECT_MARKERS.filter((name) => tree.exists(name) || tree.exists(joinPosix(located.appRoot, name))));
    return { root, appRoot: located.appRoot, manifestPath: located.manifestPath, compiled: located.compiled, onDisk: true, contents, markers, ...(cloudRoot !== undefined && { cloudFunctionRoot: cloudRoot }) };
  }
  const packages = readdirSync(root).filter(isPackageName).sort();
  if (packages.length > 0) {
    const contents = readPackageFiles(packages.map((name) => join(root, name)), limits);
    return { root, appRoot: '', manifestPath: 'app-config.json', compiled: true, onDisk: false, contents, markers: new Set() };
  }
  throw new InputError(`no app.json found in ${root} (looked for ${located.looked.join(', ')}, and for an unpacked package's app-config.json with app-service.js); ${frameworkHint(tree, located.looked, subfolders(root, outer))}`);
}
