import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Exclusions } from './exclusions.js';
import { isUnsearchedFolderName } from './file-kinds.js';
import { isPackageName, locateAppRoot } from './load-project.js';
import { diskTree } from './tree-source.js';

/** How far below the named folder mini-apps are looked for, and how many folders at most are opened. */
const MAX_DEPTH = 6;
const MAX_FOLDERS = 5_000;

export interface FoundProjects {
  /** POSIX paths, relative to the folder searched, of the folders that each hold one mini-app; sorted. */
  projects: string[];
  /** The search stopped at MAX_FOLDERS before seeing every folder. */
  truncated: boolean;
}

/**
 * The mini-apps inside a folder that is not one itself (a monorepo, a repository with an app and
 * its tools): the top-most folders a scan would take as a project (locateAppRoot) or that hold
 * .wxapkg packages. Links are not followed; installed packages, version-control folders, dot
 * folders and what the exclusions name are not searched.
 */
export function findProjects(root: string, exclusions: Exclusions): FoundProjects {
  const projects: string[] = [];
  const pending: { path: string; depth: number }[] = [{ path: '', depth: 0 }];
  let opened = 0;
  while (pending.length > 0) {
    const { path, depth } = pending.shift()!;
    if (++opened > MAX_FOLDERS) return { projects: projects.sort(), truncated: true };
    let names: string[];
    try {
      names = readdirSync(join(root, path)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const child = path === '' ? name : `${path}/${name}`;
      if (isUnsearchedFolderName(name) || !isFolder(join(root, child)) || exclusions.excludes(child, true)) continue;
      if (holdsProject(join(root, child))) projects.push(child);
      else if (depth + 1 < MAX_DEPTH) pending.push({ path: child, depth: depth + 1 });
    }
  }
  return { projects: projects.sort(), truncated: false };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a folder is itself what a scan takes as a project: a mini-app root (locateAppRoot) or a folder of .wxapkg packages. */
export function holdsProject(folder: string): boolean {
  if ('appRoot' in locateAppRoot(diskTree(folder))) return true;
  try {
    return readdirSync(folder).some(isPackageName);
  } catch {
    return false;
  }
}
