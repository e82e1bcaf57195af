import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLookup } from '../reporters/sarif.js';
import type { ScanResult } from '../scan-result.js';

/**
 * Source text for fingerprints: modules recovered from compiled packages come from the result,
 * files of source trees are re-read from disk, each at most once.
 */
export function sourceLookup(result: ScanResult): SourceLookup {
  const virtual = new Map(result.projects.map((project) => [project.root, project.virtualSources]));
  const cache = new Map<string, string | undefined>();
  return (root, file) => {
    const recovered = virtual.get(root)?.get(file);
    if (recovered !== undefined) return recovered;
    const key = join(root, file);
    if (!cache.has(key)) {
      try {
        cache.set(key, readFileSync(key, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        cache.set(key, undefined);
      }
    }
    return cache.get(key);
  };
}
