import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { FileNotification } from '../types.js';
import { fileKind, isAnalysedKind } from './file-kinds.js';
import { formatBytes } from './read-directory.js';
import { normaliseEntryPath } from './wxapkg.js';

export interface ZipLimits {
  /** Largest inflated entry kept. */
  maxEntryBytes: number;
  /** Most bytes inflated from one archive, all entries together. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio tolerated for an entry of more than 1 MiB (zip bombs run into the thousands). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 100_000,
};

export interface ZipContents {
  /** Entries worth reading (scripts, templates, JSON, packages), by normalised path. */
  entries: Map<string, Uint8Array>;
  notifications: FileNotification[];
}

/** Entries minivet reads from an archive: what it analyses, and packages to open in turn. */
function wanted(path: string): boolean {
  return isAnalysedKind(fileKind(path)) || path.toLowerCase().endsWith('.wxapkg');
}

/**
 * Reads a .zip in memory with every limit enforced on the bytes actually inflated, not on the sizes
 * the archive declares (which a crafted archive can fake). Entry names are normalised and any that
 * would leave the archive (`../`, absolute, drive letters) are refused: nothing is ever written to disk.
 */
export function readZip(buffer: Uint8Array, label: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipContents {
  const entries = new Map<string, Uint8Array>();
  const notifications: FileNotification[] = [];
  const notify = (file: string, level: FileNotification['level'], message: string): void => {
    notifications.push({ kind: 'unreadable-file', file, level, message });
  };
  let total = 0;
  let count = 0;
  let stopped = false;

  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file: UnzipFile) => {
    if (stopped) return;
    if (++count > limits.maxEntries) {
      stopped = true;
      notify(label, 'error', `archive has more than ${limits.maxEntries} entries; the rest were not read`);
      return;
    }
    if (file.name.endsWith('/')) return;
    const path = normaliseEntryPath(file.name);
    if (path === undefined) {
      notify(label, 'warning', `entry name ${JSON.stringify(file.name.slice(0, 200))} leaves the archive; skipped`);
      return;
    }
    if (!wanted(path) || path.split('/').includes('node_modules')) return;
    if (entries.has(path)) {
      notify(path, 'warning', `duplicate entry "${path}"; the first one is used`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let refused = false;
    file.ondata = (error, chunk, final) => {
      if (refused) return;
      if (error) {
        refused = true;
        notify(path, 'warning', `entry could not be inflated (${error.message}); skipped`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      const compressed = file.size ?? 0;
      const reason =
        size > limits.maxEntryBytes ? `inflates past ${formatBytes(limits.maxEntryBytes)}`
        : size > 1024 * 1024 && compressed > 0 && size / compressed > limits.maxRatio ? `inflates more than ${limits.maxRatio} times its compressed size (a zip bomb?)`
        : total > limits.maxTotalBytes ? `takes the archive past ${formatBytes(limits.maxTotalBytes)} inflated`
        : undefined;
      if (reason) {
        refused = true;
        file.terminate();
        notify(path, 'error', `entry ${reason}; skipped`);
        if (total > limits.maxTotalBytes) stopped = true;
        return;
      }
      chunks.push(chunk);
      if (final) entries.set(path, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    try {
      file.start();
    } catch (error) {
      notify(path, 'warning', `entry uses an unsupported compression (${(error as Error).message}); skipped`);
    }
  };
  try {
    // Small slices: each push inflates at most ~1000x its size (deflate's ceiling), so a bomb is
    // caught after a few MiB instead of after it has filled memory.
    const slice = 16 * 1024;
    for (let at = 0; at < buffer.length && !stopped; at += slice) {
      unzip.push(buffer.subarray(at, Math.min(at + slice, buffer.length)), at + slice >= buffer.length);
    }
    if (buffer.length === 0) unzip.push(buffer, true);
  } catch (error) {
    notify(label, 'error', `not a readable .zip: ${(error as Error).message}`);
  }
  if (count === 0 && notifications.length === 0) notify(label, 'error', 'not a readable .zip: no entries found');
  return { entries, notifications };
}
