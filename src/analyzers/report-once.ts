import type { Report } from './context.js';

/**
 * A project check's `report` that hands each finding on once. One call can give the data flow several
 * records of one place (a helper that sends from two callbacks), and a rule that reports per record
 * would otherwise show the user twins: same place, same message.
 */
export function reportOnce(report: (found: Report) => void): (found: Report) => void {
  const seen = new Set<string>();
  return (found) => {
    const key = `${found.location.file}\0${found.location.region.startOffset}\0${found.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(found);
  };
}
