import { lstatSync } from 'node:fs';
import { basename } from 'node:path';
import type { BundleFile, FileNotification } from '../types.js';
import { fileKind, isAnalysedKind } from './file-kinds.js';
import { decode, formatBytes, type DirectoryContents, type ReadLimits } from './read-directory.js';
import { readBytes } from './safe-read.js';
import { readWxapkgIndex } from './wxapkg.js';

/** A whole package larger than this is refused before it is read into memory. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

/**
 * The compiled script bundles of a package, whose `define()` wrappers hold the source modules:
 * app-service.js, and the appservice.app.js and chunk_N.appservice.js that newer compilers split it into.
 */
export const SERVICE_BUNDLE = /(?:^|\/)(?:app-service|appservice\.app|[^/]+\.appservice)\.js$/;

/**
 * The render-layer scripts of a compiled package: templates compiled to `$gwx` functions
 * (page-frame.js, chunk_N.webview.js, webview.app.js) and styles (app-wxss.js). They run in the
 * WebView, away from the logic layer's storage, network and tracking APIs.
 */
export const RENDER_BUNDLE = /(?:^|\/)(?:page-frame|app-wxss|webview\.app|[^/]+\.webview)\.js$/;

/** Reads package files from disk, refusing any over the size limit before reading it. */
export function readPackageFiles(paths: readonly string[], limits: ReadLimits): DirectoryContents {
  const packages: { label: string; buffer: Uint8Array }[] = [];
  const notifications: FileNotification[] = [];
  for (const path of paths) {
    const label = basename(path);
    try {
      // lstat, never stat: a package that is a link (to /dev/zero, or out of the folder), a FIFO or a device is refused unopened.
      const stats = lstatSync(path);
      if (!stats.isFile()) {
        const what = stats.isSymbolicLink() ? 'a symbolic link; not followed' : 'not a regular file (a folder, FIFO, socket or device); not read';
        notifications.push({ kind: stats.isSymbolicLink() ? 'link-outside-root' : 'unreadable-file', file: label, level: 'error', message: `package is ${what}` });
        continue;
      }
      if (stats.size > MAX_PACKAGE_BYTES) {
        notifications.push({ kind: 'file-too-large', file: label, level: 'error', message: `package is ${formatBytes(stats.size)}, over the ${formatBytes(MAX_PACKAGE_BYTES)} limit; not analysed` });
        continue;
      }
      packages.push({ label, buffer: readBytes(path, stats.size) });
    } catch (error) {
      notifications.push({ kind: 'unreadable-file', file: label, level: 'error', message: `package could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  const contents = readPackages(packages, limits);
  contents.notifications.unshift(...notifications);
  return contents;
}

/** Bytes of one package's entries that may be analysed; entries past it are named (20 of them) and counted. */
class OverlapBudget {
  private spent = 0;
  private refused = 0;

  constructor(
    private readonly bytes: number,
    private readonly notifications: FileNotification[],
  ) {}

  spend(path: string, size: number): boolean {
    if (this.spent + size <= this.bytes) {
      this.spent += size;
      return true;
    }
    if (++this.refused <= 20) {
      this.notifications.push({ kind: 'unreadable-file', file: path, level: 'error', message: "not analysed: the package's entries overlap, and together they already hold twice the package's size" });
    } else if (this.refused === 21) {
      this.notifications.push({ kind: 'unreadable-file', file: path, level: 'error', message: 'more entries past twice the package\'s size were not analysed; the first 20 are named' });
    }
    return false;
  }
}

/**
 * Reads one or more .wxapkg packages held in memory (a main package and its subpackages) into one
 * bundle. Entries are decoded in memory; nothing is written to disk and nothing is executed.
 */
export function readPackages(packages: readonly { label: string; buffer: Uint8Array }[], limits: ReadLimits): DirectoryContents {
  const files: BundleFile[] = [];
  const notifications: FileNotification[] = [];
  const seen = new Set<string>();
  let overflow = 0;
  for (const { label, buffer } of packages) {
    const index = readWxapkgIndex(buffer, label);
    notifications.push(...index.notifications);
    // Entries that share their bytes (a crafted index pointing many names at one blob) are analysed once.
    const byData = new Map<string, string>();
    // Entries of a real package never overlap, so together they hold at most the package's bytes;
    // overlapping ones could multiply it, and stop counting at twice that.
    const budget = new OverlapBudget(2 * buffer.length, notifications);
    for (const entry of index.entries) {
      const kind = fileKind(entry.path);
      if (!isAnalysedKind(kind)) continue;
      const data = `${entry.offset}:${entry.size}`;
      const twin = entry.size > 0 ? byData.get(data) : undefined;
      if (twin !== undefined) {
        notifications.push({ kind: 'unreadable-file', file: entry.path, level: 'warning', message: `entry has the very bytes of "${twin}", which was analysed; not analysed again` });
        continue;
      }
      byData.set(data, entry.path);
      if (seen.has(entry.path)) {
        notifications.push({ kind: 'unreadable-file', file: entry.path, level: 'warning', message: `"${entry.path}" is in more than one package; the first one is used` });
        continue;
      }
      seen.add(entry.path);
      if (files.length >= limits.maxFiles) {
        overflow++;
        continue;
      }
      // The service bundle holds every module, so it may be as large as the per-file limit times a few.
      const limit = SERVICE_BUNDLE.test(entry.path) ? limits.maxFileBytes * 8 : limits.maxFileBytes;
      if (entry.size > limit) {
        notifications.push({ kind: 'file-too-large', file: entry.path, level: 'warning', message: `file is ${formatBytes(entry.size)}, over the ${formatBytes(limit)} limit; not analysed` });
        continue;
      }
      if (!budget.spend(entry.path, entry.size)) continue;
      const text = decode(buffer.subarray(entry.offset, entry.offset + entry.size), entry.path, notifications);
      if (text !== undefined) files.push({ path: entry.path, kind, text, thirdParty: entry.path.startsWith('miniprogram_npm/') });
    }
  }
  if (overflow > 0) {
    notifications.push({ kind: 'too-many-files', file: '.', level: 'error', message: `${overflow} more files were not analysed: the limit is ${limits.maxFiles} files per bundle` });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notifications, overflow };
}
