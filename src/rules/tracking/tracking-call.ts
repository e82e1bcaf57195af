import { createRule, type Report, type RuleSettings } from '../rule.js';
import type { DataFlowResult } from '../../analyzers/dataflow/index.js';
import { sdkHandleCalls } from '../../analyzers/sdk-handle-calls.js';
import { trackerAnalysis, type FileTrackerAnalysis, type TrackerCall } from '../../analyzers/trackers.js';
import { policyVerdict } from '../../config/policy.js';
import { customTrackers, moduleBasename, trackerIndex, type TrackerDefinition } from '../../platforms/trackers.js';
import type { Finding, Severity, SourceLocation } from '../../types.js';
import { dirname, isAppEntry, namesFile, packageOfPath } from './module-paths.js';
import { reportAbsentTrackerPackages, trackerPackageLoads } from './absent-tracker-packages.js';
import { newAttachedLedger, reportAttachedTrackerCalls, type AttachedLedger } from './attached-tracker-calls.js';
import { newInHouseLedger, recordInHouseTrackers, reportInHouseTrackerUses, type InHouseLedger } from './in-house-trackers.js';

/** Where a shipped SDK's own code is, kept until the project check knows who imports what. */
interface ShippedRecord {
  location: SourceLocation;
  tracker: TrackerDefinition;
  hosts: string[];
  thirdParty: boolean;
}

interface ProjectLedger {
  imports: Map<string, readonly string[]>;
  shipped: ShippedRecord[];
  inHouse: InHouseLedger;
  packageLoads: ReturnType<typeof trackerPackageLoads>;
  attached: AttachedLedger;
}

/** Import records kept per project at most; beyond this (an editor session that never ends a project) new files are not recorded. */
const MAX_LEDGER_FILES = 50_000;

function newLedger(): ProjectLedger {
  return { imports: new Map(), shipped: [], inHouse: newInHouseLedger(), packageLoads: [], attached: newAttachedLedger() };
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the messages read of a call, found in one file or through the data flow. */
type CallFacts = Pick<TrackerCall, 'role' | 'event' | 'callee' | 'method' | 'hosts' | 'hostsConfigured' | 'tracker'>;

/** The event property and the phrase naming what is sent. */
function eventOf(call: CallFacts): { event: string; phrase: string } {
  switch (call.role) {
    case 'event':
    case 'request':
      return call.event !== undefined
        ? { event: call.event, phrase: `event "${call.event}"` }
        : { event: '(dynamic)', phrase: 'an event whose name is computed at run time' };
    case 'identify':
      return { event: call.method, phrase: `a user identifier (${call.method})` };
    case 'profile':
      return { event: call.method, phrase: `user or common properties (${call.method})` };
    case 'location':
      return { event: call.method, phrase: `the user's location (${call.method})` };
    case 'read':
      return { event: call.method, phrase: `what it holds about the user (${call.method})` };
    case 'log':
      return { event: '(log)', phrase: 'a log channel' };
    default:
      return { event: '(init)', phrase: 'its configuration' };
  }
}

function destination(hosts: readonly string[], tracker: TrackerDefinition): string {
  if (hosts.length > 0) return ` to ${list(hosts)}`;
  return tracker.kind === 'platform' ? ' to the platform' : '';
}

function messageFor(call: CallFacts): string {
  const { phrase } = eventOf(call);
  const known = call.hosts.length > 0 && !call.hostsConfigured ? `; its collection hosts are ${list(call.hosts)}` : '';
  const at = call.hosts.length > 0 && call.hostsConfigured ? ` at ${list(call.hosts)}` : '';
  switch (call.role) {
    case 'init':
      return `${call.callee} starts ${call.tracker.name}, which then collects and sends data by itself${at ? ` to ${list(call.hosts)}` : ''}${known}.`;
    case 'log':
      return `${call.callee} opens the ${call.tracker.name}: whatever the code writes to it is uploaded to the platform.`;
    case 'request':
      return `${call.callee} sends ${phrase} straight to ${call.tracker.name}${at}.`;
    case 'read':
      return `${call.callee} reads ${phrase} from ${call.tracker.name}: the ids and properties it keeps on the user reach the app's own code.`;
    default:
      return call.tracker.kind === 'platform'
        ? `${call.callee} reports ${phrase} to ${call.tracker.name}.`
        : `${call.callee} sends ${phrase} to ${call.tracker.name}${at}${known}.`;
  }
}

interface PolicyOutcome {
  severity?: Severity;
  suffix: string;
  disallowed: boolean;
}

function applyPolicy(settings: RuleSettings, trackerId: string, hosts: readonly string[]): PolicyOutcome {
  const verdict = policyVerdict(settings.policy, trackerId, hosts);
  if (verdict.allowed) return { suffix: '', disallowed: false };
  return { severity: 'error', suffix: ` Not allowed: ${verdict.reason}.`, disallowed: true };
}

function baseProperties(tracker: TrackerDefinition, event: string, hosts: readonly string[], verified: boolean): NonNullable<Finding['properties']> {
  return {
    sdk: tracker.id,
    sdkName: tracker.name,
    kind: tracker.kind,
    event,
    ...(hosts.length > 0 ? { hosts: [...hosts] } : {}),
    verified,
  };
}

/**
 * Is the file at `target` loaded by some other analysed file? Generous on purpose: a match of the
 * module's basename counts, so the "never imported" note is only added when no file names it.
 */
function isImported(target: string, ledger: ProjectLedger, appRoot: string): boolean {
  const base = moduleBasename(target);
  const pkg = packageOfPath(target);
  const pkgRoot = pkg?.root;
  const pkgName = pkg?.name;
  for (const [importer, specifiers] of ledger.imports) {
    if (importer === target || (pkgRoot && importer.startsWith(`${pkgRoot}/`))) continue;
    for (const specifier of specifiers) {
      if (pkgName && (specifier === pkgName || specifier.startsWith(`${pkgName}/`))) return true;
      if (moduleBasename(specifier) === base && base !== 'index') return true;
      if (namesFile(importer, specifier, target, appRoot)) return true;
    }
  }
  return false;
}

/** Calls on an SDK handle loaded in another module (or reached through fields and parameters), found by the data flow. */
function reportHandleCalls(dataflow: DataFlowResult | undefined, settings: RuleSettings, report: (report: Report) => void): void {
  for (const call of sdkHandleCalls(dataflow, trackerIndex(customTrackers(settings)))) {
    const facts: CallFacts = { ...call, hosts: [...call.tracker.hosts], hostsConfigured: false };
    const { event } = eventOf(facts);
    const policy = applyPolicy(settings, call.tracker.id, facts.hosts);
    report({
      location: call.location,
      message: messageFor(facts) + policy.suffix,
      relatedLocations: [{ location: call.loadedAt, message: `${call.tracker.name} is loaded here` }],
      thirdParty: call.thirdParty,
      ...(policy.severity ? { severity: policy.severity } : {}),
      properties: {
        ...baseProperties(call.tracker, event, facts.hosts, call.tracker.verified),
        method: call.method,
        role: call.role,
        ...(policy.disallowed ? { policy: 'disallowed' } : {}),
      },
    });
  }
}

export default createRule({
  meta: {
    id: 'tracking-call',
    description: 'A call sends events or user data to an analytics or tracking service.',
    rationale:
      'Analytics SDKs and the platforms\' own analytics APIs send what users do, and often who they are, to servers the ' +
      'user never sees. A vendor or reviewer needs the full list of trackers in a bundle, with the events they receive, ' +
      'to check it against the privacy guide and the vendor\'s policy; a tracker the policy does not allow is an error.',
    severity: 'note',
    strictSeverity: 'warning',
    tags: ['privacy', 'tracking'],
    cwe: [359],
    precision: 'high',
    securitySeverity: 2.0,
    dataflow: true,
  },
  createScriptListeners(context) {
    const index = trackerIndex(customTrackers(context.settings));
    return trackerAnalysis(context, index, (analysis: FileTrackerAnalysis) => {
      const ledger = context.state(newLedger);
      if (ledger.imports.size < MAX_LEDGER_FILES) {
        const previous = ledger.imports.get(analysis.file.path) ?? [];
        ledger.imports.set(analysis.file.path, [...previous, ...analysis.imports]);
        recordInHouseTrackers(ledger.inHouse, analysis, index, (start, end) => context.region(start, end));
        ledger.packageLoads.push(...trackerPackageLoads(analysis, index, (start, end) => context.region(start, end)));
        for (const property of analysis.appPropertiesSet) ledger.attached.propertiesSet.add(property);
        for (const call of analysis.attachedCalls) ledger.attached.calls.push({ ...call, location: { file: analysis.file.path, region: context.region(call.range[0], call.range[1]) }, thirdParty: analysis.file.thirdParty });
        for (const shipped of analysis.shipped) {
          ledger.shipped.push({
            location: { file: analysis.file.path, region: context.region(shipped.range[0], shipped.range[1]) },
            tracker: shipped.tracker,
            hosts: shipped.hosts.length > 0 ? shipped.hosts : [...shipped.tracker.hosts],
            thirdParty: analysis.file.thirdParty,
          });
        }
      }
      for (const call of analysis.calls) {
        // A platform log manager is logging, not analytics: what is written to it counts only when it is personal data (identifier-to-tracker, sensitive-data-leak).
        if (call.role === 'config-file' || call.role === 'autotrack' || call.role === 'page-proxy' || call.role === 'log') continue;
        const { event } = eventOf(call);
        const policy = applyPolicy(context.settings, call.tracker.id, call.hosts);
        context.report({
          range: call.range,
          message: messageFor(call) + policy.suffix,
          ...(policy.severity ? { severity: policy.severity } : {}),
          properties: {
            ...baseProperties(call.tracker, event, call.hosts, call.verified),
            method: call.method,
            role: call.role,
            ...(policy.disallowed ? { policy: 'disallowed' } : {}),
          },
        });
      }
    });
  },
  checkProject({ facts, settings, state, report }) {
    reportHandleCalls(facts.dataflow, settings, report);
    const ledger = state(newLedger);
    const appRoot = facts.manifest ? dirname(facts.manifest.file) : '';
    reportInHouseTrackerUses(ledger.inHouse, appRoot, (sdk) => applyPolicy(settings, sdk.id, sdk.hosts), report);
    reportAbsentTrackerPackages(ledger.packageLoads, ledger.imports.keys(), (id) => applyPolicy(settings, id, []), report);
    reportAttachedTrackerCalls(ledger.attached, ledger.packageLoads, (file) => isAppEntry(file, appRoot), (id) => applyPolicy(settings, id, []), report);
    const seen = new Set<string>();
    const shipped = [...ledger.shipped].sort((a, b) => a.location.file.localeCompare(b.location.file) || a.tracker.id.localeCompare(b.tracker.id));
    for (const record of shipped) {
      const key = `${record.location.file}\u0000${record.tracker.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const imported = isImported(record.location.file, ledger, appRoot);
      const policy = applyPolicy(settings, record.tracker.id, record.hosts);
      const note = imported
        ? ''
        : ' No analysed file imports it, but it is shipped code: it runs as soon as anything loads it, and reviewers see it in the bundle.';
      report({
        location: record.location,
        message: `The ${record.tracker.name} SDK ships in this file and sends data${destination(record.hosts, record.tracker)}.${note}${policy.suffix}`,
        thirdParty: record.thirdParty,
        ...(policy.severity ? { severity: policy.severity } : {}),
        properties: {
          ...baseProperties(record.tracker, '(shipped SDK)', record.hosts, record.tracker.verified),
          role: 'shipped',
          shipped: true,
          shippedButNotImported: !imported,
          ...(policy.disallowed ? { policy: 'disallowed' } : {}),
        },
      });
    }
  },
});
