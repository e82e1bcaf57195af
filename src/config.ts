import { isSeveritySetting, SEVERITY_SETTINGS, type PlatformId, type Severity, type SeveritySetting } from './types.js';
import { InputError } from './errors.js';
import { RULES, findRule } from './rules/index.js';
import type { Rule, RuleSettings } from './rules/rule.js';
import type { DeclaredPrivacy } from './analyzers/context.js';
import { PLATFORMS } from './platforms/index.js';
import { parseTrackerDefinitions } from './config/policy.js';

export type Profile = 'recommended' | 'strict';

/** Settings shared by the CLI, `--config` files and the `scan()` API. */
export interface ScanOptions {
  /** `recommended` (default) or `strict`: the vendor profile, every rule at its strict severity. */
  profile?: Profile;
  /** Per-rule severity overrides; 'off' disables a rule. */
  rules?: Record<string, SeveritySetting>;
  /** Force a platform instead of detecting it. */
  platform?: PlatformId;
  /** Files larger than this many bytes are skipped with a notification (default 5 MiB). */
  maxFileBytes?: number;
  /** At most this many files are read per project (default 20,000). */
  maxFiles?: number;
  /** Paths that are not app code, in gitignore syntax, relative to `excludeBase` (with the .minivetignore files). */
  exclude?: string[];
  /** The folder `exclude` and its .minivetignore are relative to: the CLI's working folder; else each scanned folder. */
  excludeBase?: string;
  /**
   * Time budget for one project, in milliseconds: files not reached by then are reported as not
   * analysed. (A file already being parsed is not interrupted; batch mode also stops a bundle hard.)
   */
  timeLimitMs?: number;
  /** Vendor policy: allowed tracking SDKs and hosts (see `--policy` and docs/policy.md). */
  policy?: RuleSettings['policy'];
  /** User-defined tracking SDKs (config key `trackers`, see docs/policy.md). */
  trackers?: RuleSettings['trackers'];
  /** The developer's declared privacy guide (`--declared FILE`, docs/privacy-label.md). */
  declared?: DeclaredPrivacy;
  /**
   * Called once a project's files are read, with the length of their text: the CLI sizes its heap
   * for large bundles (cli/heap.ts). A function, so it is never sent to a batch worker.
   */
  onFilesRead?: (textChars: number) => void;
  /** Called after each file is analysed, with how many of how many are done (the CLI's progress line). */
  onFileAnalysed?: (done: number, total: number) => void;
}

export function ruleSettings(options: ScanOptions): RuleSettings {
  return {
    profile: options.profile ?? 'recommended',
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.trackers ? { trackers: options.trackers } : {}),
  };
}

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

export { isSeveritySetting };

/** The rules that run and at which severity, after the profile and overrides. Unknown ids are input errors. */
export function activeRules(options: ScanOptions): ActiveRule[] {
  const overrides = options.rules ?? {};
  for (const [id, setting] of Object.entries(overrides)) {
    if (!findRule(id)) throw new InputError(`unknown rule "${id}"; run "minivet rules" for the list`);
    if (!isSeveritySetting(setting)) throw new InputError(`rule "${id}": severity must be one of ${SEVERITY_SETTINGS.join(', ')}, not ${JSON.stringify(setting)}`);
  }
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    const base = options.profile === 'strict' ? (rule.meta.strictSeverity ?? 'error') : rule.meta.severity;
    const setting = overrides[rule.meta.id] ?? base;
    if (setting !== 'off') active.push({ rule, severity: setting });
  }
  return active;
}

/** Validates a parsed `--config` file into options; every problem is a one-line input error. */
export function parseConfigObject(value: unknown, source: string): ScanOptions & { failOn?: Severity | 'none' } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${source}: the config must be a JSON object`);
  const known = new Set(['$schema', 'profile', 'rules', 'platform', 'maxFileBytes', 'maxFiles', 'failOn', 'trackers', 'exclude']);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!known.has(key)) throw new InputError(`${source}: unknown setting "${key}"`);
  const options: ScanOptions & { failOn?: Severity | 'none' } = {};
  if (record.profile !== undefined) {
    if (record.profile !== 'recommended' && record.profile !== 'strict') throw new InputError(`${source}: "profile" must be "recommended" or "strict"`);
    options.profile = record.profile;
  }
  if (record.rules !== undefined) {
    if (typeof record.rules !== 'object' || record.rules === null || Array.isArray(record.rules)) throw new InputError(`${source}: "rules" must be an object of rule id → severity`);
    options.rules = record.rules as Record<string, SeveritySetting>;
  }
  if (record.exclude !== undefined) {
    if (!Array.isArray(record.exclude) || !record.exclude.every((pattern) => typeof pattern === 'string')) throw new InputError(`${source}: "exclude" must be a list of gitignore-style patterns`);
    options.exclude = record.exclude as string[];
  }
  if (record.platform !== undefined) {
    if (typeof record.platform !== 'string' || !Object.hasOwn(PLATFORMS, record.platform)) throw new InputError(`${source}: "platform" must be one of ${Object.keys(PLATFORMS).join(', ')}`);
    options.platform = record.platform as PlatformId;
  }
  for (const key of ['maxFileBytes', 'maxFiles'] as const) {
    const limit = record[key];
    if (limit === undefined) continue;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit <= 0) throw new InputError(`${source}: "${key}" must be a positive whole number`);
    options[key] = limit;
  }
  if (record.trackers !== undefined) options.trackers = parseTrackerDefinitions(record.trackers, source);
  if (record.failOn !== undefined) {
    if (!['error', 'warning', 'note', 'none'].includes(record.failOn as string)) throw new InputError(`${source}: "failOn" must be error, warning, note or none`);
    options.failOn = record.failOn as Severity | 'none';
  }
  return options;
}

export { RULES };
