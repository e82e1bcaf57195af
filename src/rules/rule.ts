import type { Finding, PlatformId, RelatedLocation, Severity, SourceLocation, Usage } from '../types.js';
import type { AppManifest } from '../manifest/app-manifest.js';
import type { PlatformCatalog } from '../platforms/types.js';

export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleMeta {
  /** kebab-case, stable forever: it keys SARIF alerts and user configs. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** A paragraph: why it matters. */
  rationale: string;
  severity: Severity;
  /** Severity in the strict vendor profile; defaults to `severity`. */
  strictSeverity?: Severity;
  tags: readonly ('security' | 'privacy' | 'correctness' | 'manifest' | 'tracking')[];
  cwe: readonly number[];
  precision: RulePrecision;
  /** 0.0–10.0, GitHub's security-severity. */
  securitySeverity: number;
  /** Platforms the rule applies to; all when absent. */
  platforms?: readonly PlatformId[];
}

/** What a rule can see of one mini-app project. */
export interface ProjectFacts {
  platform: PlatformCatalog;
  /** Absent when the manifest could not be read at all. */
  manifest: AppManifest | undefined;
  usages: readonly Usage[];
  /** Scripts and templates that could not be analysed (syntax errors, size): absence claims are weaker. */
  unanalysedFiles: readonly string[];
}

export interface Report {
  location: SourceLocation;
  message: string;
  relatedLocations?: RelatedLocation[];
  thirdParty?: boolean;
  properties?: Finding['properties'];
}

export interface RuleContext {
  readonly facts: ProjectFacts;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Identity helper that keeps rule modules typed and uniform. */
export function createRule(rule: Rule): Rule {
  return rule;
}
