import type { Usage } from '../types.js';

/** The same usages at the same places (the saved file's analysis against the linted text's). */
export function sameUsages(a: readonly Usage[], b: readonly Usage[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.kind !== y.kind || x.name !== y.name || x.namespace !== y.namespace || x.called !== y.called || x.via !== y.via ||
      x.thirdParty !== y.thirdParty || x.location.region.startOffset !== y.location.region.startOffset || x.location.region.endOffset !== y.location.region.endOffset
    ) {
      return false;
    }
  }
  return true;
}
