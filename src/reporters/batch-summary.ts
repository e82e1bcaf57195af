import type { ScanResult } from '../scan-result.js';
import { countBySeverity } from './summary.js';
import { printable } from './printable.js';

/** A per-bundle table with totals, printed after a batch scan. */
export function formatBatchSummary(result: ScanResult): string {
  const rows = result.projects.map((project) => {
    const counts = countBySeverity([project]);
    return {
      bundle: printable(project.displayPath),
      errors: String(counts.error),
      warnings: String(counts.warning),
      notes: String(counts.note),
      files: String(project.stats.filesAnalysed),
      status: project.failure ? `failed: ${printable(project.failure)}` : project.notifications.some((n) => n.level === 'error') ? 'partly analysed' : 'ok',
    };
  });
  const totals = countBySeverity(result.projects);
  const failed = result.projects.filter((project) => project.failure).length;
  rows.push({
    bundle: `Total (${result.projects.length})`,
    errors: String(totals.error),
    warnings: String(totals.warning),
    notes: String(totals.note),
    files: String(result.projects.reduce((sum, project) => sum + project.stats.filesAnalysed, 0)),
    status: failed > 0 ? `${failed} failed` : 'ok',
  });
  const header = { bundle: 'Bundle', errors: 'Errors', warnings: 'Warnings', notes: 'Notes', files: 'Files', status: 'Status' };
  const all = [header, ...rows];
  const width = (key: keyof typeof header) => Math.max(...all.map((row) => row[key].length));
  const line = (row: typeof header) =>
    [row.bundle.padEnd(width('bundle')), row.errors.padStart(width('errors')), row.warnings.padStart(width('warnings')), row.notes.padStart(width('notes')), row.files.padStart(width('files')), row.status].join('  ');
  return `${[line(header), ...rows.slice(0, -1).map(line), line(rows[rows.length - 1]!)].join('\n')}\n`;
}
