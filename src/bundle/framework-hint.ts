import type { FileNotification } from '../types.js';
import { PROJECT_MARKERS } from './file-kinds.js';
import { joinPosix, type TreeSource } from './tree-source.js';

/**
 * What to tell a user whose folder has no app.json. Taro, uni-app, wepy and mpvue keep their manifest in other
 * files until built, so a source checkout is named as such; a repository whose mini-app sits one
 * folder down (beside its backend, say) is pointed at that folder. The project may also sit in the
 * subfolder the project file points into (`client/` for `client/dist/`).
 */
export function frameworkHint(tree: TreeSource, looked: readonly string[], subfolders: readonly string[]): string {
  for (const folder of projectFolders(looked)) {
    const framework = frameworkIn(tree, folder);
    if (framework !== undefined) return buildHint(framework, folder);
  }
  const unbuilt = missingProjectRoot(tree, looked);
  if (unbuilt !== undefined) return unbuilt;
  const below = subfolders.slice(0, MAX_SUBFOLDERS).flatMap((folder) => {
    const framework = frameworkIn(tree, folder);
    if (framework !== undefined) return [buildHint(framework, folder)];
    const marker = PROJECT_MARKERS.find((file) => tree.exists(joinPosix(folder, file)));
    // A folder below with app.json is scanned without asking (select-bundles.ts): this one has none where its project file says.
    return marker === undefined ? [] : [`${folder}/ has a mini-app project file (${marker}) but no app.json: is it built, and does the folder its miniprogramRoot names exist?`];
  });
  return below.length > 0 ? below.join('; ') : 'is this a mini-app project?';
}

/**
 * The project file at the root names the mini-app's folder (`"miniprogramRoot": "./dist"`), and
 * that folder is not there: the app is built into it, and has not been.
 */
function missingProjectRoot(tree: TreeSource, looked: readonly string[]): string | undefined {
  const first = looked[0];
  const folder = first?.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '';
  const marker = PROJECT_MARKERS.find((file) => tree.exists(file));
  if (folder === '' || marker === undefined || tree.exists(folder)) return undefined;
  return `${marker} says the mini-app is in ${folder}/, which does not exist: build the app into it, then scan again`;
}

/** Folders below looked into, the first in name order: enough for a repository's top, bounded for any folder. */
const MAX_SUBFOLDERS = 64;

type Framework = 'taro' | 'uni-app' | 'wepy' | 'mpvue';

const HOW_TO_BUILD: Record<Framework, string> = {
  taro: 'a Taro project',
  'uni-app': 'a uni-app project',
  wepy: 'a wepy project (its pages are .wpy files)',
  mpvue: 'an mpvue project',
};

function buildHint(framework: Framework, folder: string): string {
  const where = folder === '' ? '' : ` in ${folder}/`;
  const target = framework === 'uni-app' ? 'for the platform (e.g. mp-weixin)' : 'for the platform';
  return `this looks like ${HOW_TO_BUILD[framework]}${where}: build it ${target} and scan the output folder that holds app.json`;
}

/** The root, then the top folder of each place app.json was looked for (`client` for `client/dist/app.json`). */
function projectFolders(looked: readonly string[]): string[] {
  const tops = looked.map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')).filter((top) => top !== '' && !CONVENTIONAL_OUTPUTS.has(top));
  return [...new Set(['', ...tops])];
}

/** Folders that hold a build's output or the app itself, not a framework project. */
const CONVENTIONAL_OUTPUTS: ReadonlySet<string> = new Set(['dist', 'src', 'miniprogram', 'build', 'unpackage']);

const TARO_FILES = ['src/app.config.ts', 'src/app.config.js'];
/** wepy 1 and 2 keep the app's config in `src/app.wpy` until `wepy build`. */
const WEPY_FILES = ['src/app.wpy', 'app.wpy'];
/** pages.json, or the pages.config.ts uni-helper generates it from. */
const UNI_APP_FILES = ['pages.json', 'src/pages.json', 'pages.config.ts', 'src/pages.config.ts'];

function frameworkIn(tree: TreeSource, folder: string): Framework | undefined {
  if (TARO_FILES.some((file) => tree.exists(joinPosix(folder, file)))) return 'taro';
  if (UNI_APP_FILES.some((file) => tree.exists(joinPosix(folder, file)))) return 'uni-app';
  if (WEPY_FILES.some((file) => tree.exists(joinPosix(folder, file)))) return 'wepy';
  const dependencies = packageDependencies(tree.readText(joinPosix(folder, 'package.json')));
  if (dependencies.has('@tarojs/taro')) return 'taro';
  if (dependencies.has('@dcloudio/uni-app')) return 'uni-app';
  if (dependencies.has('wepy')) return 'wepy';
  if (dependencies.has('mpvue')) return 'mpvue';
  return undefined;
}

/** The names a package.json depends on (none when it is missing or not JSON). */
function packageDependencies(text: string | undefined): Set<string> {
  if (text === undefined) return new Set();
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies']) {
    const list = manifest && typeof manifest === 'object' && Object.hasOwn(manifest, field) ? (manifest as Record<string, unknown>)[field] : undefined;
    if (list && typeof list === 'object' && !Array.isArray(list)) for (const name of Object.keys(list)) names.add(name);
  }
  return names;
}

/**
 * A framework's source tree that keeps an app.json among its sources (mpvue's `src/app.json`, whose
 * pages are `main.js` stubs that mount `.vue` files): the code minivet would judge sits in `.vue`
 * files it does not read. Either the project depends on a framework that compiles `.vue` files,
 * or no page app.json lists has a script. Said as an error on the manifest, so that a clean report
 * is not taken for a clean app.
 */
export function unbuiltPagesProblem(
  tree: TreeSource,
  { appRoot, manifestPath }: { appRoot: string; manifestPath: string },
  entryPoints: ReadonlySet<string>,
  contents: { files: readonly { path: string }[]; vueFiles?: number },
): FileNotification | undefined {
  if (!contents.vueFiles) return undefined;
  const framework = frameworkIn(tree, '') ?? frameworkIn(tree, appRoot);
  const pages = [...entryPoints];
  const paths = new Set(contents.files.map((file) => file.path));
  const hasScript = (page: string) => PAGE_SCRIPT_EXTENSIONS.some((extension) => paths.has(joinPosix(appRoot, `${page}${extension}`)));
  if (framework === undefined && (pages.length === 0 || pages.some(hasScript))) return undefined;
  const what = framework === undefined ? 'a framework project whose pages are .vue files' : HOW_TO_BUILD[framework];
  return {
    kind: 'analysis-error',
    file: manifestPath,
    level: 'error',
    message: `the mini-app's code is in .vue files, which minivet does not read: this looks like ${what}; build it for the platform and scan the output folder that holds app.json`,
  };
}

const PAGE_SCRIPT_EXTENSIONS = ['.js', '.ts'];
