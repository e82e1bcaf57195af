import conflictingPrivateInfo from './conflicting-private-info.js';
import invalidManifest from './invalid-manifest.js';
import missingPermissionDescription from './missing-permission-description.js';
import type { Rule } from './rule.js';
import undeclaredDataCollection from './undeclared-data-collection.js';
import undeclaredPrivateInfo from './undeclared-private-info.js';
import overDeclaredData from './over-declared-data.js';
import unusedPrivateInfo from './unused-private-info.js';
import { CLOUD_RULES } from './cloud/index.js';
import { DATAFLOW_RULES } from './dataflow/index.js';
import { PROMPT_RULES } from './prompts/index.js';
import { SANDBOX_RULES } from './sandbox/index.js';
import { SECURITY_RULES } from './security/index.js';
import { TRACKING_RULES } from './tracking/index.js';

/** Every rule minivet has, sorted by id. Adding a rule: a module here, docs/rules/<id>.md, fixtures and tests. */
export const RULES: readonly Rule[] = [
  conflictingPrivateInfo,
  invalidManifest,
  missingPermissionDescription,
  overDeclaredData,
  undeclaredDataCollection,
  undeclaredPrivateInfo,
  unusedPrivateInfo,
  ...CLOUD_RULES,
  ...DATAFLOW_RULES,
  ...PROMPT_RULES,
  ...SANDBOX_RULES,
  ...SECURITY_RULES,
  ...TRACKING_RULES,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
