import type { ProjectFacts } from './context.js';
import type { SourceLocation, Usage } from '../types.js';
import { privacyInterfaceOf, type PersonalDataType } from '../platforms/privacy-data.js';
import { categoryOf, gatingCategoryOf, PRIVACY_CATEGORIES, type PrivacyCategory } from '../platforms/privacy-categories.js';

/**
 * Which of the platform's privacy-guide categories the code makes required: every privacy interface
 * used, grouped by the category it falls in. Shared by the privacy label and the `--declared` rules.
 */

export interface CollectedCategory {
  category: PrivacyCategory;
  data: PersonalDataType[];
  /** Interfaces as written: `wx.getLocation`, `<camera>`, `open-type=getPhoneNumber`. */
  via: string[];
  /** Every place, in source order (usages are sorted by file and position). */
  usages: Usage[];
}

/** How a usage reads in a message: `wx.getLocation`, `<camera>`, `open-type="getPhoneNumber"`. */
export function describeUsage(usage: Usage): string {
  switch (usage.kind) {
    case 'api':
      return usage.namespace ? `${usage.namespace}.${usage.name}` : usage.name;
    case 'component':
      return `<${usage.name}>`;
    case 'open-type':
      return `open-type="${usage.name}"`;
    case 'input-type':
      return `<input type="${usage.name}">`;
  }
}

function before(a: SourceLocation, b: SourceLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.region.start.line - b.region.start.line || a.region.start.column - b.region.start.column;
}

/** Categories in the platform's own order. */
export function collectedCategories(facts: ProjectFacts): CollectedCategory[] {
  const platform = facts.platform.id;
  const found = new Map<string, { category: PrivacyCategory; data: Set<PersonalDataType>; via: Set<string>; usages: Usage[] }>();
  for (const usage of facts.usages) {
    const entry = privacyInterfaceOf(platform, usage.kind, usage.name);
    const category = entry ? categoryOf(platform, entry.data, usage.name) : usage.kind === 'api' ? gatingCategoryOf(platform, usage.name) : undefined;
    if (!category) continue;
    let item = found.get(category.key);
    if (!item) found.set(category.key, (item = { category, data: new Set(), via: new Set(), usages: [] }));
    if (entry) item.data.add(entry.data);
    item.via.add(describeUsage(usage));
    item.usages.push(usage);
  }
  const order = PRIVACY_CATEGORIES[platform].categories;
  return [...found.values()]
    .map((item) => ({ category: item.category, data: [...item.data].sort(), via: [...item.via].sort(), usages: item.usages.sort((a, b) => before(a.location, b.location)) }))
    .sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
}
