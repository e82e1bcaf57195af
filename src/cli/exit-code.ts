import type { ScanResult } from '../scan-result.js';
import type { Severity } from '../types.js';

export type FailOn = Severity | 'none';

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** 1 when any finding is at or above the threshold, else 0. */
export function exitCodeFor(result: ScanResult, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn];
  const failing = result.projects.some((project) => project.findings.some((finding) => RANK[finding.severity] >= threshold));
  return failing ? 1 : 0;
}
