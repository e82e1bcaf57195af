import { posix } from 'node:path';
import type { JsonDocument } from '../../manifest/json-document.js';

/**
 * The page routes app.json lists (`pages`, and each subpackage's under its root), relative to the
 * app root. Undefined when the list is not an array of paths: that is app.json's problem
 * (invalid-manifest says so), and such a list tells nothing about which pages exist.
 */
export function listedRoutes(doc: JsonDocument): string[] | undefined {
  const routes: string[] = [];
  const add = (root: string, pages: ReturnType<JsonDocument['property']>): boolean => {
    const items = doc.arrayItems(pages?.valueNode);
    if (!items) return false;
    for (const element of items) {
      const route = doc.stringValue(element);
      if (route === undefined) return false;
      routes.push(posix.normalize(posix.join(root, route.replace(/^\//, ''))));
    }
    return true;
  };
  if (!add('', doc.property(doc.root, 'pages'))) return undefined;
  for (const key of ['subPackages', 'subpackages']) {
    const subPackages = doc.property(doc.root, key);
    const items = subPackages ? doc.arrayItems(subPackages.valueNode) : [];
    if (!items) return undefined;
    for (const sub of items) {
      const root = doc.stringValue(doc.property(sub, 'root')?.valueNode);
      if (root === undefined || !add(root, doc.property(sub, 'pages'))) return undefined;
    }
  }
  return routes;
}

/**
 * The names code may use for a page instead of its route, when the name fits one page only: the
 * route itself (with or without the leading slash), its last segment (`web-view` of
 * `pages/web-view/web-view`) and, for `…/detail/index`, its folder. Routers that map page names to
 * routes through a table (`goPage('detail', { id })`) are called with these.
 */
export function pageNames(routes: readonly string[]): Map<string, string> {
  const names = new Map<string, string | null>();
  const offer = (name: string, route: string): void => {
    const known = names.get(name);
    names.set(name, known === undefined || known === route ? route : null);
  };
  for (const route of routes) {
    const segments = route.split('/');
    const last = segments[segments.length - 1]!;
    offer(last, route);
    if (last === 'index' && segments.length >= 2) offer(segments[segments.length - 2]!, route);
  }
  const unique = new Map<string, string>();
  for (const [name, route] of names) if (route !== null && name !== 'index') unique.set(name, route);
  for (const route of routes) {
    unique.set(route, route);
    unique.set(`/${route}`, route);
  }
  return unique;
}

/** A file's path without its extension: `pages/a/a` of `pages/a/a.js` and of `pages/a/a.wxml`. */
export function withoutExtension(path: string): string {
  return path.replace(/\.[^./]+$/, '');
}

/** The page path without extension (relative to the scanned folder) is the page of `route` (relative to the app root). */
export function isPageOf(page: string, route: string): boolean {
  return page === route || page.endsWith(`/${route}`);
}

/** The route a navigation written on page `here` opens: `/pages/b/b` from the app's root, `../b/b` from `here`'s folder. */
export function routeFrom(here: string, route: string): string {
  return route.startsWith('/') ? route.slice(1) : posix.normalize(posix.join(posix.dirname(here), route));
}
