import type { ProjectResult } from '../scan-result.js';
import type { Severity } from '../types.js';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(projects: readonly ProjectResult[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const project of projects) for (const finding of project.findings) if (!finding.suppressed) counts[finding.severity]++;
  return counts;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `a, b, c and 4 more`: a list kept to `limit` items, for one line of a report. */
export function shortList(items: readonly string[], limit = 6): string {
  return items.length <= limit ? items.join(', ') : `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}
