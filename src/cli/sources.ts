import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map<string, string | undefined>();

/** Source text for fingerprints and snippets: re-read from the scanned tree, at most once per file. */
export function readSourceForReport(root: string, file: string): string | undefined {
  const key = join(root, file);
  if (!cache.has(key)) {
    try {
      cache.set(key, readFileSync(key, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      cache.set(key, undefined);
    }
  }
  return cache.get(key);
}
