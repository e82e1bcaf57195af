import type { ProjectFacts, RuleSettings } from './context.js';
import { DATA_DESTINATIONS, type DataDestination } from '../privacy-report.js';
import type { CategorySummary, DataFlowEntry, DataTypeSummary, DestinationSummary, PrivacySummary, TrackerSummary } from '../privacy-report.js';
import type { Finding, PlatformId, Usage } from '../types.js';
import { consentGateApplies, PERSONAL_DATA_LABELS, PLATFORM_PRIVACY, privacyInterfaceOf, type PersonalDataType } from '../platforms/privacy-data.js';
import { findTracker, type TrackerKind } from '../platforms/trackers.js';
import { placeOf, summariseDataFlows } from './privacy-flows.js';
import type { DataFlowResult } from './dataflow/solve.js';
import { collectedCategories, compareDeclaration, describeUsage, type CollectedCategory } from './privacy-categories.js';
import { PRIVACY_CATEGORIES } from '../platforms/privacy-categories.js';
import { compareStrings } from '../util/sort.js';

export type { DataTypeSummary, DestinationSummary, PrivacySummary, TrackerSummary } from '../privacy-report.js';

/**
 * Who tracks what in one bundle, for reports: the trackers found (platform analytics and SDKs), the
 * personal data the mini-app collects through platform interfaces, and where data goes. Built from
 * the project facts and the findings of the tracking rules; a rule that was turned off contributes
 * nothing. Pure and deterministic: every list is sorted.
 */

/** Init places kept per tracker: enough to find it, not a list of every page that configures it. */
const MAX_INITS = 3;

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

interface TrackerAccumulator {
  sdk: string;
  name: string;
  kind: TrackerKind;
  files: Set<string>;
  inits: { file: string; line: number; how: string }[];
  hosts: Set<string>;
  events: Set<string>;
  calls: number;
  shippedOnly: boolean;
  shippedNotImported: boolean;
  /** Files of the SDK's own code in the bundle. */
  shippedFiles: Set<string>;
  dataTypes: Set<PersonalDataType>;
  autoTracking: boolean;
  allowed: boolean;
}

export function summarisePrivacy(facts: ProjectFacts, findings: readonly Finding[], declared?: RuleSettings['declared']): PrivacySummary {
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
        inits: [],
        hosts: new Set(),
        events: new Set(),
        calls: 0,
        shippedOnly: true,
        shippedNotImported: false,
        shippedFiles: new Set(),
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
      // The SDK's own code, as the tracker catalogue recognises it: not any file that sends to its hosts.
      if (properties.shipped === true) entry.shippedFiles.add(finding.location.file);
      if (properties.shipped === true) {
        if (properties.shippedButNotImported === true) entry.shippedNotImported = true;
      } else {
        entry.shippedOnly = false;
        entry.calls++;
        const event = text(properties.event);
        if (event && (properties.role === 'event' || properties.role === 'request')) entry.events.add(event);
      }
      if (properties.role === 'init') {
        entry.inits.push({ file: finding.location.file, line: finding.location.region.start.line, how: text(properties.method) ?? finding.message });
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
      // In source order whatever order the findings came in, so the summary is the same on every run.
      initialisedAt: [...entry.inits].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.how, b.how)).slice(0, MAX_INITS),
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
    item.via.add(describeUsage(usage));
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

  const flows = withTrackerData(summariseDataFlows(facts.dataflow), trackerList);
  const categories = collectedCategories(facts);
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
    flows,
    categories: categorySummaries(categories, facts.dataflow, trackerList, shippedFilesOf(trackers)),
    categorySource: PRIVACY_CATEGORIES[platform].source,
    ...(declared && { declaration: declarationSummary(platform, categories, declared) }),
    interactionHistory: sorted(interactionHistory),
    consent: { applicable: consentGateApplies(privacy, facts.manifest?.usePrivacyCheck?.value), flow },
  };
}

/** The matrix's tracker column also holds what tracker findings say an SDK is handed (by name, without a traced path). */
function withTrackerData(entries: DataFlowEntry[], trackers: readonly TrackerSummary[]): DataFlowEntry[] {
  const cells = new Map(entries.map((entry) => [`${entry.data}\u0000${entry.destination}`, entry]));
  for (const tracker of trackers) {
    for (const type of tracker.dataTypes) {
      const key = `${type}\u0000tracker`;
      const cell = cells.get(key);
      if (cell) {
        if (!cell.targets.includes(tracker.name)) cell.targets = [...cell.targets, tracker.name].sort(compareStrings);
        continue;
      }
      cells.set(key, { data: type, label: PERSONAL_DATA_LABELS[type], destination: 'tracker', targets: [tracker.name], flows: 0, byNameOnly: false });
    }
  }
  return [...cells.values()].sort((a, b) => compareStrings(a.data, b.data) || compareStrings(a.destination, b.destination));
}

/** Places listed per category; the count says how many there are. */
const MAX_PLACES = 5;

/** The label's lines: each required category with who collects it and where it goes. */
function categorySummaries(
  collected: readonly CollectedCategory[],
  dataflow: DataFlowResult | undefined,
  trackers: readonly TrackerSummary[],
  shipped: ReadonlyMap<string, ReadonlySet<string>>,
): CategorySummary[] {
  const traced = tracedPlaces(dataflow);
  return collected.map(({ category, data, via, usages }) => {
    // An SDK collects it when its own shipped code uses the interface, or when it is handed the data.
    const files = new Set(usages.map((usage) => usage.location.file));
    const ownCode = (tracker: TrackerSummary) => [...(shipped.get(tracker.sdk) ?? [])].some((file) => files.has(file));
    const handedTo = category.only === undefined ? trackers.filter((tracker) => tracker.dataTypes.some((type) => data.includes(type))) : [];
    const sdks = trackers.filter((tracker) => ownCode(tracker) || handedTo.includes(tracker));
    const places = distinctPlaces(usages);
    return {
      key: category.key,
      label: category.label,
      english: category.english,
      confirmed: category.confirmed,
      data,
      via,
      locations: places.length,
      places: places.slice(0, MAX_PLACES),
      thirdPartyOnly: usages.every((usage) => usage.thirdParty),
      sdks: sorted(sdks.map((tracker) => tracker.name)),
      sentTo: categoryDestinations(traced, usages, handedTo),
    };
  });
}

function shippedFilesOf(trackers: ReadonlyMap<string, TrackerAccumulator>): Map<string, ReadonlySet<string>> {
  return new Map([...trackers].map(([sdk, entry]) => [sdk, entry.shippedFiles]));
}

/** One place per file and line: a minified line may hold the same interface many times. */
function distinctPlaces(usages: readonly Usage[]): { file: string; line: number }[] {
  const seen = new Set<string>();
  const places: { file: string; line: number }[] = [];
  for (const usage of usages) {
    const place = { file: usage.location.file, line: usage.location.region.start.line };
    const key = `${place.file}:${place.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    places.push(place);
  }
  return places;
}

type Place = { destination: DataDestination; target: string };

/** Where flows that start at each privacy interface go (by the interface's name), read off the flows once. */
function tracedPlaces(dataflow: DataFlowResult | undefined): Map<string, Place[]> {
  const byInterface = new Map<string, Place[]>();
  for (const flow of dataflow?.flows ?? []) {
    const place = flow.source.text === undefined ? undefined : placeOf(flow);
    if (!place || place.byName) continue;
    const places = byInterface.get(flow.source.text!) ?? [];
    places.push(place);
    byInterface.set(flow.source.text!, places);
  }
  return byInterface;
}

/**
 * What the label states about a category: where flows that start at its own interfaces go (a value
 * only named like the data is left out), and the trackers tracker findings say are handed the data.
 */
function categoryDestinations(traced: ReadonlyMap<string, readonly Place[]>, usages: readonly Usage[], handedTo: readonly TrackerSummary[]): { destination: DataDestination; targets: string[] }[] {
  const sentTo = new Map<DataDestination, Set<string>>();
  const add = (destination: DataDestination, target: string) => sentTo.set(destination, (sentTo.get(destination) ?? new Set<string>()).add(target));
  for (const name of new Set(usages.map((usage) => usage.name))) for (const place of traced.get(name) ?? []) add(place.destination, place.target);
  for (const tracker of handedTo) add('tracker', tracker.name);
  return DATA_DESTINATIONS.filter((destination) => sentTo.has(destination)).map((destination) => ({ destination, targets: sorted(sentTo.get(destination)!) }));
}

function declarationSummary(platform: PlatformId, collected: readonly CollectedCategory[], declared: NonNullable<RuleSettings['declared']>): NonNullable<PrivacySummary['declaration']> {
  const comparison = compareDeclaration(platform, collected, declared);
  return {
    file: declared.file,
    undeclared: sorted(comparison.undeclared.map(({ category }) => category.key)),
    overDeclared: sorted(comparison.overDeclared.map(({ category }) => category.key)),
    unknown: sorted(comparison.unknown.map((entry) => entry.key)),
  };
}
