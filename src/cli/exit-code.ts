import type { ScanResult } from '../scan-result.js';
import type { Severity } from '../types.js';
import { isInternalError } from '../internal-error.js';

export type FailOn = Severity | 'none';

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** Exit code of a run that met a bug in minivet: the report was written, but it is incomplete. */
export const INTERNAL_ERROR_EXIT = 3;

/**
 * 3 when minivet met a bug on any file or bundle (the report still holds everything else), whatever
 * --fail-on says: an incomplete run must not pass as a clean one. Otherwise 1 when any finding is at
 * or above the threshold, else 0. A file that could not be analysed at all (an error-level
 * notification) counts as an error: it may hide exactly what the scan looks for.
 */
export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (result.projects.some((project) => project.notifications.some(isInternalError))) return INTERNAL_ERROR_EXIT;
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn];
  const failing = result.projects.some(
    (project) =>
      project.findings.some((finding) => !finding.suppressed && RANK[finding.severity] >= threshold) ||
      project.notifications.some((notification) => RANK[notification.level] >= threshold),
  );
  return failing ? 1 : 0;
}
