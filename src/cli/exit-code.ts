import type { ScanResult } from '../scan-result.js';
import type { Severity } from '../types.js';

export type FailOn = Severity | 'none';

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/**
 * 1 when any finding is at or above the threshold, else 0. A file that could not be analysed at all
 * (an error-level notification) counts as an error: it may hide exactly what the scan looks for.
 */
export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn];
  const failing = result.projects.some(
    (project) =>
      project.findings.some((finding) => !finding.suppressed && RANK[finding.severity] >= threshold) ||
      project.notifications.some((notification) => RANK[notification.level] >= threshold),
  );
  return failing ? 1 : 0;
}
