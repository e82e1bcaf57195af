import { createRule } from './rule.js';
import { collectedCategories } from '../analyzers/privacy-categories.js';
import { declarationLocation } from './declared-privacy.js';
import { PRIVACY_CATEGORIES } from '../platforms/privacy-categories.js';

export default createRule({
  meta: {
    id: 'over-declared-data',
    description: 'The declared privacy guide (--declared) lists a category of personal data that no analysed code collects.',
    rationale:
      'A privacy guide that claims more than the app collects misleads users and reviewers about what it does, and leaves room ' +
      'for a later release to start collecting that data with no change anyone reviews. Declared categories should match the code.',
    severity: 'warning',
    tags: ['privacy'],
    cwe: [],
    precision: 'medium',
    securitySeverity: 2.0,
  },
  checkProject({ facts, settings, report }) {
    const declared = settings.declared;
    if (!declared) return;
    const categories = PRIVACY_CATEGORIES[facts.platform.id].categories;
    const collected = new Set(collectedCategories(facts).map(({ category }) => category.key.toLowerCase()));
    const caveat = facts.unanalysedFiles.length > 0 ? ` (${facts.unanalysedFiles.length} file(s) could not be analysed and may collect it)` : '';
    for (const entry of declared.categories) {
      // Categories no interface stands for (forms, orders, device details) cannot be judged from the code.
      const category = categories.find((candidate) => candidate.key.toLowerCase() === entry.key.toLowerCase());
      if (!category || collected.has(category.key.toLowerCase())) continue;
      report({
        location: declarationLocation(declared, entry),
        message:
          `The declared privacy guide lists "${category.label}" (${category.english}), but no analysed code uses an interface that ` +
          `collects it${caveat}; remove it from the guide if the feature is gone.`,
        properties: { category: category.key },
      });
    }
  },
});
