import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Text (scripts, templates, styles) above which a bundle counts as large. */
const LARGE_BUNDLE_CHARS = 8_000_000;
/**
 * How far V8 lets the heap grow past what survives a collection, for a large bundle. bin/minivet.js
 * starts every scan at 100%; on the largest development-corpus app (14 MB unpacked) 20% kept the
 * peak at about 470 MB instead of 560 MB, for about 2 s more of its 11 s (docs/evaluation.md).
 * Small bundles never reach the heap sizes where this matters, so they keep the faster setting.
 */
const LARGE_BUNDLE_GROWTH_PERCENT = 20;

/**
 * Called once a bundle's files are read: a large one gets a heap that grows in smaller steps. The
 * flag is process-wide and read at each collection; only the CLI sets it, never the library.
 */
export function tuneHeapFor(textChars: number): void {
  if (textChars <= LARGE_BUNDLE_CHARS) return;
  setFlagsFromString(`--heap-growing-percent=${LARGE_BUNDLE_GROWTH_PERCENT}`);
  largeBundleScanned = true;
}

let largeBundleScanned = false;

/**
 * Called once a bundle's scan is done, before its report is built: after a large bundle, a full
 * collection frees the flow graph and the files' analyses at once, so the report is built on a small
 * heap. Otherwise V8 grows the heap for the report on top of the dead graph, and on the largest
 * development-corpus app that was where the scan's memory peaked (about 30 MB above the analysis).
 */
export function releaseScanMemory(): void {
  if (!largeBundleScanned) return;
  largeBundleScanned = false;
  // `gc` exists only once the flag is set; a fresh context then hands it out (Node's documented way).
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
