import type { SdkTracker, TrackerIndex } from '../platforms/trackers.js';
import type { Node } from './traverse.js';
import { own } from '../util/own.js';
import { BARE_HOST, hostOfUrl, type Range } from './tracker-syntax.js';
import type { Keyed, TrackerValues } from './tracker-values.js';
import type { TrackerCall } from './tracker-analysis.js';

/**
 * What an SDK's configuration object (`init({ appKey, serverUrl, autoTrack: { pageShow: true } })`)
 * tells about its call: the name it is attached under, the hosts it reports to, what it records on
 * its own, and the personal data its options send. Returns the host literals the configuration
 * named (none when it named no host), which are the SDK's endpoints rather than the app's.
 */
export function readTrackerConfig(values: TrackerValues, sdk: SdkTracker, config: Keyed, call: TrackerCall): Range[] {
  const named = sdk.attachNameOption ? values.lookup(config, sdk.attachNameOption) : undefined;
  const attachName = named ? values.staticString(named.value) : undefined;
  if (attachName) call.attachName = attachName;
  const used: Range[] = [];
  const configured = configuredHosts(values, sdk, config, used);
  if (configured.length > 0) {
    call.hosts = configured;
    call.hostsConfigured = true;
  }
  readAutoTrack(values, sdk, config, call);
  readPersonalOptions(values, sdk, config, call);
  return configured.length > 0 ? used : [];
}

function configuredHosts(values: TrackerValues, sdk: SdkTracker, config: Keyed, used: Range[]): string[] {
  const hosts: string[] = [];
  for (const key of sdk.hostKeys ?? []) {
    const entry = values.lookup(config, key);
    if (!entry) continue;
    const prefix = values.staticPrefix(entry.value, used);
    const host = hostOfUrl(prefix.text) ?? (prefix.complete && BARE_HOST.test(prefix.text.trim()) ? prefix.text.trim().toLowerCase() : undefined);
    if (host && !hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

/** Automatic tracking the configuration switches on (or leaves on by default). */
function readAutoTrack(values: TrackerValues, sdk: SdkTracker, config: Keyed, call: TrackerCall): void {
  for (const toggle of sdk.autoTrack ?? []) {
    const segments = toggle.path.split('.');
    const group = segments.length > 1 ? values.lookup(config, segments.slice(0, -1).join('.')) : undefined;
    if (group && values.isTrue(group.value)) {
      call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: true, range: group.range });
      continue;
    }
    if (group && values.isFalse(group.value)) continue;
    if (group && !values.objectOf(group.value)) continue; // set from a variable: unknown
    const entry = values.lookup(config, toggle.path);
    if (entry) {
      if (values.isTrue(entry.value)) call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: true, range: entry.range });
    } else if (toggle.defaultOn) {
      call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: false, range: call.range });
    }
  }
}

/** Options that send personal data (`getLocation: true`, `openid: user.openid`). */
function readPersonalOptions(values: TrackerValues, sdk: SdkTracker, config: Keyed, call: TrackerCall): void {
  for (const option of sdk.configOptions ?? []) {
    const entry = values.lookup(config, option.path);
    if (!entry) continue;
    if (option.when === 'true' ? values.isTrue(entry.value) : !values.isFalse(entry.value)) {
      const before = call.personalData.length;
      if (option.when === 'value') values.scanPersonal(entry.value, call.personalData);
      if (call.personalData.length === before || option.when === 'true') {
        if (!call.personalData.some((hit) => hit.type === option.sends && hit.evidence === option.path)) {
          call.personalData.push({ type: option.sends, evidence: option.path, range: entry.range });
        }
      }
    }
  }
}

/**
 * `i.default.init({ pid, endpoint: 'https://x.rum.aliyuncs.com' })`: in a bundle the SDK's handle
 * is a numbered module, but a set-up call that hands an SDK its own collection endpoint names it.
 */
export function sdkOfOwnEndpoint(values: TrackerValues, index: TrackerIndex, method: string, args: readonly Node[]): SdkTracker | undefined {
  // The method name first: this runs for every call on an unknown object, and reading its argument is the dearer part.
  const candidates = index.sdks.filter((sdk) => sdk.hostKeys && own(sdk.methods, method)?.role === 'init');
  const config = candidates.length > 0 && args[0] ? values.objectOf(args[0]) : undefined;
  if (!config) return undefined;
  for (const sdk of candidates) {
    for (const key of sdk.hostKeys!) {
      const value = values.propertyOf(config, key)?.value;
      const host = value ? hostOfUrl(values.staticPrefix(value, []).text) : undefined;
      if (host && index.hostTracker(host) === sdk) return sdk;
    }
  }
  return undefined;
}
