import { isInternalError } from '../internal-error.js';
import type { ScanResult } from '../scan-result.js';
import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

/** Version of the JSON output shape (docs/json-format.md); bumped on any breaking change. */
export const JSON_FORMAT_VERSION = 1;

function findingJson(finding: Finding) {
  const { start, end } = finding.location.region;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.location.file,
    ...(finding.location.module !== undefined && { module: finding.location.module }),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    thirdParty: finding.thirdParty ?? false,
    suppressed: finding.suppressed !== undefined,
    ...(finding.suppressed?.justification !== undefined && { justification: finding.suppressed.justification }),
    ...(finding.baselineState !== undefined && { baselineState: finding.baselineState }),
    properties: finding.properties ?? {},
    related: (finding.relatedLocations ?? []).map((related) => ({
      message: related.message,
      file: related.location.file,
      line: related.location.region.start.line,
      column: related.location.region.start.column,
    })),
    // Data-flow findings only: the path, source first and sink (the finding itself) last.
    ...(finding.codeFlow !== undefined && finding.codeFlow.length > 0 && {
      codeFlow: finding.codeFlow.map((step) => ({
        message: step.message,
        file: step.location.file,
        line: step.location.region.start.line,
        column: step.location.region.start.column,
        endLine: step.location.region.end.line,
        endColumn: step.location.region.end.column,
      })),
    }),
  };
}

/** The stable JSON shape documented in docs/json-format.md. */
export function formatJson(result: ScanResult): string {
  const output = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    summary: countBySeverity(result.projects),
    rules: result.rules.map((rule) => ({ id: rule.id, severity: rule.effectiveSeverity, description: rule.description, helpUri: rule.helpUri })),
    projects: result.projects.map((project) => ({
      path: project.displayPath,
      appRoot: project.appRoot,
      platform: project.platform,
      summary: countBySeverity([project]),
      stats: project.stats,
      ...(project.failure !== undefined && { failure: project.failure }),
      // A bug in minivet met on part of the bundle: the rest is reported, this part is not.
      incomplete: project.notifications.some(isInternalError),
      privacy: project.privacy ?? null,
      findings: project.findings.map(findingJson),
      notifications: project.notifications.map((n) => ({
        kind: n.kind,
        level: n.level,
        file: n.file,
        line: n.position?.line ?? null,
        column: n.position?.column ?? null,
        message: n.message,
        ...(n.ruleId !== undefined && { ruleId: n.ruleId }),
      })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
