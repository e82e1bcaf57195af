import { createRule } from './rule.js';
import { collectedCategories, compareDeclaration } from '../analyzers/privacy-categories.js';
import { declarationLocation } from './declared-privacy.js';
import { describeUsage, viaNote } from './describe-usage.js';
import { consentGateApplies, PLATFORM_PRIVACY } from '../platforms/privacy-data.js';
import { PRIVACY_CATEGORIES } from '../platforms/privacy-categories.js';

export default createRule({
  meta: {
    id: 'undeclared-data-collection',
    description: 'The code collects personal data of a privacy-guide category that the declared privacy guide (--declared) does not list.',
    rationale:
      'WeChat disables a privacy interface until its category is declared in the mini-app\u2019s privacy guide (enforced for every ' +
      'mini-app since 2023-10-17), and Douyin does the same under usePrivacyCheck. Beyond the failing call, the guide is what users ' +
      'are shown and what reviewers check: data collected outside it is collected without notice.',
    severity: 'error',
    tags: ['privacy', 'correctness'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 5.0,
  },
  checkProject({ facts, settings, report }) {
    const declared = settings.declared;
    if (!declared) return;
    const source = PRIVACY_CATEGORIES[facts.platform.id].source;
    // Only platforms with a privacy-consent mechanism turn an undeclared interface off.
    const blocks = consentGateApplies(PLATFORM_PRIVACY[facts.platform.id], facts.manifest?.usePrivacyCheck?.value);
    for (const { category, via, usages } of compareDeclaration(facts.platform.id, collectedCategories(facts), declared).undeclared) {
      const first = usages[0]!;
      const more = usages.length > 1 ? ` (${usages.length} places in all, through ${via.join(', ')})` : '';
      report({
        location: first.location,
        message:
          `${describeUsage(first)} ${category.data.length === 0 ? 'uses the' : 'collects'} ${category.english}${viaNote(first)}, ` +
          `privacy-guide category "${category.label}" (key ${category.key}), which the declared privacy guide ${declared.file} does not list${more}; ` +
          `declare it with its purpose${blocks ? ', or the platform blocks the interface' : ''}.`,
        relatedLocations: [{ location: declarationLocation(declared), message: 'the declared privacy guide' }],
        thirdParty: usages.every((usage) => usage.thirdParty),
        properties: { category: category.key, interfaces: via, ...(category.confirmed ? {} : { categorySource: source }) },
      });
    }
  },
});
