import type { DeclaredCategory, DeclaredPrivacy, ProjectFacts } from './context.js';
import type { PlatformId, SourceLocation, Usage } from '../types.js';
import { privacyInterfaceOf, type PersonalDataType } from '../platforms/privacy-data.js';
import { categoryOf, gatingCategoryOf, PRIVACY_CATEGORIES, type PrivacyCategory } from '../platforms/privacy-categories.js';

/**
 * Which of the platform's privacy-guide categories the code makes required: every privacy interface
 * used, grouped by the category it falls in. Shared by the privacy label and the `--declared` rules.
 */

export interface CollectedCategory {
  category: PrivacyCategory;
  data: PersonalDataType[];
  /** Interfaces as written: `wx.getLocation`, `<camera>`, `open-type="getPhoneNumber"`. */
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

/** The project's categories set against a declared guide, as the two `--declared` rules and the label read it. */
export interface DeclarationComparison {
  /** Collected, and not declared. */
  undeclared: CollectedCategory[];
  /** Declared, standing for interfaces, and never collected. */
  overDeclared: { entry: DeclaredCategory; category: PrivacyCategory }[];
  /** Declared keys that are neither a category of the platform nor one it lets developers declare freely. */
  unknown: DeclaredCategory[];
}

/**
 * Keys compare without case (`Bluetooth` for WeChat's `BlueTooth` is the same intent). Categories no
 * interface stands for (forms, orders, device details) and custom keys cannot be judged from code.
 */
export function compareDeclaration(platformId: PlatformId, collected: readonly CollectedCategory[], declared: DeclaredPrivacy): DeclarationComparison {
  const platform = PRIVACY_CATEGORIES[platformId];
  const declaredKeys = new Set(declared.categories.map((entry) => entry.key.toLowerCase()));
  const collectedKeys = new Set(collected.map(({ category }) => category.key.toLowerCase()));
  const freeKeys = new Set(platform.declaredOnly.map((key) => key.toLowerCase()));
  const overDeclared: DeclarationComparison['overDeclared'] = [];
  const unknown: DeclaredCategory[] = [];
  for (const entry of declared.categories) {
    const category = platform.categories.find((candidate) => candidate.key.toLowerCase() === entry.key.toLowerCase());
    if (!category) {
      if (!freeKeys.has(entry.key.toLowerCase())) unknown.push(entry);
    } else if (!collectedKeys.has(category.key.toLowerCase())) overDeclared.push({ entry, category });
  }
  return { undeclared: collected.filter(({ category }) => !declaredKeys.has(category.key.toLowerCase())), overDeclared, unknown };
}
