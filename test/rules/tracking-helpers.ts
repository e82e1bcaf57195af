import { analyseFile } from '../../src/analyzers/analyse-file.js';
import { platformCatalog } from '../../src/platforms/index.js';
import type { RuleSettings } from '../../src/rules/rule.js';
import { TRACKING_RULES } from '../../src/rules/tracking/index.js';
import type { ProjectResult } from '../../src/scan-result.js';
import type { BundleFile, Finding, PlatformId } from '../../src/types.js';

export const TRACKING_RULE_IDS = new Set(TRACKING_RULES.map((rule) => rule.meta.id));

/** `rule file:line:col sdk event|mechanism|dataTypes` for the tracking rules' findings. */
export function trackingKeys(project: ProjectResult, ruleId?: string): string[] {
  return project.findings
    .filter((finding) => (ruleId ? finding.ruleId === ruleId : TRACKING_RULE_IDS.has(finding.ruleId)))
    .map((finding) => {
      const p = finding.properties ?? {};
      const detail =
        finding.ruleId === 'identifier-to-tracker' ? (p.dataTypes as string[]).join(',')
        : finding.ruleId === 'privacy-api-without-consent' ? p.problem
        : finding.ruleId === 'interaction-history-tracking' ? p.mechanism
        : p.event;
      return `${finding.ruleId} ${finding.location.file}:${finding.location.region.start.line}:${finding.location.region.start.column} ${p.sdk ?? '-'} ${detail}`;
    });
}

/**
 * Runs the tracking rules' file checks on one script, the way the scan pipeline does (one
 * traversal, every rule's listeners), with settings of the test's choosing.
 */
export function runTrackingFileRules(code: string, options: { path?: string; platform?: PlatformId; settings?: Partial<RuleSettings> & Record<string, unknown>; thirdParty?: boolean } = {}): Finding[] {
  const path = options.path ?? 'pages/index/index.js';
  const file: BundleFile = { path, kind: 'script', text: code, thirdParty: options.thirdParty ?? false };
  const settings = { profile: 'recommended', ...options.settings } as RuleSettings;
  const analysis = analyseFile(file, {
    platform: platformCatalog(options.platform ?? 'wechat'),
    rules: TRACKING_RULES.map((rule) => ({ rule, severity: rule.meta.severity })),
    settings,
  });
  const error = analysis.notifications.find((notification) => notification.level === 'error');
  if (error) throw new Error(error.message);
  return analysis.findings;
}
