import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { NotificationKind } from '../types.js';

const BUNDLE_FILE = /\.(wxapkg|zip)$/i;

/** An entry of a batch folder: a bundle to scan, or one refused with the reason. */
export interface BatchEntry {
  path: string;
  refused?: { message: string; kind: NotificationKind };
}

/** What an entry of the batch folder is, seen with lstat: links are never followed out of the folder. */
function batchEntry(path: string, name: string): BatchEntry | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stats.isSymbolicLink()) return { path, refused: { kind: 'link-outside-root', message: 'a symbolic link: minivet does not follow links out of the batch folder; not scanned' } };
  if (stats.isDirectory() || (stats.isFile() && BUNDLE_FILE.test(name))) return { path };
  if (!stats.isFile() && BUNDLE_FILE.test(name)) return { path, refused: { kind: 'unreadable-file', message: 'not a regular file (a FIFO, socket or device); not opened' } };
  return undefined;
}

/** The entries of a batch folder: each sub-folder, .wxapkg and .zip, sorted; hidden entries are skipped. */
export function listBatch(dir: string): BatchEntry[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`--batch ${dir}: not a folder`);
    names = readdirSync(dir).sort();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--batch ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : 'cannot be read'}`);
  }
  const entries = names.filter((name) => !name.startsWith('.')).flatMap((name) => batchEntry(join(dir, name), name) ?? []);
  if (entries.length === 0) throw new InputError(`--batch ${dir}: no bundles found (folders, .wxapkg or .zip files)`);
  return entries;
}

/** A file name for a bundle's report in --output-dir, unique within the batch. */
export function reportName(displayPath: string, extension: string, taken: Set<string>, reserved?: RegExp): string {
  const base = displayPath.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop()!.replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
  // Compared without case: on macOS and Windows `Index.html` and `index.html` are one file.
  let name = `${base}.${extension}`;
  for (let n = 2; taken.has(name.toLowerCase()) || reserved?.test(name); n++) name = `${base}-${n}.${extension}`;
  taken.add(name.toLowerCase());
  return name;
}
