import type { Usage } from '../types.js';
import type { ApiRequirement } from '../platforms/types.js';
import type { ProjectFacts } from './rule.js';
import { createRule } from './rule.js';
import { describeUsage, viaNote } from './describe-usage.js';
import { own } from '../util/own.js';

function requirementOf(usage: Usage, facts: ProjectFacts): ApiRequirement | undefined {
  switch (usage.kind) {
    case 'api':
      return own(facts.platform.apis, usage.name);
    case 'component':
      return own(facts.platform.components, usage.name);
    case 'open-type':
      return own(facts.platform.openTypes, usage.name);
    default:
      return undefined;
  }
}

export default createRule({
  meta: {
    id: 'missing-permission-description',
    description: 'An API or component needs an authorization scope whose purpose string is missing from app.json "permission".',
    rationale:
      'Before a mini-program may ask for location (and, on some platforms, other scopes) the manifest must explain ' +
      'why, in "permission": { "scope.userLocation": { "desc": "…" } }. The purpose string is shown in the ' +
      'authorization prompt; without it the request fails or the release is rejected, and users are asked for ' +
      'their data with no reason given.',
    severity: 'error',
    tags: ['privacy', 'manifest'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 4.0,
    platforms: ['wechat', 'bytedance', 'qq'],
  },
  checkProject({ facts, report }) {
    const { manifest, platform } = facts;
    if (!manifest) return;
    const described = new Set(
      (manifest.permission?.scopes ?? []).filter((scope) => scope.desc && scope.desc.value.trim() !== '').map((scope) => scope.scope.value),
    );
    for (const usage of facts.usages) {
      const scope = requirementOf(usage, facts)?.scope;
      const scopeInfo = scope === undefined ? undefined : own(platform.scopes, scope);
      if (!scope || !scopeInfo?.descriptionRequired || described.has(scope)) continue;
      const declaredScope = manifest.permission?.scopes.find((entry) => entry.scope.value === scope);
      report({
        location: usage.location,
        message:
          `${describeUsage(usage)}${viaNote(usage)} needs "${scope}" (${scopeInfo.label}), but ${manifest.file} ` +
          (declaredScope ? `gives no purpose in permission["${scope}"].desc.` : `has no permission["${scope}"].desc explaining why.`),
        relatedLocations: [
          {
            location: { file: manifest.file, region: declaredScope?.scope.region ?? manifest.permission?.region ?? manifest.region },
            message: declaredScope ? 'the scope is declared here without a purpose' : 'add the purpose string to this manifest',
          },
        ],
        thirdParty: usage.thirdParty,
        properties: { scope, api: usage.name },
      });
    }
  },
});
