import type { ProjectResult, ScanResult } from '../../scan-result.js';
import { countBySeverity, plural } from '../summary.js';
import { html } from './template.js';
import { page } from './page-frame.js';

/** Severity weights for the index's order: one error outweighs any number of notes a bundle usually has. */
const WEIGHTS = { error: 100, warning: 10, note: 1 } as const;

/** A bundle's place in the index: failed bundles first (nothing is known), then by weighted findings. */
export function riskScore(project: ProjectResult): number {
  if (project.failure) return Number.MAX_SAFE_INTEGER;
  const counts = countBySeverity([project]);
  return counts.error * WEIGHTS.error + counts.warning * WEIGHTS.warning + counts.note * WEIGHTS.note;
}

/** The batch's index page: every bundle with its counts and trackers, riskiest first, linking to its own page. */
export function indexPage(result: ScanResult, hrefs: readonly string[]): string {
  const rows = result.projects
    .map((project, at) => ({ project, href: hrefs[at]!, score: riskScore(project), at }))
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .map(({ project, href }) => {
      const counts = countBySeverity([project]);
      const trackers = project.privacy?.trackers.map((t) => t.name) ?? [];
      const data = project.privacy?.dataTypes.map((d) => d.label) ?? [];
      return html`<tr><td><a href="${href}">${project.displayPath}</a>${project.failure ? html` <span class="sev sev-error">not scanned</span>` : ''}</td><td>${project.platform}</td>
<td class="num sev-error">${counts.error}</td><td class="num sev-warning">${counts.warning}</td><td class="num sev-note">${counts.note}</td><td>${trackers.join(', ')}</td><td>${data.join(', ')}</td></tr>`;
    });
  const counts = countBySeverity(result.projects);
  const body = html`<header><h1>minivet: ${plural(result.projects.length, 'bundle')}</h1>
<p class="meta">${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} · riskiest first · ${result.tool.name} ${result.tool.version}</p></header>
<main><table><thead><tr><th>Bundle</th><th>Platform</th><th>Errors</th><th>Warnings</th><th>Notes</th><th>Trackers</th><th>Personal data collected</th></tr></thead><tbody>${rows}</tbody></table></main>`;
  return page('minivet: batch report', body, false);
}
