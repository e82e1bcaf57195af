/** minivet's programmatic API: `scan()` a project, then format the result as SARIF, text or JSON. */
export { scan, scanProject } from './scan.js';
export type { ScanOptions, Profile } from './config.js';
export { InputError } from './errors.js';
export type { ScanResult, ProjectResult, RuleDescriptor, ProjectStats } from './scan-result.js';
export type * from './types.js';
export { RULES } from './rules/index.js';
export type { Rule, RuleMeta, RuleContext, ProjectFacts } from './rules/rule.js';
export { formatText } from './reporters/text.js';
export { formatJson, JSON_FORMAT_VERSION } from './reporters/json.js';
export { toSarif, formatSarif } from './reporters/sarif.js';
