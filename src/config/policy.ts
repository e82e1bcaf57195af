import { InputError } from '../errors.js';
import type { RuleSettings } from '../rules/rule.js';
import { TRACKERS, type CustomTrackerDefinition } from '../platforms/trackers.js';

/**
 * The vendor policy (`--policy FILE`): which tracking SDKs and collection hosts a SuperApp vendor
 * allows in the mini-apps it vets. See docs/policy.md for the schema. A tracker outside the policy
 * turns its `tracking-call` findings into errors.
 */

export type Policy = NonNullable<RuleSettings['policy']>;

const POLICY_KEYS = new Set(['$schema', 'allowedTrackers', 'allowedHosts']);
const TRACKER_ID = /^[a-z0-9][a-z0-9-]*$/;
const HOST_PATTERN = /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, source: string, key: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new InputError(`${source}: "${key}" must be an array of non-empty strings`);
  }
  return (value as string[]).map((item) => item.trim());
}

function hostList(value: unknown, source: string, key: string): string[] {
  return stringList(value, source, key).map((raw) => {
    const host = raw.toLowerCase();
    if (/^[a-z]+:\/\//.test(host) || host.includes('/')) {
      throw new InputError(`${source}: "${key}" lists "${raw}"; give a host name such as "analytics.example.com" or "*.example.com", without scheme or path`);
    }
    if (!HOST_PATTERN.test(host)) throw new InputError(`${source}: "${key}" lists "${raw}", which is not a host name or "*.domain" pattern`);
    return host;
  });
}

/**
 * Validates a parsed policy file. Tracker ids must be catalog ids (`minivet` lists them in
 * docs/policy.md) or ids of trackers defined in the configuration (`extraTrackerIds`).
 * Throws InputError with a one-line message naming `source`.
 */
export function parsePolicy(value: unknown, source: string, extraTrackerIds: readonly string[] = []): Policy {
  if (!isRecord(value)) throw new InputError(`${source}: the policy must be a JSON object`);
  for (const key of Object.keys(value)) {
    if (!POLICY_KEYS.has(key)) throw new InputError(`${source}: unknown policy setting "${key}"; expected allowedTrackers or allowedHosts`);
  }
  const policy: { allowedTrackers?: string[]; allowedHosts?: string[] } = {};
  if (value.allowedTrackers !== undefined) {
    const known = new Set([...TRACKERS.map((tracker) => tracker.id), ...extraTrackerIds]);
    const ids = stringList(value.allowedTrackers, source, 'allowedTrackers');
    for (const id of ids) {
      if (!TRACKER_ID.test(id)) throw new InputError(`${source}: "allowedTrackers" lists "${id}", which is not a tracker id (lower-case letters, digits and dashes)`);
      if (!known.has(id)) throw new InputError(`${source}: "allowedTrackers" lists unknown tracker "${id}"; known trackers: ${[...known].sort().join(', ')}`);
    }
    policy.allowedTrackers = [...new Set(ids)].sort();
  }
  if (value.allowedHosts !== undefined) policy.allowedHosts = [...new Set(hostList(value.allowedHosts, source, 'allowedHosts'))].sort();
  return policy;
}

/** Does a host match a policy pattern: exact, or `*.example.com` for any subdomain of example.com. */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return patterns.some((pattern) => (pattern.startsWith('*.') ? lower.endsWith(pattern.slice(1)) : lower === pattern));
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Why not, for messages: `tracker "umeng" is not in allowedTrackers`. */
  reason?: string;
}

/**
 * Whether a tracker, sending to `hosts`, is allowed. With no policy everything is allowed. A list
 * that is absent does not restrict; an empty list allows nothing.
 */
export function policyVerdict(policy: RuleSettings['policy'], trackerId: string, hosts: readonly string[]): PolicyVerdict {
  if (!policy) return { allowed: true };
  if (policy.allowedTrackers && !policy.allowedTrackers.includes(trackerId)) {
    return { allowed: false, reason: `tracker "${trackerId}" is not in the vendor policy's allowedTrackers` };
  }
  if (policy.allowedHosts) {
    const refused = hosts.filter((host) => !hostAllowed(host, policy.allowedHosts!));
    if (refused.length > 0) return { allowed: false, reason: `host ${refused.join(', ')} is not in the vendor policy's allowedHosts` };
  }
  return { allowed: true };
}

const TRACKER_KEYS = new Set(['id', 'name', 'modules', 'files', 'globals', 'eventMethods', 'identifyMethods', 'hosts']);

/**
 * Validates the `trackers` array of a configuration file (user-defined tracker entries). For the
 * lead to call from `parseConfigObject`; the result goes into `RuleSettings.trackers`.
 */
export function parseTrackerDefinitions(value: unknown, source: string): CustomTrackerDefinition[] {
  if (!Array.isArray(value)) throw new InputError(`${source}: "trackers" must be an array of tracker objects`);
  const ids = new Set<string>();
  return value.map((entry, position) => {
    const where = `${source}: trackers[${position}]`;
    if (!isRecord(entry)) throw new InputError(`${where} must be an object`);
    for (const key of Object.keys(entry)) if (!TRACKER_KEYS.has(key)) throw new InputError(`${where}: unknown key "${key}"`);
    if (typeof entry.id !== 'string' || !TRACKER_ID.test(entry.id)) throw new InputError(`${where}: "id" must be lower-case letters, digits and dashes`);
    if (ids.has(entry.id)) throw new InputError(`${where}: duplicate id "${entry.id}"`);
    ids.add(entry.id);
    const definition: CustomTrackerDefinition = { id: entry.id };
    if (entry.name !== undefined) {
      if (typeof entry.name !== 'string' || entry.name.trim() === '') throw new InputError(`${where}: "name" must be a non-empty string`);
      definition.name = entry.name;
    }
    const lists = ['modules', 'files', 'globals', 'eventMethods', 'identifyMethods'] as const;
    for (const key of lists) if (entry[key] !== undefined) (definition as unknown as Record<string, unknown>)[key] = stringList(entry[key], where, key);
    if (entry.hosts !== undefined) definition.hosts = hostList(entry.hosts, where, 'hosts');
    if (!definition.modules && !definition.files && !definition.globals && !definition.hosts) {
      throw new InputError(`${where}: give at least one of modules, files, globals or hosts so the tracker can be recognised`);
    }
    return definition;
  });
}
