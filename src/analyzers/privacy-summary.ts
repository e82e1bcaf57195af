import type { ProjectFacts } from './context.js';
import type { DataTypeSummary, DestinationSummary, PrivacySummary, TrackerSummary } from '../privacy-report.js';
import type { Finding, Usage } from '../types.js';
import { PERSONAL_DATA_LABELS, PLATFORM_PRIVACY, privacyInterfaceOf, type PersonalDataType } from '../platforms/privacy-data.js';
import { findTracker, type TrackerKind } from '../platforms/trackers.js';

export type { DataTypeSummary, DestinationSummary, PrivacySummary, TrackerSummary } from '../privacy-report.js';

/**
 * Who tracks what in one bundle, for reports: the trackers found (platform analytics and SDKs), the
 * personal data the mini-app collects through platform interfaces, and where data goes. Built from
 * the project facts and the findings of the tracking rules; a rule that was turned off contributes
 * nothing. Pure and deterministic: every list is sorted.
 */

const TRACKING_RULE_IDS = new Set(['tracking-call', 'identifier-to-tracker', 'interaction-history-tracking']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function sorted<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function via(usage: Usage): string {
  switch (usage.kind) {
    case 'api':
      return `${usage.namespace ? `${usage.namespace}.` : ''}${usage.name}`;
    case 'component':
      return `<${usage.name}>`;
    case 'open-type':
      return `open-type=${usage.name}`;
    case 'input-type':
      return `<input type=${usage.name}>`;
  }
}

interface TrackerAccumulator {
  sdk: string;
  name: string;
  kind: TrackerKind;
  files: Set<string>;
  hosts: Set<string>;
  events: Set<string>;
  calls: number;
  shippedOnly: boolean;
  shippedNotImported: boolean;
  dataTypes: Set<PersonalDataType>;
  autoTracking: boolean;
  allowed: boolean;
}

export function summarisePrivacy(facts: ProjectFacts, findings: readonly Finding[]): PrivacySummary {
  const platform = facts.platform.id;
  const trackers = new Map<string, TrackerAccumulator>();
  const interactionHistory = new Set<string>();
  const tracker = (sdk: string, finding: Finding): TrackerAccumulator => {
    let entry = trackers.get(sdk);
    if (!entry) {
      const known = findTracker(sdk);
      entry = {
        sdk,
        name: text(finding.properties?.sdkName) ?? known?.name ?? sdk,
        kind: (text(finding.properties?.kind) as TrackerKind | undefined) ?? known?.kind ?? 'third-party',
        files: new Set(),
        hosts: new Set(),
        events: new Set(),
        calls: 0,
        shippedOnly: true,
        shippedNotImported: false,
        dataTypes: new Set(),
        autoTracking: false,
        allowed: true,
      };
      trackers.set(sdk, entry);
    }
    return entry;
  };

  for (const finding of findings) {
    if (!TRACKING_RULE_IDS.has(finding.ruleId)) continue;
    const properties = finding.properties ?? {};
    if (finding.ruleId === 'interaction-history-tracking') {
      const mechanism = text(properties.mechanism);
      if (mechanism) interactionHistory.add(mechanism);
    }
    const sdk = text(properties.sdk);
    if (!sdk) continue;
    const entry = tracker(sdk, finding);
    entry.files.add(finding.location.file);
    for (const host of texts(properties.hosts)) entry.hosts.add(host);
    if (finding.ruleId === 'tracking-call') {
      if (properties.shipped === true) {
        if (properties.shippedButNotImported === true) entry.shippedNotImported = true;
      } else {
        entry.shippedOnly = false;
        entry.calls++;
        const event = text(properties.event);
        if (event && (properties.role === 'event' || properties.role === 'request')) entry.events.add(event);
      }
      if (properties.policy === 'disallowed') entry.allowed = false;
    } else if (finding.ruleId === 'identifier-to-tracker') {
      entry.shippedOnly = false;
      for (const type of texts(properties.dataTypes)) entry.dataTypes.add(type as PersonalDataType);
    } else {
      entry.shippedOnly = false;
      entry.autoTracking = true;
    }
  }

  const trackerList: TrackerSummary[] = [...trackers.values()]
    .sort((a, b) => (a.sdk < b.sdk ? -1 : a.sdk > b.sdk ? 1 : 0))
    .map((entry) => ({
      sdk: entry.sdk,
      name: entry.name,
      kind: entry.kind,
      files: sorted(entry.files),
      hosts: sorted(entry.hosts),
      events: sorted(entry.events),
      calls: entry.calls,
      shippedButNotImported: entry.shippedOnly && entry.shippedNotImported,
      dataTypes: sorted(entry.dataTypes),
      autoTracking: entry.autoTracking,
      allowedByPolicy: entry.allowed,
    }));

  // Personal data collected through the platform's privacy interfaces.
  const collected = new Map<PersonalDataType, { via: Set<string>; locations: number }>();
  for (const usage of facts.usages) {
    const entry = privacyInterfaceOf(platform, usage.kind, usage.name);
    if (!entry) continue;
    const item = collected.get(entry.data) ?? { via: new Set<string>(), locations: 0 };
    item.via.add(via(usage));
    item.locations++;
    collected.set(entry.data, item);
  }
  const sentTo = new Map<PersonalDataType, Set<string>>();
  for (const entry of trackerList) {
    for (const type of entry.dataTypes) {
      const set = sentTo.get(type) ?? new Set<string>();
      set.add(entry.sdk);
      sentTo.set(type, set);
    }
  }
  const allTypes = sorted([...collected.keys(), ...sentTo.keys()]);
  const dataTypes: DataTypeSummary[] = allTypes.map((type) => ({
    type,
    label: PERSONAL_DATA_LABELS[type],
    via: sorted(collected.get(type)?.via ?? []),
    locations: collected.get(type)?.locations ?? 0,
    sentTo: sorted(sentTo.get(type) ?? []),
  }));

  const destinations: DestinationSummary[] = [];
  for (const entry of trackerList) {
    const hosts = entry.hosts.length > 0 ? entry.hosts : entry.kind === 'platform' ? [`platform:${entry.sdk}`] : [];
    for (const host of hosts) {
      destinations.push({ host, kind: entry.kind, sdk: entry.sdk, ...(entry.dataTypes.length > 0 ? { dataTypes: [...entry.dataTypes] } : {}) });
    }
  }
  destinations.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.sdk < b.sdk ? -1 : a.sdk > b.sdk ? 1 : 0));

  const privacy = PLATFORM_PRIVACY[platform];
  const consentApis = new Set(privacy.consentApis);
  const flow = facts.usages.some(
    (usage) => (usage.kind === 'api' && consentApis.has(usage.name)) || (usage.kind === 'open-type' && usage.name === privacy.consentOpenType),
  );

  return {
    platform,
    trackers: trackerList,
    dataTypes,
    destinations,
    interactionHistory: sorted(interactionHistory),
    consent: { applicable: privacy.hasConsentFlow, flow },
  };
}
