import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

const BUNDLE_FILE = /\.(wxapkg|zip)$/i;

/** The bundles of a batch folder: each sub-folder, .wxapkg and .zip, sorted; hidden entries are skipped. */
export function listBatch(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`--batch ${dir}: not a folder`);
    names = readdirSync(dir).sort();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--batch ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : 'cannot be read'}`);
  }
  const bundles: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    try {
      const stats = statSync(path);
      if (stats.isDirectory() || (stats.isFile() && BUNDLE_FILE.test(name))) bundles.push(path);
    } catch {
      // A link to nowhere: not a bundle.
    }
  }
  if (bundles.length === 0) throw new InputError(`--batch ${dir}: no bundles found (folders, .wxapkg or .zip files)`);
  return bundles;
}

/** A file name for a bundle's report in --output-dir, unique within the batch. */
export function reportName(displayPath: string, extension: string, taken: Set<string>): string {
  const base = displayPath.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop()!.replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
  let name = `${base}.${extension}`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.${extension}`;
  taken.add(name);
  return name;
}
