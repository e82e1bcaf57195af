import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ProjectResult, RuleDescriptor, ScanResult } from '../scan-result.js';
import type { FileNotification, Finding, Region, Severity, SourceLocation } from '../types.js';
import { LineIndex } from '../util/line-index.js';
import { compareFindings, compareNotifications } from '../util/sort.js';
import { LineHasher } from './fingerprint.js';

/** Returns a scanned file's text (for fingerprints), or undefined when it is not at hand. */
export type SourceLookup = (root: string, file: string) => string | undefined;

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const PROBLEM_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  note: 'recommendation',
};

export function toSarif(result: ScanResult, sources: SourceLookup): Sarif.Log {
  const rules = [...result.rules].sort((a, b) => compare(a.id, b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: result.projects.map((project) => toRun(result, rules, ruleIndex, project, sources)),
  };
}

export function formatSarif(log: Sarif.Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toRun(
  result: ScanResult,
  rules: RuleDescriptor[],
  ruleIndex: Map<string, number>,
  project: ProjectResult,
  sources: SourceLookup,
): Sarif.Run {
  const findings = [...project.findings].sort(compareFindings);
  const notifications = [...project.notifications].sort(compareNotifications);

  const files = new Set<string>();
  for (const finding of findings) {
    files.add(finding.location.file);
    for (const related of finding.relatedLocations ?? []) files.add(related.location.file);
  }
  for (const notification of notifications) files.add(notification.file);
  const artifactFiles = [...files].sort(compare);
  const artifactIndex = new Map(artifactFiles.map((file, index) => [file, index]));
  const artifactLocation = (file: string): Sarif.ArtifactLocation => ({
    uri: relativeUri(file),
    uriBaseId: SRCROOT,
    index: artifactIndex.get(file)!,
  });
  const physical = (location: SourceLocation): Sarif.PhysicalLocation => ({
    artifactLocation: artifactLocation(location.file),
    region: sarifRegion(location.region),
  });

  const lines = lineTexts(project.root, sources);
  const hasher = new LineHasher();
  const results = findings.map((finding) =>
    toResult(finding, ruleIndex.get(finding.ruleId), physical, hasher.next(
      finding.ruleId,
      finding.location.file,
      lines(finding.location.file, finding.location.region.start.line),
    )),
  );

  return {
    tool: {
      driver: {
        name: result.tool.name,
        semanticVersion: result.tool.version,
        informationUri: result.tool.informationUri,
        rules: rules.map(toReportingDescriptor),
      },
    },
    automationDetails: { id: automationId(project.displayPath) },
    invocations: [
      {
        // Notifications are about the input; the tool itself ran to completion.
        executionSuccessful: true,
        toolExecutionNotifications: notifications.map((n) => toNotification(n, artifactLocation)),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(project.root) } },
    artifacts: artifactFiles.map((file) => ({ location: { uri: relativeUri(file), uriBaseId: SRCROOT } })),
    results,
    columnKind: 'utf16CodeUnits',
  };
}

function toReportingDescriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    help: { text: rule.rationale, markdown: rule.helpMarkdown || rule.rationale },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: rule.effectiveSeverity },
    properties: {
      tags: [...rule.tags, ...rule.cwe.map((cwe) => `external/cwe/cwe-${String(cwe).padStart(3, '0')}`)],
      precision: rule.precision,
      'security-severity': rule.securitySeverity.toFixed(1),
      'problem.severity': PROBLEM_SEVERITY[rule.effectiveSeverity],
    },
  };
}

function toResult(
  finding: Finding,
  ruleIndex: number | undefined,
  physical: (location: SourceLocation) => Sarif.PhysicalLocation,
  lineHash: string,
): Sarif.Result {
  const related = finding.relatedLocations ?? [];
  const properties: Record<string, unknown> = { ...finding.properties };
  if (finding.thirdParty) properties['thirdParty'] = true;
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined && { ruleIndex }),
    level: finding.severity,
    message: { text: sentence(finding.message) },
    locations: [{ physicalLocation: physical(finding.location) }],
    ...(related.length > 0 && {
      relatedLocations: related.map((item, index) => ({
        id: index + 1,
        physicalLocation: physical(item.location),
        message: { text: sentence(item.message) },
      })),
    }),
    partialFingerprints: { primaryLocationLineHash: lineHash },
    ...(Object.keys(properties).length > 0 && { properties: sortKeys(properties) }),
  };
}

function toNotification(
  notification: FileNotification,
  artifactLocation: (file: string) => Sarif.ArtifactLocation,
): Sarif.Notification {
  const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(notification.file) };
  if (notification.position) {
    physicalLocation.region = {
      startLine: notification.position.line,
      startColumn: notification.position.column,
    };
  }
  return {
    level: notification.level,
    message: { text: sentence(notification.message) },
    locations: [{ physicalLocation }],
    descriptor: { id: notification.kind },
  };
}

function sarifRegion(region: Region): Sarif.Region {
  // Both sides use 1-based UTF-16 columns with an exclusive end, so no arithmetic.
  return {
    startLine: region.start.line,
    startColumn: region.start.column,
    endLine: region.end.line,
    endColumn: region.end.column,
  };
}

/** Line text lookup with one LineIndex per file. */
function lineTexts(root: string, sources: SourceLookup): (file: string, line: number) => string {
  const indexes = new Map<string, LineIndex | undefined>();
  return (file, line) => {
    if (!indexes.has(file)) {
      const text = sources(root, file);
      indexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return indexes.get(file)?.lineText(line) ?? '';
  };
}

/** A relative URI reference: each POSIX segment percent-encoded (spaces, `#`, `%`, `:` and non-ASCII). */
export function relativeUri(file: string): string {
  return file
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map(encodeURIComponent)
    .join('/');
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  // A base URI must end in '/' or the last segment is dropped when resolving against it.
  return href.endsWith('/') ? href : `${href}/`;
}

/** `minivet/<path>/`: GitHub takes it as the category, which must differ per run in one upload. */
export function automationId(displayPath: string): string {
  const segments = displayPath
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && !/^[A-Za-z]:$/.test(segment));
  return `minivet/${segments.map((segment) => `${segment}/`).join('')}`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** SARIF asks for plain-text messages as complete sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?。！？]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function sortKeys<T>(bag: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(bag).sort(compare).map((key) => [key, bag[key]!]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
