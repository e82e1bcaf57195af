import { createRule } from './rule.js';
import { own } from '../util/own.js';

export default createRule({
  meta: {
    id: 'unused-private-info',
    description: 'app.json "requiredPrivateInfos" lists an API that the code never uses.',
    rationale:
      'Every entry of "requiredPrivateInfos" tells users and reviewers that the mini-program reads location or ' +
      'address data. An entry for an API the code never calls overstates what the app collects, widens what it ' +
      'could collect later without review, and usually outlives a removed feature.',
    severity: 'warning',
    tags: ['privacy', 'manifest'],
    cwe: [],
    precision: 'medium',
    securitySeverity: 2.0,
    platforms: ['wechat'],
  },
  checkProject({ facts, report }) {
    const { manifest } = facts;
    if (!manifest?.requiredPrivateInfos) return;
    const used = new Set(facts.usages.filter((usage) => usage.kind === 'api').map((usage) => usage.name));
    const caveat = facts.unanalysedFiles.length > 0
      ? ` (${facts.unanalysedFiles.length} file(s) could not be analysed and may use it)`
      : '';
    for (const entry of manifest.requiredPrivateInfos.entries) {
      // Entries the platform does not accept at all are invalid-manifest's to report.
      if (used.has(entry.value) || !own(facts.platform.apis, entry.value)?.requiredPrivateInfo) continue;
      report({
        location: { file: manifest.file, region: entry.region },
        message: `"${entry.value}" is listed in "requiredPrivateInfos" but no analysed code uses it${caveat}; remove the entry if the feature is gone.`,
        properties: { api: entry.value },
      });
    }
  },
});
