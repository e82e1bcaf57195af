import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readProjectLayout } from '../manifest/project-config.js';
import type { FileNotification } from '../types.js';
import { readDirectory, type DirectoryContents, type ReadLimits } from './read-directory.js';
import { readPackages } from './read-packages.js';

/** Where a mini-app root is looked for when the scanned folder has no app.json and no project file names one. */
const CONVENTIONAL_APP_ROOTS = ['miniprogram', 'src', 'dist'];
const PROJECT_MARKERS = ['mini.project.json', 'project.swan.json', 'project.tt.json', 'project.config.json'];

/** A project's files, read and bounded, ready for analysis. */
export interface LoadedProject {
  /** Absolute path of what was scanned: a project folder, a .wxapkg file, or a folder of packages. */
  root: string;
  /** POSIX path of the mini-app root relative to `root` ('' when equal). */
  appRoot: string;
  /** POSIX path of the manifest: app.json in source trees, app-config.json in compiled packages. */
  manifestPath: string;
  /** True for compiled packages (.wxapkg). */
  compiled: boolean;
  contents: DirectoryContents;
  /** Project files present (mini.project.json, …), for platform detection. */
  markers: Set<string>;
}

function readTextIfFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export function joinPosix(base: string, name: string): string {
  return base === '' ? name : `${base}/${name}`;
}

/** Taro and uni-app keep their manifest in other files until built: say so instead of a bare "not found". */
function frameworkHint(root: string): string {
  if (['src/app.config.ts', 'src/app.config.js'].some((file) => existsSync(join(root, file)))) {
    return 'this looks like a Taro project: build it for the platform and scan the output folder that holds app.json';
  }
  if (existsSync(join(root, 'pages.json')) || existsSync(join(root, 'src/pages.json'))) {
    return 'this looks like a uni-app project: build it for the platform (e.g. mp-weixin) and scan the output folder that holds app.json';
  }
  return 'is this a mini-app project?';
}

/** The folder holding app.json: the one a project file names, the scanned folder, or a conventional subfolder. */
export function locateAppRoot(root: string): { appRoot: string; layoutProblems: FileNotification[] } | { looked: string[] } {
  const layout = readProjectLayout((relative) => readTextIfFile(join(root, relative)));
  const layoutProblems: FileNotification[] = layout.problems.map((problem) => ({
    kind: 'analysis-error',
    file: problem.file,
    level: 'warning',
    message: problem.message,
    position: problem.region.start,
  }));
  const candidates = [...new Set([layout.appRoot, '', ...CONVENTIONAL_APP_ROOTS])];
  for (const candidate of candidates) {
    if (existsSync(join(root, candidate, 'app.json'))) return { appRoot: candidate, layoutProblems };
  }
  return { looked: candidates.map((candidate) => joinPosix(candidate, 'app.json')) };
}

function isPackageName(name: string): boolean {
  return name.toLowerCase().endsWith('.wxapkg');
}

/**
 * Loads what the user named: a source tree (a folder with app.json, found as `locateAppRoot` says),
 * a .wxapkg file, or a folder of .wxapkg files (a main package and its subpackages).
 * Throws InputError when the path is none of these.
 */
export function loadProject(path: string, limits: ReadLimits): LoadedProject {
  const root = resolve(path);
  if (!existsSync(root)) throw new InputError(`${path}: no such file or directory`);
  const stats = statSync(root);
  if (stats.isFile()) {
    if (!isPackageName(root)) throw new InputError(`${path}: not a folder or a .wxapkg package; give the folder that holds the mini-app's app.json`);
    return { root, appRoot: '', manifestPath: 'app-config.json', compiled: true, contents: readPackages([root], limits), markers: new Set() };
  }
  if (!stats.isDirectory()) throw new InputError(`${path}: not a folder or a .wxapkg package`);
  const located = locateAppRoot(root);
  if ('appRoot' in located) {
    const contents = readDirectory(root, located.appRoot, limits);
    contents.notifications.push(...located.layoutProblems);
    const markers = new Set(PROJECT_MARKERS.filter((name) => existsSync(join(root, name)) || existsSync(join(root, located.appRoot, name))));
    return { root, appRoot: located.appRoot, manifestPath: joinPosix(located.appRoot, 'app.json'), compiled: false, contents, markers };
  }
  const packages = readdirSync(root).filter(isPackageName).sort();
  if (packages.length > 0) {
    const contents = readPackages(packages.map((name) => join(root, name)), limits);
    return { root, appRoot: '', manifestPath: 'app-config.json', compiled: true, contents, markers: new Set() };
  }
  throw new InputError(`no app.json found in ${root} (looked for ${located.looked.join(', ')}); ${frameworkHint(root)}`);
}
