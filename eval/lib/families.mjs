/**
 * The finding families of ../shared/eval-policy.md and the minivet rules whose findings count for
 * each. Rules not listed here (consent flows, hidden APIs, …) have no labelled family and are not scored.
 */
export const FAMILY_RULES = {
  'undeclared-private-info': ['undeclared-private-info'],
  'missing-permission-description': ['missing-permission-description'],
  tracking: ['tracking-call', 'interaction-history-tracking'],
  'sensitive-data-to-storage': ['sensitive-data-to-storage'],
  // The policy labels where extraData is taken in unchecked; unchecked-referrer-data reports what it then drives.
  'unchecked-referrer-data': ['unchecked-referrer-data', 'extradata-without-appid-check'],
  // The policy counts server-only endpoints called from the client with a secret as secrets.
  'hardcoded-secret': ['hardcoded-secret', 'client-side-code2session'],
  'insecure-transport': ['insecure-transport'],
  'clipboard-read': ['clipboard-read'],
  // docs/evaluation.md, "Families beyond the shared policy": cloud families are labelled on eval/cloud/.
  'client-supplied-identity': ['client-supplied-identity'],
  'unchecked-database-query': ['unchecked-database-query'],
  'session-key-exposed': ['session-key-exposed'],
  'identity-to-webview': ['identity-to-webview'],
  'abusive-permission-prompt': ['abusive-permission-prompt'],
  'cross-page-request-forgery': ['cross-page-request-forgery'],
};

/**
 * The cloud-function families, labelled on eval/cloud/ (whole repositories) only. session-key-exposed
 * is labelled on both: its client half (a stored or logged session_key) is in the development corpus.
 */
export const CLOUD_FAMILIES = ['client-supplied-identity', 'unchecked-database-query'];

export const FAMILIES = Object.keys(FAMILY_RULES);

/**
 * Families the policy defines for some platforms only ("missing-permission-description (WeChat)",
 * "undeclared-private-info (WeChat format …)"): a finding in an app of another platform is outside
 * the family, counted neither way. minivet reports it where that platform needs it too (Douyin's
 * app.json also declares `permission["scope.userLocation"]`).
 */
const FAMILY_PLATFORMS = {
  'undeclared-private-info': ['wechat'],
  'missing-permission-description': ['wechat'],
};

export function familyCovers(family, platform) {
  const platforms = FAMILY_PLATFORMS[family];
  return platforms === undefined || platform === undefined || platforms.includes(platform);
}

const RULE_FAMILY = new Map(Object.entries(FAMILY_RULES).flatMap(([family, rules]) => rules.map((rule) => [rule, family])));

export function familyOfRule(ruleId) {
  return RULE_FAMILY.get(ruleId);
}

/** A label marked `<family>-ambiguous` is counted neither way. */
export function parseLabelFamily(family) {
  const ambiguous = family.endsWith('-ambiguous');
  return { family: ambiguous ? family.slice(0, -'-ambiguous'.length) : family, ambiguous };
}
