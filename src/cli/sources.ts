import { join } from 'node:path';
import type { SourceLookup } from '../reporters/sarif.js';
import type { ScanResult } from '../scan-result.js';
import { DEFAULT_LIMITS } from '../bundle/read-directory.js';
import { readTextFile } from '../bundle/safe-read.js';

/**
 * A file of the bundle read again for its lines: only if it is still a regular file of bounded size
 * (so a file swapped for a link or a FIFO since the scan is not followed or waited on).
 */
function readRegularFile(path: string): string | undefined {
  return readTextFile(path, DEFAULT_LIMITS.maxFileBytes * 8);
}

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
    if (!cache.has(key)) cache.set(key, readRegularFile(key));
    return cache.get(key);
  };
}
