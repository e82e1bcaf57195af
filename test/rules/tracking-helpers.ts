import { parseScript } from '../../src/analyzers/parse-script.js';
import { traverse, type Listeners } from '../../src/analyzers/traverse.js';
import { platformCatalog } from '../../src/platforms/index.js';
import type { RuleSettings } from '../../src/rules/rule.js';
import { TRACKING_RULES } from '../../src/rules/tracking/index.js';
import type { ProjectResult } from '../../src/scan-result.js';
import type { BundleFile, Finding, PlatformId } from '../../src/types.js';
import { LineIndex } from '../../src/util/line-index.js';

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
  const parsed = parseScript(path, code);
  if (!parsed.ok) throw new Error(parsed.notification.message);
  const file: BundleFile = { path, kind: 'script', text: code, thirdParty: options.thirdParty ?? false };
  const lines = new LineIndex(code);
  const settings = { profile: 'recommended', ...options.settings } as RuleSettings;
  const findings: Finding[] = [];
  const listeners: Listeners[] = [];
  for (const rule of TRACKING_RULES) {
    if (!rule.createScriptListeners) continue;
    listeners.push(
      rule.createScriptListeners({
        file,
        platform: platformCatalog(options.platform ?? 'wechat'),
        text: code,
        settings,
        region: (start, end) => lines.region(start, end),
        report({ range, ...rest }) {
          findings.push({ ruleId: rule.meta.id, thirdParty: file.thirdParty, ...rest, severity: rest.severity ?? rule.meta.severity, location: { file: path, region: lines.region(range[0], range[1]) } });
        },
      }),
    );
  }
  traverse(parsed.ast, listeners);
  return findings;
}
