import { consentGateApplies, PLATFORM_PRIVACY } from '../platforms/privacy-data.js';
import type { Usage } from '../types.js';
import { compareFindings } from '../util/sort.js';
import type { ProjectFacts } from './rule.js';

/**
 * Whether a mini-app runs its own privacy-agreement consent flow, shared by the rules that word
 * their findings around it (privacy-api-without-consent, clipboard-read), so they never disagree.
 */
export interface ConsentFlow {
  /** The platform lets a mini-app drive consent itself, and gates this one (WeChat, Douyin; Alipay when app.json opts in). */
  supported: boolean;
  /** Uses showing the mini-app handles consent, in location order; empty when it has no flow. */
  evidence: Usage[];
  /** `no onNeedPrivacyAuthorization or requirePrivacyAuthorize and no button open-type="agreePrivacyAuthorization"`. */
  missing: string;
}

export function byLocation(a: Usage, b: Usage): number {
  return compareFindings(
    { ruleId: '', severity: 'note', message: '', location: a.location },
    { ruleId: '', severity: 'note', message: '', location: b.location },
  );
}

/**
 * A consent API registered or called anywhere, or the agree button in any template, counts: the
 * platform pauses privacy interfaces until that flow resolves, wherever it lives. getPrivacySetting
 * alone does not count, as it only asks whether agreement is still needed and collects nothing.
 */
export function consentFlowOf(facts: ProjectFacts): ConsentFlow {
  const privacy = PLATFORM_PRIVACY[facts.platform.id];
  if (!consentGateApplies(privacy, facts.manifest?.usePrivacyCheck?.value)) return { supported: false, evidence: [], missing: '' };
  const apis = new Set(privacy.consentApis);
  const evidence = facts.usages
    .filter((usage) => (usage.kind === 'api' && apis.has(usage.name)) || (usage.kind === 'open-type' && usage.name === privacy.consentOpenType))
    .sort(byLocation);
  return { supported: true, evidence, missing: `no ${[...apis].join(' or ')} and no button open-type="${privacy.consentOpenType}"` };
}

/** ` (3 file(s) could not be analysed; a consent flow there would not be seen)`, or ''. */
export function unanalysedNote(facts: ProjectFacts): string {
  const count = facts.unanalysedFiles.length;
  return count > 0 ? ` (${count} file(s) could not be analysed; a consent flow there would not be seen)` : '';
}
