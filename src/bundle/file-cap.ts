import type { FileNotification } from '../types.js';
import { own } from '../util/own.js';

/** Files named one by one when the file cap leaves them out; the rest are counted. */
const NAMED_PAST_CAP = 100;

interface Candidate {
  /** POSIX path relative to the scanned root. */
  path: string;
  thirdParty: boolean;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function componentPaths(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).filter((item): item is string => typeof item === 'string');
}

/** Pages, subpackage pages and global components a manifest names, as paths below the app root without extension. */
export function manifestEntryPoints(manifestText: string | undefined): Set<string> {
  const found = new Set<string>();
  if (manifestText === undefined) return found;
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return found;
  }
  if (typeof manifest !== 'object' || manifest === null) return found;
  const get = (key: string): unknown => own(manifest as Record<string, unknown>, key);
  for (const page of stringsOf(get('pages'))) found.add(page);
  for (const list of ['subPackages', 'subpackages']) {
    for (const sub of Array.isArray(get(list)) ? (get(list) as unknown[]) : []) {
      if (typeof sub !== 'object' || sub === null) continue;
      const root = own(sub as Record<string, unknown>, 'root');
      const prefix = typeof root === 'string' ? root.replace(/\/?$/, '/') : '';
      for (const page of stringsOf(own(sub as Record<string, unknown>, 'pages'))) found.add(prefix + page);
    }
  }
  for (const component of componentPaths(get('usingComponents'))) found.add(component);
  return new Set([...found].map((path) => path.replace(/^\/+/, '').replace(/\.(html)$/, '')));
}

/** Where a file ranks for the file cap: 0 manifest files and entry points, 1 first-party code, 2 third-party code. */
function rank(candidate: Candidate, prefix: string, entryPoints: ReadonlySet<string>): number {
  const inApp = candidate.path.startsWith(prefix) ? candidate.path.slice(prefix.length) : candidate.path;
  const stem = inApp.replace(/\.[^./]+$/, '');
  if (!inApp.includes('/') && inApp.endsWith('.json')) return 0;
  if (entryPoints.has(stem)) return 0;
  return candidate.thirdParty ? 2 : 1;
}

/**
 * The order in which files fill the per-bundle file cap, chosen so padding cannot push real code
 * out: the manifest's own files and its pages and components first, then first-party code, then
 * third-party code; by path within each group.
 */
export function capOrder<T extends Candidate>(candidates: readonly T[], start: string, entryPoints: ReadonlySet<string>): T[] {
  const prefix = start === '' ? '' : `${start.replace(/\/$/, '')}/`;
  const ranked = candidates.map((candidate) => ({ candidate, rank: rank(candidate, prefix, entryPoints) }));
  ranked.sort((a, b) => a.rank - b.rank || (a.candidate.path < b.candidate.path ? -1 : a.candidate.path > b.candidate.path ? 1 : 0));
  return ranked.map((item) => item.candidate);
}

/** The notifications for files left out by the cap: the first ones by name, then one count. */
export function pastCapNotifications(left: readonly string[], start: string, limit: number): FileNotification[] {
  if (left.length === 0) return [];
  const named = left.slice(0, NAMED_PAST_CAP).map((path): FileNotification => ({ kind: 'too-many-files', file: path, level: 'error', message: `not analysed: past the limit of ${limit} files per bundle` }));
  const summary: FileNotification = {
    kind: 'too-many-files',
    file: start || '.',
    level: 'error',
    message: `${left.length} more files were not analysed: the limit is ${limit} files per bundle${left.length > NAMED_PAST_CAP ? ` (the first ${NAMED_PAST_CAP} are named)` : ''}; pages, components and first-party code were read first`,
  };
  return [...named, summary];
}
