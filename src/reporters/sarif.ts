import { guarded, isInternalError } from '../internal-error.js';
import { basename, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ProjectResult, RuleDescriptor, ScanResult } from '../scan-result.js';
import type { FileNotification, Finding, Region, Severity, SourceLocation } from '../types.js';
import { compareFindings, compareNotifications, compareStrings } from '../util/sort.js';
import { compareFlows, sameLocation, sarifCodeFlows, withSourceLink } from './code-flow.js';
import { findingFingerprints, type SourceLookup } from './fingerprint.js';

export type { SourceLookup } from './fingerprint.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const PROBLEM_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  note: 'recommendation',
};

export interface SarifOptions {
  /**
   * The folder SARIF paths are relative to, normally the repository root (the CLI passes its
   * working directory): GitHub resolves result paths against the repository root, so a scan of
   * `miniprogram/` must say `miniprogram/pages/x.js`. Projects outside it use their own root.
   */
  srcRoot?: string;
  /**
   * Set when the scan is (part of) a batch: each project's place in the whole batch and the batch's
   * size, written as the run's `bundleIndex` and `bundleCount` properties, so `minivet merge` puts
   * shards back in order and sees one missing. `briefHelp` gives each rule's help as a summary and
   * a link to its documentation (`helpUri`) instead of the full page, which every run would repeat.
   */
  batch?: { indexes: readonly number[]; count: number; briefHelp: boolean };
}

/** Where a project's paths are anchored in SARIF: the base folder and the prefix from it to the project root. */
function anchor(project: ProjectResult, srcRoot: string | undefined): { base: string; prefix: string; category: string } {
  if (srcRoot !== undefined) {
    const rel = relative(srcRoot, project.root);
    if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))) {
      const prefix = rel.split(sep).join('/');
      return { base: srcRoot, prefix, category: prefix };
    }
  }
  // Outside the base: anchor at the project itself and keep machine paths out of the category.
  return { base: project.root, prefix: '', category: basename(project.root) };
}

export function toSarif(result: ScanResult, sources: SourceLookup, options: SarifOptions = {}): Sarif.Log {
  const rules = [...result.rules].sort((a, b) => compareStrings(a.id, b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const runs = result.projects.map((project, index) => {
    const run = toRun(result, rules, ruleIndex, project, sources, anchor(project, options.srcRoot), options.batch?.briefHelp ?? false);
    const bundleIndex = options.batch?.indexes[index];
    return bundleIndex === undefined ? run : { ...run, properties: { bundleIndex, bundleCount: options.batch!.count, ...run.properties } };
  });
  return sarifLog(runs);
}

/** A SARIF log of these runs, each with a category of its own: GitHub rejects two runs of one tool with the same category in one upload. */
export function sarifLog(runs: Sarif.Run[]): Sarif.Log {
  const used = new Set<string>();
  for (const run of runs) {
    const id = run.automationDetails!.id!;
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id.replace(/\/$/, '')}-${n}/`;
    used.add(unique);
    run.automationDetails = { id: unique };
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
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
  where: { base: string; prefix: string; category: string },
  briefHelp: boolean,
): Sarif.Run {
  const uriOf = (file: string): string => relativeUri(where.prefix === '' ? file : `${where.prefix}/${file}`);
  const findings = [...project.findings].sort((a, b) => compareFindings(a, b) || compareFlows(a, b));
  const notifications = [...project.notifications].sort(compareNotifications);

  const files = new Set<string>();
  for (const finding of findings) {
    files.add(finding.location.file);
    for (const related of finding.relatedLocations ?? []) files.add(related.location.file);
    for (const step of finding.codeFlow ?? []) files.add(step.location.file);
  }
  for (const notification of notifications) files.add(notification.file);
  const artifactFiles = [...files].sort(compareStrings);
  const artifactIndex = new Map(artifactFiles.map((file, index) => [file, index]));
  const artifactLocation = (file: string): Sarif.ArtifactLocation => ({
    uri: uriOf(file),
    uriBaseId: SRCROOT,
    index: artifactIndex.get(file)!,
  });
  const physical = (location: SourceLocation): Sarif.PhysicalLocation => ({
    artifactLocation: artifactLocation(location.file),
    region: sarifRegion(location.region),
  });
  // A module of a compiled bundle on disk is named as a logical location beside the bundle's own lines.
  const logical = (location: SourceLocation): Pick<Sarif.Location, 'logicalLocations'> =>
    location.module === undefined ? {} : { logicalLocations: [{ fullyQualifiedName: location.module, kind: 'module' }] };

  const fingerprints = findingFingerprints(project, sources);
  const results: Sarif.Result[] = [];
  for (const finding of findings) {
    // A finding this reporter cannot convert is named in a notification; the others stand.
    guarded({ stage: 'the SARIF reporter', ruleId: finding.ruleId, file: finding.location.file, lost: 'a finding of this rule is missing from the report' }, notifications, () => {
      results.push(toResult(finding, ruleIndex.get(finding.ruleId), physical, (location) => ({ physicalLocation: physical(location), ...logical(location) }), fingerprints.get(finding)!));
    });
  }

  return {
    tool: {
      driver: {
        name: result.tool.name,
        semanticVersion: result.tool.version,
        informationUri: result.tool.informationUri,
        rules: rules.map((rule) => toReportingDescriptor(rule, briefHelp)),
      },
    },
    automationDetails: { id: automationId(where.category) },
    invocations: [
      {
        // Notifications about files do not make a run unsuccessful; a bundle that could not be scanned,
        // or a bug met on any part of it (the results are then incomplete), does.
        executionSuccessful: project.failure === undefined && !notifications.some(isInternalError),
        toolExecutionNotifications: notifications.map((n) => toNotification(n, artifactLocation, ruleIndex)),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(where.base) } },
    // Every referenced file is one minivet was asked to analyse; saying so also keeps the
    // array from being location-only, which the SARIF Multitool flags (SARIF2004).
    artifacts: artifactFiles.map((file) => ({
      location: { uri: uriOf(file), uriBaseId: SRCROOT },
      roles: ['analysisTarget'],
    })),
    results,
    columnKind: 'utf16CodeUnits',
    // Who tracks what in this bundle: the first step toward a privacy label a vendor can check.
    ...(project.privacy && { properties: { privacy: project.privacy } }),
  };
}

function toReportingDescriptor(rule: RuleDescriptor, briefHelp: boolean): Sarif.ReportingDescriptor {
  const markdown = briefHelp ? `${rule.rationale}\n\nSee [${rule.id}](${rule.helpUri}) for examples, options and limitations.` : rule.helpMarkdown || rule.rationale;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    help: { text: rule.rationale, markdown },
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
  place: (location: SourceLocation) => Sarif.Location,
  lineHash: string,
): Sarif.Result {
  const related = finding.relatedLocations ?? [];
  const relatedLocations: Sarif.Location[] = related.map((item, index) => ({
    id: index + 1,
    ...place(item.location),
    message: { text: item.message },
  }));
  const flow = finding.codeFlow ?? [];
  let text = finding.message;
  const source = flow[0];
  // The source as a related location too, linked from the message: viewers without code flows still show it.
  if (source && !sameLocation(source.location, finding.location)) {
    let id = related.findIndex((item) => sameLocation(item.location, source.location)) + 1;
    if (id === 0) {
      id = relatedLocations.length + 1;
      relatedLocations.push({ id, ...place(source.location), message: { text: source.message } });
    }
    text = withSourceLink(text, source.message, id);
  }
  const properties: Record<string, unknown> = { ...finding.properties };
  if (finding.thirdParty) properties['thirdParty'] = true;
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined && { ruleIndex }),
    level: finding.severity,
    message: { text },
    locations: [place(finding.location)],
    ...(relatedLocations.length > 0 && { relatedLocations }),
    ...(flow.length > 0 && { codeFlows: sarifCodeFlows(flow, physical) }),
    partialFingerprints: { primaryLocationLineHash: lineHash },
    ...(finding.baselineState !== undefined && { baselineState: finding.baselineState }),
    ...(finding.suppressed && {
      suppressions: [{ kind: finding.suppressed.kind ?? 'inSource', ...(finding.suppressed.justification && { justification: finding.suppressed.justification }) }],
    }),
    ...(Object.keys(properties).length > 0 && { properties: sortKeys(properties) }),
  };
}

function toNotification(
  notification: FileNotification,
  artifactLocation: (file: string) => Sarif.ArtifactLocation,
  ruleIndex: Map<string, number>,
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
    message: { text: notification.message },
    locations: [{ physicalLocation }],
    descriptor: { id: notification.kind },
    ...(notification.ruleId !== undefined && {
      associatedRule: { id: notification.ruleId, ...(ruleIndex.has(notification.ruleId) && { index: ruleIndex.get(notification.ruleId)! }) },
    }),
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

function sortKeys<T>(bag: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(bag).sort(compareStrings).map((key) => [key, bag[key]!]));
}

