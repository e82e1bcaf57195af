/**
 * Which file a specifier names, read the way mini-app runtimes and bundlers do (`./x`, `../x`, `/x`
 * from the mini-app root, a bare `utils/x` from the importing folder or the root), with the usual
 * extensions and index files. The tracking rules use it in their project checks to tie a load to a
 * file; it reads nothing but the paths.
 */

export function joinPath(base: string, relative: string): string {
  const parts = base === '' ? [] : base.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** Whether `file` is the mini-app's entry script (`app.js` or `app.ts` at its root), where what runs starts with the app. */
export function isAppEntry(file: string, appRoot: string): boolean {
  return file === joinPath(appRoot, 'app.js') || file === joinPath(appRoot, 'app.ts');
}

export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

function candidates(path: string): string[] {
  return [path, `${path}.js`, `${path}.ts`, `${path}/index.js`, `${path}/index.ts`];
}

/** Whether `specifier`, loaded from `importer`, names the file `target`; a bare name may be a package (`miniprogram_npm/x`, `node_modules/x`). */
export function namesFile(importer: string, specifier: string, target: string, appRoot: string): boolean {
  const packages = [joinPath(appRoot, 'miniprogram_npm'), joinPath(appRoot, 'node_modules'), 'node_modules'];
  const bases = specifier.startsWith('/') ? [appRoot] : specifier.startsWith('.') ? [dirname(importer)] : [dirname(importer), appRoot, ...packages];
  return bases.some((from) => candidates(joinPath(from, specifier)).includes(target));
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** The package a shipped file belongs to: `miniprogram_npm/@scope/x/lib/a.js` → root `miniprogram_npm/@scope/x`, name `@scope/x`. */
export function packageOfPath(path: string): { root: string; name: string } | undefined {
  const segments = path.split('/');
  const at = segments.findIndex((segment) => segment === 'miniprogram_npm' || segment === 'node_modules');
  if (at < 0 || at + 1 >= segments.length) return undefined;
  const name = packageName(segments.slice(at + 1).join('/'));
  return { root: [...segments.slice(0, at + 1), name].join('/'), name };
}
