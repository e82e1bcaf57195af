import { basename, dirname, join, resolve } from 'node:path';
import { locateAppRoot } from '../bundle/load-project.js';
import type { TreeSource } from '../bundle/tree-source.js';
import { directoryNames, fileKey, readTextCached } from './fs-cache.js';
import { MANIFEST, Project } from './project-context.js';

/** Where a linted file's mini-app is, kept per mini-app root so each Project's caches serve every file of it. */

/** Project files that can name the mini-app root (readProjectLayout reads these). */
const LAYOUT_FILES = ['project.config.json', 'mini.project.json', 'project.swan.json'];
/** Walking up stops after this many folders (a linted file is rarely that deep). */
const MAX_DEPTH = 64;
/** How far above the mini-app root a project file that names it is looked for. */
const PROJECT_FILE_LEVELS = 4;

function exists(path: string): boolean {
  return directoryNames(dirname(path)).has(basename(path));
}

/** locateAppRoot's view of a folder, through the caches. */
function cachedTree(root: string): TreeSource {
  return {
    exists: (path) => exists(join(root, path)),
    readText: (path) => readTextCached(join(root, path)),
  };
}

const projects = new Map<string, Project>();
/** Folder with a project file → what it names as the mini-app root, valid while its project files and candidate folders are unchanged. */
const layouts = new Map<string, { signature: string; appRoot: string | undefined }>();

/** The mini-app root the project file in `dir` leads to (as locateAppRoot decides for `minivet scan dir`). */
function layoutAppRoot(dir: string): string | undefined {
  const signature = LAYOUT_FILES.map((name) => fileKey(join(dir, name)) ?? '-').join('|');
  let cached = layouts.get(dir);
  // The candidate folders' app.json may come and go: check the cached answer still holds one.
  if (cached?.signature !== signature || (cached.appRoot !== undefined && !exists(join(cached.appRoot, MANIFEST)))) {
    const located = locateAppRoot(cachedTree(dir));
    cached = { signature, appRoot: 'appRoot' in located ? resolve(dir, located.appRoot) : undefined };
    layouts.set(dir, cached);
  }
  return cached.appRoot;
}

function namesAppRoot(dir: string, appRoot: string): boolean {
  return layoutAppRoot(dir) === appRoot;
}

/** The project whose mini-app root is `appRoot`, keeping one Project (and its caches) per root. */
function projectAt(appRoot: string): Project {
  let projectRoot = appRoot;
  let dir = appRoot;
  for (let level = 0; level <= PROJECT_FILE_LEVELS; level++) {
    const names = directoryNames(dir);
    if (LAYOUT_FILES.some((name) => names.has(name))) {
      if (namesAppRoot(dir, appRoot)) projectRoot = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const id = `${projectRoot}\0${appRoot}`;
  let project = projects.get(id);
  if (!project) {
    project = new Project(projectRoot, appRoot);
    projects.set(id, project);
  }
  return project;
}

/**
 * The mini-app that holds `file`: the nearest folder above it with app.json. Walking stops at a
 * folder with a project file (project.config.json, …) and no app.json, whose mini-app root is then
 * elsewhere (cloud functions, tooling): such files belong to no mini-app.
 */
export function findProject(file: string): Project | undefined {
  let dir = dirname(resolve(file));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const names = directoryNames(dir);
    if (names.has(MANIFEST)) return projectAt(dir);
    if (LAYOUT_FILES.some((name) => names.has(name))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The project whose declared privacy guide (`settings.minivet.declared`, relative to the project
 * folder) is `file`: the guide usually sits beside project.config.json, above the mini-app root, where
 * findProject finds no mini-app.
 */
export function findProjectDeclaring(file: string, declaredPath: string): Project | undefined {
  const absolute = resolve(file);
  let dir = dirname(absolute);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const names = directoryNames(dir);
    const appRoot = names.has(MANIFEST) ? dir : LAYOUT_FILES.some((name) => names.has(name)) ? layoutAppRoot(dir) : undefined;
    if (appRoot !== undefined) {
      const project = projectAt(appRoot);
      if (resolve(project.projectRoot, declaredPath) === absolute) return project;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** Forgets every project (tests). */
export function clearProjects(): void {
  projects.clear();
  layouts.clear();
}
