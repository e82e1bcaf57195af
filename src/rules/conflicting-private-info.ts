import { createRule } from './rule.js';

export default createRule({
  meta: {
    id: 'conflicting-private-info',
    description: 'app.json "requiredPrivateInfos" lists getFuzzyLocation together with a precise-location API.',
    rationale:
      'WeChat lets a mini-program ask for either approximate or precise location, not both: listing getFuzzyLocation ' +
      'with getLocation, onLocationChange, startLocationUpdate or startLocationUpdateBackground is rejected when the ' +
      'project is compiled (error 10009), so the release cannot be uploaded.',
    severity: 'error',
    tags: ['manifest', 'correctness'],
    cwe: [],
    precision: 'very-high',
    securitySeverity: 2.0,
    platforms: ['wechat'],
  },
  checkProject({ facts, report }) {
    const entries = facts.manifest?.requiredPrivateInfos?.entries ?? [];
    for (const [api, conflicts] of facts.platform.conflictingPrivateInfos) {
      const entry = entries.find((candidate) => candidate.value === api);
      if (!entry) continue;
      const clashing = entries.filter((candidate) => conflicts.includes(candidate.value));
      if (clashing.length === 0) continue;
      report({
        location: { file: facts.manifest!.file, region: entry.region },
        message:
          `"${api}" cannot be listed together with ${clashing.map((c) => `"${c.value}"`).join(', ')} in ` +
          `"requiredPrivateInfos": ask for approximate or precise location, not both.`,
        relatedLocations: clashing.map((c) => ({
          location: { file: facts.manifest!.file, region: c.region },
          message: `"${c.value}" asks for precise location`,
        })),
        properties: { api, conflictsWith: clashing.map((c) => c.value) },
      });
    }
  },
});
