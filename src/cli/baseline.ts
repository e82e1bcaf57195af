import { relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import { readJsonFile } from './read-json.js';
import { findingFingerprints, type SourceLookup } from '../reporters/fingerprint.js';
import type { ProjectResult, ScanResult } from '../scan-result.js';
import type { Finding } from '../types.js';
import { compareStrings as compare } from '../util/sort.js';

/**
 * Baselines: the fingerprints of the findings a project already has, so that a later scan shows only
 * what a change introduced. A fingerprint is the one SARIF gives GitHub (rule, file and the text of
 * the line, never its number), so moving code keeps its findings known.
 */
export interface Baseline {
  minivetBaseline: 1;
  /** Scanned roots relative to the folder minivet ran in when it made the baseline (`.` for that folder) → their findings. */
  projects: Record<string, BaselineEntry[]>;
}

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

/** Rules whose findings a baseline never hides: a hard-coded secret stays visible at its level until it is removed. */
const NEVER_HIDDEN = new Set(['hardcoded-secret']);

function projectKey(project: ProjectResult, cwd: string): string {
  return relative(cwd, project.root).split(sep).join('/') || '.';
}

export function createBaseline(result: ScanResult, sources: SourceLookup, cwd: string): Baseline {
  const projects: [string, BaselineEntry[]][] = [];
  for (const project of [...result.projects].sort((a, b) => compare(projectKey(a, cwd), projectKey(b, cwd)))) {
    if (project.failure !== undefined) continue;
    const entries = [...findingFingerprints(project, sources)].map(([finding, fingerprint]) => ({ ruleId: finding.ruleId, file: finding.location.file, fingerprint }));
    projects.push([projectKey(project, cwd), entries.sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint))]);
  }
  // Own properties whatever the folder's name (`__proto__`, `constructor`).
  return { minivetBaseline: 1, projects: Object.fromEntries(projects) };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file; anything but a baseline this version wrote is an input error. */
export function readBaseline(path: string): Baseline {
  const record = readJsonFile(path, 'baseline') as Partial<Baseline> | null;
  const projects = record?.projects;
  const valid = record?.minivetBaseline === 1 && typeof projects === 'object' && projects !== null && Object.values(projects).every((entries) => Array.isArray(entries) && entries.every(isEntry));
  if (!valid) throw new InputError(`${path} is not a minivet baseline (make one with \`minivet baseline create -o ${path}\`)`);
  return record as Baseline;
}

function isEntry(entry: unknown): entry is BaselineEntry {
  const value = entry as Partial<BaselineEntry> | null;
  return typeof value?.fingerprint === 'string' && typeof value.ruleId === 'string' && typeof value.file === 'string';
}

/**
 * The result compared with a baseline: each finding is `new` or `unchanged`, and an unchanged one is
 * suppressed externally (SARIF keeps it, so GitHub does not close and reopen its alert), except for
 * the rules a baseline never hides. Findings suppressed in source stay as they are.
 */
export function applyBaseline(result: ScanResult, baseline: Baseline, baselinePath: string, sources: SourceLookup, cwd: string): { result: ScanResult; unknownProjects: string[] } {
  const unknownProjects: string[] = [];
  const projects = result.projects.map((project) => {
    const key = projectKey(project, cwd);
    // Own entries only: a folder named `constructor` is not Object.prototype's.
    const entries = Object.hasOwn(baseline.projects, key) ? baseline.projects[key]! : undefined;
    if (!entries && project.failure === undefined) unknownProjects.push(key);
    const known = new Set((entries ?? []).map((entry) => entry.fingerprint));
    const fingerprints = findingFingerprints(project, sources);
    const findings = project.findings.map((finding): Finding => {
      if (finding.suppressed) return finding;
      if (!known.has(fingerprints.get(finding)!)) return { ...finding, baselineState: 'new' };
      if (NEVER_HIDDEN.has(finding.ruleId)) return { ...finding, baselineState: 'unchanged' };
      return { ...finding, baselineState: 'unchanged', suppressed: { kind: 'external', justification: `already in the baseline ${baselinePath}` } };
    });
    return { ...project, findings };
  });
  return { result: { ...result, projects }, unknownProjects };
}
