import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readBytes } from './safe-read.js';
import { capOrder, pastCapNotifications } from './file-cap.js';
import { join, relative, sep } from 'node:path';
import type { BundleFile, FileKind, FileNotification } from '../types.js';
import { fileKind, isAnalysedKind, SKIPPED_DIRECTORIES, THIRD_PARTY_DIRECTORIES } from './file-kinds.js';
import { NO_EXCLUSIONS, type Exclusions } from './exclusions.js';

export interface ReadLimits {
  /** Larger files are skipped with a notification. */
  maxFileBytes: number;
  /** At most this many files are read; the rest are reported. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: 5 * 1024 * 1024, maxFiles: 20_000 };

export interface DirectoryContents {
  files: BundleFile[];
  notifications: FileNotification[];
  /** Files past the maxFiles limit, not read. */
  overflow: number;
  /** `.vue` files seen and not read: a framework's sources (framework-hint.ts). */
  vueFiles?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The real path of a file or folder (links resolved), or undefined when it cannot be resolved. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** True when `target` (a real path) is `root` or lies below it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/**
 * Reads the files of a mini-app below `root/start`, never leaving `root`:
 * symbolic links that point outside are reported and skipped, links inside are skipped (their
 * targets are read at their real path, which also rules out link loops). Directory entries are
 * sorted so results never depend on the file system's order.
 */
export function readDirectory(root: string, start: string, limits: ReadLimits = DEFAULT_LIMITS, entryPoints: ReadonlySet<string> = new Set(), exclusions: Exclusions = NO_EXCLUSIONS): DirectoryContents {
  const files: BundleFile[] = [];
  const notifications: FileNotification[] = [];
  const realRoot = realpathSync(root);
  const listed: ListedFile[] = [];
  let unlisted = 0;
  let vueFiles = 0;

  const notify = (kind: FileNotification['kind'], file: string, message: string, level: FileNotification['level'] = 'warning'): void => {
    notifications.push({ kind, file, message, level });
  };

  // The mini-app root itself may be a link (`miniprogram -> /elsewhere`): it is read only if it really lies inside.
  let realStart: string | undefined;
  try {
    realStart = realpathSync(join(root, start));
  } catch {
    realStart = undefined;
  }
  if (realStart === undefined || !isInside(realRoot, realStart)) {
    notify('link-outside-root', toPosix(start) || '.', 'the mini-app root leads outside the scanned folder; nothing below it was read', 'error');
    return { files, notifications, overflow: 0 };
  }

  // Iterative walk: a deep tree cannot exhaust the stack.
  const pending: { dir: string; thirdParty: boolean }[] = [{ dir: join(root, start), thirdParty: false }];
  while (pending.length > 0) {
    const { dir, thirdParty } = pending.pop()!;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      notify('unreadable-file', toPosix(relative(root, dir)) || '.', `directory could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'error');
      continue;
    }
    const subdirectories: { dir: string; thirdParty: boolean }[] = [];
    for (const name of entries) {
      const absolute = join(dir, name);
      const path = toPosix(relative(root, absolute));
      let stats;
      try {
        stats = lstatSync(absolute);
      } catch {
        notify('unreadable-file', path, 'file could not be read', 'error');
        continue;
      }
      if (stats.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(absolute);
        } catch {
          target = undefined;
        }
        if (!target || !isInside(realRoot, target)) {
          notify('link-outside-root', path, target ? 'symbolic link points outside the scanned folder; not followed' : 'broken symbolic link; skipped');
        }
        continue;
      }
      if (stats.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name) || exclusions.excludes(path, true)) continue;
        subdirectories.push({ dir: absolute, thirdParty: thirdParty || THIRD_PARTY_DIRECTORIES.has(name) });
        continue;
      }
      const kind = fileKind(path);
      if (!thirdParty && path.endsWith('.vue')) vueFiles++;
      if (!isAnalysedKind(kind) || exclusions.excludes(path, false)) continue;
      if (!stats.isFile()) {
        // A FIFO would block the read forever and a device never ends: refused by name, never opened.
        notify('unreadable-file', path, 'not a regular file (a FIFO, socket or device); not read', 'error');
        continue;
      }
      // Listed first, read after: which files fill the cap is chosen once every name is known.
      if (listed.length < limits.maxFiles * LISTED_PER_READ) listed.push({ path, absolute, kind, size: stats.size, thirdParty });
      else unlisted++;
    }
    // Push in reverse so the walk visits folders in sorted order.
    for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]!);
  }
  const ordered = capOrder(listed, toPosix(start), entryPoints);
  for (const file of ordered.slice(0, limits.maxFiles)) readListed(file, limits, files, notifications);
  const left = ordered.slice(limits.maxFiles).map((file) => file.path);
  const overflow = left.length + unlisted;
  notifications.push(...pastCapNotifications(left, toPosix(start), limits.maxFiles));
  if (unlisted > 0) notify('too-many-files', toPosix(start) || '.', `${unlisted} further files were not even listed: a bundle may hold at most ${limits.maxFiles * LISTED_PER_READ} files of analysed kinds`, 'error');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notifications, overflow, ...(vueFiles > 0 && { vueFiles }) };
}

/** Files of analysed kinds listed, per file the cap lets be read: past that, names are only counted. */
const LISTED_PER_READ = 8;

interface ListedFile {
  path: string;
  absolute: string;
  kind: FileKind;
  size: number;
  thirdParty: boolean;
}

/** Reads one listed file within the size limit, or says why not. */
function readListed(file: ListedFile, limits: ReadLimits, files: BundleFile[], notifications: FileNotification[]): void {
  const { path } = file;
  if (file.size > limits.maxFileBytes) {
    notifications.push({ kind: 'file-too-large', file: path, level: 'warning', message: `file is ${formatBytes(file.size)}, over the ${formatBytes(limits.maxFileBytes)} limit; not analysed` });
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readBytes(file.absolute, file.size);
  } catch (error) {
    notifications.push({ kind: 'unreadable-file', file: path, level: 'error', message: `file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  const text = decode(bytes, path, notifications);
  if (text !== undefined) files.push({ path, kind: file.kind, text, thirdParty: file.thirdParty });
}

/** Decodes UTF-8 text; binary content is reported and skipped, invalid UTF-8 is reported and read leniently. */
export function decode(bytes: Uint8Array, path: string, notifications: FileNotification[]): string | undefined {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    notifications.push({ kind: 'binary-file', file: path, level: 'warning', message: 'file holds binary data, not text; not analysed' });
    return undefined;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    notifications.push({ kind: 'invalid-encoding', file: path, level: 'note', message: 'file is not valid UTF-8; invalid bytes were replaced before analysis' });
    return lenientUtf8.decode(bytes);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** True when `path` names an existing directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
