import type { CategorySummary, DataFlowEntry, PrivacySummary } from '../privacy-report.js';
import type { ProjectResult, ScanResult } from '../scan-result.js';
import { printable } from './printable.js';
import { shortList } from './summary.js';

/**
 * `minivet privacy-label`: what each bundle collects, by the categories of its platform's privacy
 * guide, with the interfaces, SDKs and destinations of each; then the other personal data the code
 * handles (identifiers, credentials) and the trackers. JSON for tools, Markdown for people.
 */

export interface BundleLabel {
  path: string;
  platform: string;
  /** The categories the code makes required, in the platform's order. */
  categories: CategorySummary[];
  /** Personal data that no category covers (openid, credentials, device ids), with where it goes. */
  otherData: DataFlowEntry[];
  trackers: { name: string; kind: string; hosts: string[]; dataTypes: string[] }[];
  consentFlow?: boolean;
  /** With `--declared`: categories collected but not declared, declared but not collected, and declared keys minivet does not know. */
  declaration?: { undeclared: string[]; overDeclared: string[]; unknown: string[] };
  /** Files skipped or not fully analysed: the label may miss what they collect. */
  unanalysedFiles: number;
  categorySource: string;
  /** Set when the bundle could not be scanned: the label is empty, not clean. */
  failure?: string;
}

function otherData(privacy: PrivacySummary): DataFlowEntry[] {
  const covered = new Set(privacy.categories.flatMap((category) => category.data as string[]));
  return privacy.flows.filter((entry) => !covered.has(entry.data));
}

export function bundleLabel(project: ProjectResult): BundleLabel {
  const privacy = project.privacy;
  return {
    path: project.displayPath,
    platform: project.platform,
    categories: privacy?.categories ?? [],
    otherData: privacy ? otherData(privacy) : [],
    trackers: (privacy?.trackers ?? []).map((t) => ({ name: t.name, kind: t.kind, hosts: t.hosts, dataTypes: t.dataTypes })),
    ...(privacy?.consent.applicable && { consentFlow: privacy.consent.flow }),
    ...(privacy?.declaration && { declaration: { undeclared: privacy.declaration.undeclared, overDeclared: privacy.declaration.overDeclared, unknown: privacy.declaration.unknown } }),
    unanalysedFiles: project.stats.filesSkipped,
    categorySource: privacy?.categorySource ?? '',
    ...(project.failure ? { failure: project.failure } : !privacy && { failure: 'the privacy summary could not be built (see the scan\'s notifications)' }),
  };
}

export function formatLabelJson(result: ScanResult): string {
  const document = { formatVersion: 1, tool: { name: result.tool.name, version: result.tool.version }, bundles: result.projects.map(bundleLabel) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Text from the bundle in a table cell: no line breaks, no cell breaks, no markup, no control or bidi characters. */
function cell(text: string): string {
  return printable(text.replace(/\s+/g, ' ')).replace(/\s+/g, ' ').replace(/[\\|`*_[\]<>&]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : `\\${char}`)) || ' ';
}

function sentTo(entries: readonly { destination: string; targets: readonly string[] }[]): string {
  return entries.map((entry) => `${entry.destination}: ${shortList(entry.targets, 4)}`).join('; ');
}

function markdownOf(label: BundleLabel): string[] {
  const out = [`## ${cell(label.path)} (${label.platform})`, ''];
  if (label.failure) return [...out, `Not scanned: ${cell(label.failure)}`, ''];
  if (label.unanalysedFiles > 0) out.push(`${label.unanalysedFiles} ${label.unanalysedFiles === 1 ? 'file' : 'files'} could not be analysed: the label may miss what ${label.unanalysedFiles === 1 ? 'it collects' : 'they collect'}.`, '');
  if (label.categories.length === 0) out.push('No privacy-guide category is required by the code.', '');
  else {
    out.push('| Category | Key | Collected via | SDKs | Sent to | Where |', '|---|---|---|---|---|---|');
    for (const c of label.categories) {
      const where = `${c.places.map((p) => `${p.file}:${p.line}`).join(', ')}${c.locations > c.places.length ? ` and ${c.locations - c.places.length} more` : ''}`;
      out.push(`| ${cell(c.label)}${c.english === c.label ? '' : ` (${cell(c.english)})`}${c.confirmed ? '' : ' †'} | ${cell(c.key)} | ${cell(c.via.join(', '))} | ${cell(c.sdks.join(', '))} | ${cell(sentTo(c.sentTo))} | ${cell(where)}${c.thirdPartyOnly ? ' (third-party code only)' : ''} |`);
    }
    out.push('');
    if (label.categories.some((c) => !c.confirmed)) out.push('† category key or its interfaces from secondary sources.', '');
  }
  if (label.otherData.length > 0) {
    out.push('Other personal data the code handles:', '');
    for (const entry of label.otherData) out.push(`- ${cell(entry.label)} → ${entry.destination}: ${cell(shortList(entry.targets, 4))}${entry.byNameOnly ? ' (known by name only)' : ''}`);
    out.push('');
  }
  out.push(label.trackers.length === 0 ? 'Trackers: none found.' : `Trackers: ${label.trackers.map((t) => cell(`${t.name}${t.hosts.length > 0 ? ` (${shortList(t.hosts, 3)})` : ''}`)).join('; ')}.`);
  if (label.consentFlow !== undefined) out.push('', `Privacy consent flow: ${label.consentFlow ? 'present' : 'missing'}.`);
  if (label.declaration) {
    out.push('', `Declared but not collected: ${label.declaration.overDeclared.join(', ') || 'none'}. Collected but not declared: ${label.declaration.undeclared.join(', ') || 'none'}.`);
    if (label.declaration.unknown.length > 0) out.push('', `Declared keys minivet does not know (not checked): ${cell(label.declaration.unknown.join(', '))}.`);
  }
  out.push('', `Categories: ${cell(label.categorySource)}`, '');
  return out;
}

export function formatLabelMarkdown(result: ScanResult): string {
  return `# Privacy label\n\n${result.projects.flatMap((p) => markdownOf(bundleLabel(p))).join('\n')}`;
}
