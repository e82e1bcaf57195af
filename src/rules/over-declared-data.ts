import { createRule } from './rule.js';
import { collectedCategories, compareDeclaration } from '../analyzers/privacy-categories.js';
import { declarationLocation } from './declared-privacy.js';

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
    const caveat = facts.unanalysedFiles.length > 0 ? ` (${facts.unanalysedFiles.length} file(s) could not be analysed and may collect it)` : '';
    for (const { entry, category } of compareDeclaration(facts.platform.id, collectedCategories(facts), declared).overDeclared) {
      report({
        location: declarationLocation(declared, entry),
        message:
          `The declared privacy guide lists "${category.label}" (${category.english}), but no analysed code uses an interface of ` +
          `that category${caveat}; remove it from the guide if the feature is gone.`,
        properties: { category: category.key },
      });
    }
  },
});
