import { recordsHistoryOffDevice, type FileTrackerAnalysis, type HistoryHook } from '../../analyzers/trackers.js';
import { moduleBasename, type TrackerIndex } from '../../platforms/trackers.js';
import type { Report } from '../rule.js';
import type { Region, SourceLocation } from '../../types.js';
import { namesFile } from './module-paths.js';

/**
 * The app's own trackers: a module that wraps every page's or the app's handlers and sends data off
 * the device (interaction-history-tracking reports the hook in the module itself). Who uses it is
 * in other files: `Page(stat.$Page({ … }))` hands a page to it, and `require('./utils/umami.js')`
 * in app.js starts one that replaces `Page` on load. Both are set-up calls of a tracker, the way a
 * catalogued SDK's are, so tracking-call reports them once every file has been read.
 */

interface TrackerModule {
  hook: HistoryHook;
  /** The catalogued SDK the module is, when it is one (a shipped sensorsdata.js); else it is the app's own. */
  sdk?: { id: string; name: string };
  location: SourceLocation;
  /** `qq.request, line 65`. */
  sends: string;
  /** The module is one of many in a bundle's module table (a vendor.js): loading the bundle starts nothing of the app's choosing. */
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

/** What one file adds: its own tracking hook, the pages it hands to loaded modules, and what app.js loads. */
export function recordInHouseTrackers(ledger: InHouseLedger, analysis: FileTrackerAnalysis, index: TrackerIndex, region: RegionOf): void {
  const path = analysis.file.path;
  const at = (range: readonly [number, number]): SourceLocation => ({ file: path, region: region(range[0], range[1]) });
  const hook = analysis.historyHooks.find(recordsHistoryOffDevice);
  if (hook?.sink && !ledger.modules.has(path)) {
    const sinkRegion = region(hook.sink.range[0], hook.sink.range[1]);
    const sdk = index.moduleTracker(path) ?? index.packageTracker(path);
    ledger.modules.set(path, { hook, location: at(hook.range), sends: `${hook.sink.description}, line ${sinkRegion.start.line}`, bundled: analysis.bundlesModules, ...(sdk && { sdk: { id: sdk.id, name: sdk.name } }) });
  }
  const thirdParty = analysis.file.thirdParty;
  for (const use of analysis.registrations) {
    ledger.uses.push({ importer: path, specifier: use.specifier, location: at(use.range), callee: use.callee, constructorName: use.constructorName, thirdParty });
  }
  // A tracker that replaces Page when loaded starts where the app's entry loads it; a page loading it again only uses it.
  if (moduleBasename(path) !== 'app') return;
  for (const load of analysis.loads) {
    // A catalogued SDK that starts on load is reported as such by the tracker detector.
    if (index.moduleTracker(load.specifier)?.startsOnLoad) continue;
    ledger.uses.push({ importer: path, specifier: load.specifier, location: at(load.range), thirdParty });
  }
}

function whatItHooks(hook: HistoryHook): string {
  return hook.mechanism === 'constructor' ? `replaces the global ${hook.target} constructor, wrapping each handler,` : 'wraps each lifecycle handler';
}

function hookHere(hook: HistoryHook): string {
  return hook.mechanism === 'constructor' ? `the tracker replaces ${hook.target} here` : 'the tracker wraps the handlers here';
}

function useReport(use: ModuleUse, modulePath: string, module: TrackerModule): Report | undefined {
  const related = [{ location: module.location, message: hookHere(module.hook) }];
  const tracker = module.sdk ? `${module.sdk.name}, shipped` : "the app's own tracker";
  const properties = {
    ...(module.sdk ? { sdk: module.sdk.id, sdkName: module.sdk.name, kind: 'third-party' } : { kind: 'in-house' }),
    event: '(init)',
    role: 'init',
    module: modulePath,
    mechanism: module.hook.mechanism,
  };
  if (use.callee !== undefined) {
    const kind = (use.constructorName ?? 'Page').toLowerCase();
    return {
      location: use.location,
      message: `${use.callee} hands this ${kind}'s handlers to ${tracker} in ${modulePath}, which ${whatItHooks(module.hook)} and sends data off the device (${module.sends}): every lifecycle event of this ${kind} can be recorded and uploaded.`,
      relatedLocations: related,
      thirdParty: use.thirdParty,
      properties,
    };
  }
  // Only a module that replaces a constructor starts by being loaded; handler wrappers wait to be handed something.
  if (module.hook.mechanism !== 'constructor' || module.bundled) return undefined;
  return {
    location: use.location,
    message: `Loading ${use.specifier} starts ${tracker} in ${modulePath}, which ${whatItHooks(module.hook)} and sends data off the device (${module.sends}): from here on every lifecycle event and tap can be recorded and uploaded.`,
    relatedLocations: related,
    thirdParty: use.thirdParty,
    properties,
  };
}

/** Reports each use whose module is one of the app's own trackers. */
export function reportInHouseTrackerUses(ledger: InHouseLedger, appRoot: string, report: (report: Report) => void): void {
  if (ledger.modules.size === 0) return;
  for (const use of ledger.uses) {
    for (const [modulePath, module] of ledger.modules) {
      if (modulePath === use.importer || !namesFile(use.importer, use.specifier, modulePath, appRoot)) continue;
      const finding = useReport(use, modulePath, module);
      if (finding) report(finding);
      break;
    }
  }
}
