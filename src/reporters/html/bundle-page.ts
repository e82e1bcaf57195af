import type { ProjectResult, RuleDescriptor, ScanResult } from '../../scan-result.js';
import { SEVERITIES, type Finding, type FlowStep, type Severity } from '../../types.js';
import { DATA_DESTINATIONS, type DataDestination, type DataFlowEntry, type PrivacySummary } from '../../privacy-report.js';
import { compareStrings } from '../../util/sort.js';
import { findingExcerpt, lineReader } from '../finding-excerpt.js';
import type { SourceLookup } from '../sarif.js';
import { countBySeverity, plural, shortList } from '../summary.js';
import { html, type Html } from './template.js';
import { page } from './page-frame.js';


const DESTINATION_TITLES: Readonly<Record<DataDestination, string>> = {
  storage: 'Local storage',
  tracker: 'Trackers',
  network: 'Network hosts',
  'web-view': 'Web-views',
  'other-mini-app': 'Other mini-apps',
  log: 'Logs',
  clipboard: 'Clipboard',
  file: 'Files',
};

/** Targets shown in one matrix cell before "and N more". */
const CELL_TARGETS = 4;

export interface BundlePageOptions {
  sources?: SourceLookup;
  /** Link back to the batch's index page. */
  indexHref?: string;
}

function shownFindings(project: ProjectResult): Finding[] {
  return project.findings.filter((finding) => !finding.suppressed);
}

function where(file: string, line: number, column?: number): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

function severityLabel(severity: Severity): Html {
  return html`<span class="sev sev-${severity}">${severity}</span>`;
}

function summarySection(project: ProjectResult, rules: ReadonlyMap<string, RuleDescriptor>): Html {
  const counts = countBySeverity([project]);
  const byRule = new Map<string, number>();
  for (const finding of shownFindings(project)) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  const rows = [...byRule].sort(([a], [b]) => compareStrings(a, b)).map(([id, count]) => {
    const rule = rules.get(id);
    return html`<tr><td>${rule ? html`<a href="${rule.helpUri}">${id}</a>` : id}</td><td>${rule ? severityLabel(rule.effectiveSeverity) : ''}</td><td>${rule?.description ?? ''}</td><td class="num">${count}</td></tr>`;
  });
  const lost = project.notifications.filter((n) => n.level === 'error').length;
  return html`<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<div class="counts">${SEVERITIES.map((s) => html`<div class="count" data-count="${s}"><b class="sev-${s}">${counts[s]}</b>${s === 'error' ? 'errors' : s === 'warning' ? 'warnings' : 'notes'}</div>`)}
<div class="count"><b>${project.notifications.length}</b>notifications${lost > 0 ? html` (${lost} files not analysed)` : ''}</div></div>
${rows.length === 0 ? html`<p class="empty">No findings.</p>` : html`<table><thead><tr><th>Rule</th><th>Severity</th><th>What it finds</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}

function trackersSection(privacy: PrivacySummary | undefined): Html {
  const trackers = privacy?.trackers ?? [];
  const rows = trackers.map(
    (t) => html`<tr><td>${t.name}${t.autoTracking ? html`<span class="tag">auto-tracking</span>` : ''}${t.shippedButNotImported ? html`<span class="tag">shipped, never imported</span>` : ''}${t.allowedByPolicy ? '' : html`<span class="tag sev-error">not allowed by policy</span>`}</td>
<td>${t.kind}</td>
<td>${t.initialisedAt.length === 0 ? html`<span class="empty">${t.kind === 'platform' ? 'built into the platform' : 'no init call found'}</span>` : t.initialisedAt.map((init) => html`<div><span class="where">${where(init.file, init.line)}</span> ${init.how}</div>`)}</td>
<td>${shortList(t.hosts, 6)}</td><td>${shortList(t.events, 8)}</td><td>${t.dataTypes.join(', ')}</td><td class="num">${t.calls}</td></tr>`,
  );
  return html`<section aria-labelledby="trackers"><h2 id="trackers">Trackers</h2>
${rows.length === 0 ? html`<p class="empty">No trackers found.</p>` : html`<table><thead><tr><th>Tracker</th><th>Kind</th><th>Initialised at</th><th>Hosts</th><th>Events</th><th>Personal data handed to it</th><th>Calls</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}

function categoriesSection(privacy: PrivacySummary | undefined): Html {
  if (!privacy) return html``;
  const rows = privacy.categories.map(
    (c) => html`<tr><td>${c.label}${c.english === c.label ? '' : html` <span class="meta">(${c.english})</span>`}${c.confirmed ? '' : html`<span class="tag" title="key or interfaces from secondary sources">unconfirmed</span>`}</td><td><code>${c.key}</code></td><td>${c.via.join(', ')}</td><td>${c.sdks.join(', ')}</td>
<td class="where">${c.places.map((p) => where(p.file, p.line)).join(', ')}${c.locations > c.places.length ? ` and ${c.locations - c.places.length} more` : ''}</td></tr>`,
  );
  return html`<section aria-labelledby="label"><h2 id="label">Privacy-guide categories the code makes required</h2>
${rows.length === 0 ? html`<p class="empty">None.</p>` : html`<table><thead><tr><th>Category</th><th>Key</th><th>Collected via</th><th>SDKs</th><th>Where</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}

function matrixCell(entry: DataFlowEntry | undefined): Html {
  if (!entry) return html`<td></td>`;
  const title = `${entry.flows} ${entry.flows === 1 ? 'flow' : 'flows'}${entry.byNameOnly ? ', known by name only' : ''}${entry.example ? `; first at ${where(entry.example.file, entry.example.line)}` : ''}`;
  return html`<td class="${entry.byNameOnly ? 'named' : 'hit'}" title="${title}">${shortList(entry.targets, CELL_TARGETS)}</td>`;
}

function matrixSection(privacy: PrivacySummary | undefined): Html {
  if (!privacy) return html``;
  const collected = new Map(privacy.dataTypes.map((d) => [d.type as string, d]));
  const cells = new Map(privacy.flows.map((entry) => [`${entry.data}\u0000${entry.destination}`, entry]));
  const labels = new Map<string, string>([...privacy.dataTypes.map((d) => [d.type, d.label] as const), ...privacy.flows.map((f) => [f.data, f.label] as const)]);
  const rows = [...labels].sort(([a], [b]) => compareStrings(a, b)).map(
    ([type, label]) => html`<tr><th scope="row">${label}</th><td>${collected.get(type)?.via.join(', ') ?? ''}</td>${DATA_DESTINATIONS.map((d) => matrixCell(cells.get(`${type}\u0000${d}`)))}</tr>`,
  );
  return html`<section aria-labelledby="data"><h2 id="data">Personal data and where it goes</h2>
<p class="meta">Rows: personal data the code collects or handles. Columns: where the data-flow analysis traced it to. Grey cells are values known only by their names (<code>res.data.phone</code>); hover a cell for its first place.${privacy.consent.applicable ? html` Privacy consent flow: <b>${privacy.consent.flow ? 'present' : 'missing'}</b>.` : ''}</p>
${rows.length === 0 ? html`<p class="empty">No personal data found.</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label="Personal data by destination"><table class="matrix"><thead><tr><th>Data</th><th>Collected via</th>${DATA_DESTINATIONS.map((d) => html`<th>${DESTINATION_TITLES[d]}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`}</section>`;
}

function pathSteps(steps: readonly FlowStep[]): Html {
  return html`<details class="path"><summary>Data-flow path (${plural(steps.length, 'step')})</summary><ol class="path">${steps.map(
    (step) => html`<li><span class="where">${where(step.location.file, step.location.region.start.line, step.location.region.start.column)}</span>${step.message}</li>`,
  )}</ol></details>`;
}

function findingCard(finding: Finding, rule: RuleDescriptor | undefined, code: string): Html {
  const start = finding.location.region.start;
  return html`<article class="finding ${finding.severity}" data-rule="${finding.ruleId}" data-severity="${finding.severity}" data-file="${finding.location.file}">
<div>${severityLabel(finding.severity)} <span class="where">${where(finding.location.file, start.line, start.column)}</span> ${rule ? html`<a href="${rule.helpUri}">${finding.ruleId}</a>` : finding.ruleId}${finding.thirdParty ? html`<span class="tag">third-party</span>` : ''}</div>
<p>${finding.message}</p>
${code === '' ? '' : html`<pre><code>${code}</code></pre>`}
${finding.codeFlow && finding.codeFlow.length > 0 ? pathSteps(finding.codeFlow) : ''}</article>`;
}

function options(values: readonly string[]): Html[] {
  return values.map((value) => html`<option value="${value}">${value}</option>`);
}

function findingsSection(project: ProjectResult, rules: ReadonlyMap<string, RuleDescriptor>, sources: SourceLookup | undefined): Html {
  const findings = shownFindings(project);
  const readers = new Map<string, (line: number) => string>();
  const codeOf = (finding: Finding): string => {
    if (!sources) return '';
    let reader = readers.get(finding.location.file);
    if (!reader) readers.set(finding.location.file, (reader = lineReader(sources, project.root, finding.location.file)));
    return findingExcerpt(finding, reader);
  };
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort(compareStrings);
  const hasPaths = findings.some((f) => (f.codeFlow?.length ?? 0) > 0);
  return html`<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
<form id="filters" class="filters" role="search" aria-label="Filter findings">
<label>Rule<select name="rule"><option value="">All rules</option>${options(ruleIds)}</select></label>
<label>Severity<select name="severity"><option value="">All severities</option>${options(SEVERITIES.filter((s) => findings.some((f) => f.severity === s)))}</select></label>
<label>File contains<input name="file" type="search" autocomplete="off"></label>
<button type="reset">Clear filters</button>
${hasPaths ? html`<button type="button" id="toggle-paths" aria-pressed="false">Expand all paths</button>` : ''}
<span class="meta" aria-live="polite">Showing <b id="shown">${findings.length}</b> of ${findings.length}</span>
</form>
${findings.length === 0 ? html`<p class="empty">No findings.</p>` : findings.map((finding) => findingCard(finding, rules.get(finding.ruleId), codeOf(finding)))}</section>`;
}

function notificationsSection(project: ProjectResult): Html {
  if (project.notifications.length === 0) return html``;
  return html`<section aria-labelledby="notifications"><h2 id="notifications">Not fully analysed</h2>
<table><thead><tr><th>File</th><th>Level</th><th>Kind</th><th>Message</th></tr></thead><tbody>${project.notifications.map(
    (n) => html`<tr><td class="where">${n.position ? where(n.file, n.position.line, n.position.column) : n.file}</td><td>${severityLabel(n.level)}</td><td>${n.kind}</td><td>${n.message}</td></tr>`,
  )}</tbody></table></section>`;
}

/** One bundle's page: summary, trackers, the personal-data matrix, findings with filters, notifications. */
export function bundlePage(result: ScanResult, project: ProjectResult, options: BundlePageOptions = {}): string {
  const rules = new Map(result.rules.map((rule) => [rule.id, rule]));
  const suppressed = project.findings.length - shownFindings(project).length;
  const body = html`<header>${options.indexHref ? html`<p class="meta"><a href="${options.indexHref}">← All bundles</a></p>` : ''}
<h1>${project.displayPath}</h1>
<p class="meta">${project.platform}${project.compiled ? ' (compiled package)' : ''} · ${plural(project.stats.filesAnalysed, 'file')} analysed, ${project.stats.filesSkipped} skipped or not fully analysed${suppressed > 0 ? ` · ${suppressed} suppressed or in the baseline, not shown` : ''} · ${result.tool.name} ${result.tool.version}</p>
${project.failure ? html`<p class="sev-error">This bundle could not be scanned: ${project.failure}</p>` : ''}</header>
<main>${summarySection(project, rules)}${trackersSection(project.privacy)}${categoriesSection(project.privacy)}${matrixSection(project.privacy)}${findingsSection(project, rules, options.sources)}${notificationsSection(project)}</main>`;
  return page(`minivet: ${project.displayPath}`, body, true);
}
