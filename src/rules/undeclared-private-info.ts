import { createRule } from './rule.js';
import { describeUsage, viaNote } from './describe-usage.js';
import { own } from '../util/own.js';

export default createRule({
  meta: {
    id: 'undeclared-private-info',
    description: 'A location or address API is used but not listed in app.json "requiredPrivateInfos".',
    rationale:
      'Since 2022-07-14 WeChat requires every location and address API a mini-program calls to be listed in ' +
      'app.json "requiredPrivateInfos". An unlisted call fails at run time with "the api need to be declared in the ' +
      'requiredPrivateInfos field", and the declaration is what reviewers and users rely on to know that the app reads location.',
    severity: 'error',
    tags: ['privacy', 'manifest', 'correctness'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 5.0,
    platforms: ['wechat'],
  },
  checkProject({ facts, report }) {
    const { platform, manifest } = facts;
    if (!platform.hasRequiredPrivateInfos || !manifest) return;
    const declared = new Set(manifest.requiredPrivateInfos?.entries.map((entry) => entry.value) ?? []);
    for (const usage of facts.usages) {
      if (usage.kind !== 'api' || !own(platform.apis, usage.name)?.requiredPrivateInfo || declared.has(usage.name)) continue;
      report({
        location: usage.location,
        message:
          `${describeUsage(usage)} is used${viaNote(usage)} but "${usage.name}" is not listed in ${manifest.file} ` +
          `"requiredPrivateInfos"; the call fails at run time until it is declared.`,
        relatedLocations: [
          {
            location: { file: manifest.file, region: manifest.requiredPrivateInfos?.region ?? manifest.region },
            message: manifest.requiredPrivateInfos ? 'requiredPrivateInfos is declared here' : 'the manifest has no requiredPrivateInfos',
          },
        ],
        thirdParty: usage.thirdParty,
        properties: { api: usage.name },
      });
    }
  },
});
