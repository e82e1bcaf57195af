import type { PlatformId, Severity } from '../types.js';
import type { Listeners } from '../analyzers/traverse.js';
import type { FileContext, RuleContext, TemplateContext } from '../analyzers/context.js';

export type { FileContext, FileReport, ProjectFacts, Report, RuleContext, RuleSettings, RuleState, TemplateContext } from '../analyzers/context.js';

export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleMeta {
  /** kebab-case, stable forever: it keys SARIF alerts and user configs. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** A paragraph: why it matters. */
  rationale: string;
  severity: Severity;
  /** Severity in the strict vendor profile; defaults to 'error' (the vendor profile turns everything up). */
  strictSeverity?: Severity;
  tags: readonly ('security' | 'privacy' | 'correctness' | 'manifest' | 'tracking')[];
  cwe: readonly number[];
  precision: RulePrecision;
  /** 0.0–10.0, GitHub's security-severity. */
  securitySeverity: number;
  /** Platforms the rule applies to; all when absent. */
  platforms?: readonly PlatformId[];
  /** The rule reads `facts.dataflow`: the scan traces data flows only when such a rule is active. */
  dataflow?: boolean;
}

/**
 * A rule is one module: its metadata plus one or more checks. The same checks run in
 * `minivet scan` and in the ESLint plugin.
 * - createScriptListeners: esquery selector → listener, run in the one shared traversal of each script.
 * - checkTemplate: once per parsed template.
 * - checkProject: once per project, with the manifest and every usage found.
 */
export interface Rule {
  meta: RuleMeta;
  createScriptListeners?(context: FileContext): Listeners;
  checkTemplate?(context: TemplateContext): void;
  checkProject?(context: RuleContext): void;
}

/** Identity helper that keeps rule modules typed and uniform. */
export function createRule(rule: Rule): Rule {
  return rule;
}

/** Whether a rule runs on a platform: every platform, unless its `meta.platforms` names some. */
export function ruleAppliesTo(rule: Rule, platform: PlatformId): boolean {
  return rule.meta.platforms === undefined || rule.meta.platforms.includes(platform);
}
