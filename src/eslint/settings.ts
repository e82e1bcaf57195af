import { parsePolicy, parseTrackerDefinitions } from '../config/policy.js';
import { PLATFORMS } from '../platforms/index.js';
import type { RuleSettings } from '../rules/rule.js';
import type { PlatformId } from '../types.js';

/**
 * `settings.minivet` of an ESLint config:
 *   { platform?: 'wechat' | 'alipay' | …, profile?: 'recommended' | 'strict',
 *     policy?: { allowedTrackers?, allowedHosts? }, trackers?: [{ id, … }],
 *     declared?: 'privacy-declaration.json' }
 * The strict config sets `profile: 'strict'`. A value of the wrong shape is ignored and named in
 * `problems`, which the plugin reports once per file instead of throwing.
 */
export interface PluginSettings {
  rule: RuleSettings;
  /** Forces the platform instead of detecting it per project. */
  platform?: PlatformId;
  /** The declared privacy guide, relative to each mini-app's project folder (docs/privacy-label.md). */
  declaredPath?: string;
  problems: string[];
}

const KEYS = ['platform', 'profile', 'policy', 'trackers', 'declared'];
const cache = new WeakMap<object, PluginSettings>();
const DEFAULT: PluginSettings = { rule: { profile: 'recommended' }, problems: [] };

function read(raw: unknown): PluginSettings {
  if (raw === undefined) return DEFAULT;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { rule: { profile: 'recommended' }, problems: ['settings.minivet must be an object'] };
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  const rule: RuleSettings = { profile: 'recommended' };
  const result: PluginSettings = { rule, problems };
  for (const key of Object.keys(record)) {
    if (!KEYS.includes(key)) problems.push(`settings.minivet.${key} is not a minivet setting (${KEYS.join(', ')})`);
  }
  if (record.profile !== undefined) {
    if (record.profile === 'recommended' || record.profile === 'strict') rule.profile = record.profile;
    else problems.push('settings.minivet.profile must be "recommended" or "strict"');
  }
  if (record.platform !== undefined) {
    if (typeof record.platform === 'string' && Object.hasOwn(PLATFORMS, record.platform)) result.platform = record.platform as PlatformId;
    else problems.push(`settings.minivet.platform must be one of ${Object.keys(PLATFORMS).join(', ')}`);
  }
  if (record.declared !== undefined) {
    if (typeof record.declared === 'string' && record.declared.trim() !== '') result.declaredPath = record.declared;
    else problems.push('settings.minivet.declared must be the path of the declared privacy guide, relative to the project folder');
  }
  // The same validation and meaning as the config file's "trackers" and `--policy FILE` (docs/policy.md).
  if (record.trackers !== undefined) {
    try {
      rule.trackers = parseTrackerDefinitions(record.trackers, 'settings.minivet');
    } catch (error) {
      problems.push(errorText(error));
    }
  }
  if (record.policy !== undefined) {
    try {
      rule.policy = parsePolicy(record.policy, 'settings.minivet.policy', (rule.trackers ?? []).map((tracker) => tracker.id));
    } catch (error) {
      problems.push(errorText(error));
    }
  }
  return result;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The plugin's settings from ESLint's `settings` object (the same object for every file of a config, so cached by identity). */
export function pluginSettings(settings: Record<string, unknown> | undefined): PluginSettings {
  if (!settings || typeof settings !== 'object') return DEFAULT;
  let cached = cache.get(settings);
  if (!cached) {
    cached = read(settings.minivet);
    cache.set(settings, cached);
  }
  return cached;
}
