import type { ProjectResult } from '../../src/scan-result.js';

/** `rule file:line:col` per finding, in output order. */
export function findingKeys(project: ProjectResult): string[] {
  return project.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.region.start.line}:${f.location.region.start.column}`);
}
