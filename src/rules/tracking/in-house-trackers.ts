import { recordsHistoryOffDevice, type FileTrackerAnalysis, type HistoryHook } from '../../analyzers/trackers.js';
import { moduleBasename, type SdkTracker, type TrackerIndex } from '../../platforms/trackers.js';
import type { Report } from '../rule.js';
import type { Region, Severity, SourceLocation } from '../../types.js';
import { isAppEntry, namesFile } from './module-paths.js';

/**
 * The app's own trackers: a module that wraps every page's or the app's handlers and sends data off
 * the device (interaction-history-tracking reports the hook in the module itself). Who uses it is
 * in other files: `Page(stat.$Page({ … }))` hands a page to a module that wraps handlers, and
 * `require('./utils/umami.js')` in app.js starts one that replaces `Page` on load. Both are set-up
 * calls of a tracker, the way a catalogued SDK's are, so tracking-call reports them once every
 * file has been read.
 */

interface TrackerModule {
  /** The module's hooks: one per constructor it replaces, or its handler wraps. */
  hooks: HistoryHook[];
  location: SourceLocation;
  /** Where the recorded data leaves the device, and how (`wx.request`). */
  exit: { location: SourceLocation; description: string };
  /** The catalogued SDK the module is, when it is one (a shipped sensorsdata.js). */
  sdk?: SdkTracker;
  /** Shipped third-party code (miniprogram_npm), not the app's own. */
  thirdParty: boolean;
  /** One of many modules in a bundle's module table (a vendor.js): loading the bundle starts nothing of the app's choosing. */
  bundled: boolean;
}

interface ModuleUse {
  importer: string;
  specifier: string;
  location: SourceLocation;
  /** `stat.$Page` for a registration; absent for a load that starts the tracker. */
  callee?: string;
  constructorName?: string;
  thirdParty: boolean;
}

export interface InHouseLedger {
  modules: Map<string, TrackerModule>;
  uses: ModuleUse[];
}

export function newInHouseLedger(): InHouseLedger {
  return { modules: new Map(), uses: [] };
}

type RegionOf = (start: number, end: number) => Region;

/** What a vendor policy makes of a catalogued SDK's set-up (tracking-call's applyPolicy). */
export type PolicyOf = (sdk: SdkTracker) => { severity?: Severity; suffix: string; disallowed: boolean };

/** What one file adds: its own tracking hooks, the pages it hands to loaded modules, and what app.js loads. */
export function recordInHouseTrackers(ledger: InHouseLedger, analysis: FileTrackerAnalysis, index: TrackerIndex, region: RegionOf): void {
  const path = analysis.file.path;
  const at = (range: readonly [number, number]): SourceLocation => ({ file: path, region: region(range[0], range[1]) });
  const hooks = analysis.historyHooks.filter(recordsHistoryOffDevice);
  const first = hooks[0];
  if (first?.sink && !ledger.modules.has(path)) {
    const sdk = index.moduleTracker(path) ?? index.packageTracker(path);
    ledger.modules.set(path, {
      hooks,
      location: at(first.range),
      exit: { location: at(first.sink.range), description: first.sink.description },
      ...(sdk && { sdk }),
      thirdParty: analysis.file.thirdParty,
      bundled: analysis.bundlesModules,
    });
  }
  const thirdParty = analysis.file.thirdParty;
  for (const use of analysis.registrations) {
    ledger.uses.push({ importer: path, specifier: use.specifier, location: at(use.range), callee: use.callee, constructorName: use.constructorName, thirdParty });
  }
  // The entry loads what starts with the app; the hook's own module is judged in the project check.
  if (moduleBasename(path) !== 'app') return;
  for (const load of analysis.loads) {
    // A catalogued SDK that starts on load is reported as such by the tracker detector.
    if (index.moduleTracker(load.specifier)?.startsOnLoad) continue;
    ledger.uses.push({ importer: path, specifier: load.specifier, location: at(load.range), thirdParty });
  }
}

function constructorsReplaced(module: TrackerModule): string[] {
  return [...new Set(module.hooks.filter((hook) => hook.mechanism === 'constructor').map((hook) => hook.target))].sort();
}

/** `replaces the global App and Page constructors, wrapping each handler,` or `wraps each lifecycle handler`. */
function whatItDoes(module: TrackerModule): string {
  const replaced = constructorsReplaced(module);
  if (replaced.length === 0) return 'wraps each lifecycle handler';
  const names = replaced.length === 1 ? replaced[0]! : `${replaced.slice(0, -1).join(', ')} and ${replaced[replaced.length - 1]}`;
  return `replaces the global ${names} constructor${replaced.length > 1 ? 's' : ''}, wrapping each handler,`;
}

function trackerName(module: TrackerModule, modulePath: string): string {
  if (module.sdk) return `${module.sdk.name} (its code in ${modulePath})`;
  return module.thirdParty ? `the analytics code shipped in ${modulePath}` : `the app's own tracker in ${modulePath}`;
}

function exitText(module: TrackerModule): string {
  return `${module.exit.description}, ${module.exit.location.file}:${module.exit.location.region.start.line}`;
}

/** What the app-entry load starts recording: an App replacement records launches; a Page one, page views and taps. */
function recorded(module: TrackerModule): string {
  const replaced = constructorsReplaced(module);
  return replaced.length === 1 && replaced[0] === 'App' ? 'every launch, show and hide of the app' : 'every lifecycle event and tap of every page';
}

function useReport(use: ModuleUse, modulePath: string, module: TrackerModule, policyOf: PolicyOf): Report | undefined {
  const isRegistration = use.callee !== undefined;
  // A module that replaces a constructor starts by being loaded: what pages hand it then is no set-up of its own.
  // A module that only wraps handlers starts nothing until a page is handed to it.
  if (isRegistration === (constructorsReplaced(module).length > 0)) return undefined;
  if (!isRegistration && module.bundled) return undefined;
  const policy = module.sdk ? policyOf(module.sdk) : { suffix: '', disallowed: false };
  const kind = (use.constructorName ?? 'Page').toLowerCase();
  const message = isRegistration
    ? `${use.callee} hands this ${kind}'s handlers to ${trackerName(module, modulePath)}, which ${whatItDoes(module)} and sends data off the device (${exitText(module)}): every lifecycle event of this ${kind} can be recorded and uploaded.`
    : `Loading ${use.specifier} starts ${trackerName(module, modulePath)}, which ${whatItDoes(module)} and sends data off the device (${exitText(module)}): from here on ${recorded(module)} can be recorded and uploaded.`;
  return {
    location: use.location,
    message: message + policy.suffix,
    relatedLocations: [
      { location: module.location, message: constructorsReplaced(module).length > 0 ? 'the tracker replaces the constructor here' : 'the tracker wraps the handlers here' },
      { location: module.exit.location, message: `the data leaves the device here (${module.exit.description})` },
    ],
    thirdParty: use.thirdParty,
    ...(policy.severity ? { severity: policy.severity } : {}),
    properties: {
      ...(module.sdk ? { sdk: module.sdk.id, sdkName: module.sdk.name, kind: 'third-party' } : { kind: module.thirdParty ? 'third-party' : 'in-house' }),
      event: '(init)',
      role: 'init',
      method: isRegistration ? use.callee! : '(load)',
      module: modulePath,
      mechanism: module.hooks[0]!.mechanism,
      verified: false,
      ...(policy.disallowed ? { policy: 'disallowed' } : {}),
    },
  };
}

/** Reports each use whose module is one of the app's trackers. */
export function reportInHouseTrackerUses(ledger: InHouseLedger, appRoot: string, policyOf: PolicyOf, report: (report: Report) => void): void {
  if (ledger.modules.size === 0) return;
  for (const use of ledger.uses) {
    if (use.callee === undefined && !isAppEntry(use.importer, appRoot)) continue;
    for (const [modulePath, module] of ledger.modules) {
      if (modulePath === use.importer || !namesFile(use.importer, use.specifier, modulePath, appRoot)) continue;
      const finding = useReport(use, modulePath, module, policyOf);
      if (finding) report(finding);
      break;
    }
  }
}
