import { setFlagsFromString } from 'node:v8';

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
  if (textChars > LARGE_BUNDLE_CHARS) setFlagsFromString(`--heap-growing-percent=${LARGE_BUNDLE_GROWTH_PERCENT}`);
}
