import { WECHAT_CLOUD } from '../platforms/cloud.js';
import type { BundleFile } from '../types.js';

/**
 * Marks the files that belong to cloud functions: those under the folder project.config.json names
 * (`cloudfunctionRoot`), or under a folder named as WeChat's templates name it (`cloudfunctions/`).
 * A function is the shallowest folder below its root that holds an entry file (`index.js`): deeper
 * `index.js` files are the function's own modules, and a root may group functions by environment
 * (`cloudfunctions/<env>/functions/<name>/`).
 */
export function markCloudFunctions(files: BundleFile[], configuredRoot?: string): void {
  const paths = new Set(files.map((file) => file.path));
  const functionFolders = new Map<string, string | undefined>();
  for (const file of files) {
    const root = cloudRootOf(file.path, configuredRoot);
    if (root === undefined) continue;
    const folder = functionFolderOf(file.path, root, paths, functionFolders);
    if (folder === undefined) {
      // Code shared by the functions (`cloudfunctions/_shared/`) is server code too, but no function's entry.
      const first = file.path.slice(root.length + 1).split('/')[0]!;
      file.cloudFunction = { name: first, entry: false };
      continue;
    }
    const name = folder.slice(folder.lastIndexOf('/') + 1);
    file.cloudFunction = { name, entry: WECHAT_CLOUD.entryFiles.some((entry) => file.path === `${folder}/${entry}`) };
  }
}

/** The cloud root a path lies under, if any. */
function cloudRootOf(path: string, configuredRoot: string | undefined): string | undefined {
  if (configuredRoot && path.startsWith(`${configuredRoot}/`)) return configuredRoot;
  const segments = path.split('/');
  for (let index = 0; index < segments.length - 1; index++) {
    if (WECHAT_CLOUD.conventionalRoots.includes(segments[index]!.toLowerCase())) return segments.slice(0, index + 1).join('/');
  }
  return undefined;
}

function functionFolderOf(path: string, root: string, paths: ReadonlySet<string>, cache: Map<string, string | undefined>): string | undefined {
  const segments = path.slice(root.length + 1).split('/');
  let folder = root;
  for (const segment of segments.slice(0, -1)) {
    if (segment === 'node_modules') return undefined; // a package of the function's, not a function
    folder = `${folder}/${segment}`;
    let hasEntry = cache.get(folder);
    if (!cache.has(folder)) {
      hasEntry = WECHAT_CLOUD.entryFiles.some((entry) => paths.has(`${folder}/${entry}`)) ? folder : undefined;
      cache.set(folder, hasEntry);
    }
    if (hasEntry) return hasEntry;
  }
  return undefined;
}
