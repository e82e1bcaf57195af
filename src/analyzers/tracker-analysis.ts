import type { CallRole, SdkTracker, TrackerDefinition } from '../platforms/trackers.js';
import type { BundleFile } from '../types.js';
import type { PersonalDataHit, Range } from './tracker-syntax.js';
import type { AttachedCall } from './app-attached-calls.js';

/** What the tracker detection finds in one script (trackers.ts runs it; the tracking rules read it). */

export interface AutoTrackHit {
  path: string;
  records: string;
  /** True when the configuration turns it on; false when it is on by default. */
  explicit: boolean;
  range: Range;
}

export interface TrackerCall {
  tracker: TrackerDefinition;
  role: CallRole | 'request' | 'config-file';
  /** The call as written, for messages: `wx.reportEvent`, `uma.trackEvent`, `gdp('track')`. */
  callee: string;
  method: string;
  /** The event name when it is written as a constant. */
  event?: string;
  range: Range;
  /** Collection hosts this call sends to: configured or requested ones, else the catalog's. */
  hosts: string[];
  /** The hosts come from this call's configuration or URL, not from the catalog. */
  hostsConfigured: boolean;
  personalData: PersonalDataHit[];
  autoTrack: AutoTrackHit[];
  verified: boolean;
  /** The App property the configuration says the SDK is reached under (`getApp().sc_stats`). */
  attachName?: string;
}

/** `aspect`: Baidu's `Page.after({ methods, events })`, which adds handlers to every page (or app, or component) without replacing the constructor. */
export type HistoryMechanism = 'constructor' | 'navigation' | 'app-route' | 'page-proxy' | 'handler-wrap' | 'aspect';

export interface HistoryHook {
  mechanism: HistoryMechanism;
  /** `Page`, `wx.navigateTo`, `wx.onAppRoute`, `GioPage`. */
  target: string;
  range: Range;
  tracker?: TrackerDefinition;
  /**
   * For a replaced constructor, navigation API or wrapped handlers: the first place its module (the whole file,
   * unless the file is a bundle of modules) sends data off the device, if any.
   */
  sink?: DataExit;
  /** For a replaced constructor: its module wraps handlers one by one (`options[name] = function …`). */
  wrapsHandlers?: boolean;
}

/** A place code sends data off the device: a request, or a collection URL. */
export interface DataExit {
  range: Range;
  description: string;
}

export interface HostLiteral {
  tracker: SdkTracker;
  host: string;
  range: Range;
  /** Written as a URL (`https://host/…`, `//host`), not a bare name. */
  url: boolean;
  /** Used as the url of a request or a configured server this analysis already reports. */
  consumed: boolean;
}

export interface ShippedSdk {
  tracker: SdkTracker;
  hosts: string[];
  range: Range;
}

/**
 * `Page(stat.$Page({ … }))`: a page, app or component whose options pass through a call on a
 * module the file loads before they are registered. Whether that module is a tracker is known
 * only once every file is analysed (tracking-call's project check).
 */
export interface ModuleRegistration {
  /** The module the handle was loaded from, as written. */
  specifier: string;
  /** `stat.$Page`, for messages. */
  callee: string;
  constructorName: string;
  range: Range;
}

/** Whether a hook records interaction history and sends it off the device, as interaction-history-tracking reports it. */
export function recordsHistoryOffDevice(hook: HistoryHook): boolean {
  if (hook.mechanism === 'constructor') return Boolean(hook.sink && hook.wrapsHandlers);
  return (hook.mechanism === 'handler-wrap' || hook.mechanism === 'aspect') && hook.sink !== undefined;
}

export interface FileTrackerAnalysis {
  file: BundleFile;
  calls: TrackerCall[];
  /** Writes to a platform log manager (`logger.info(...)`), checked for personal data only. */
  logWrites: TrackerCall[];
  /** Every module specifier the file imports or requires. */
  imports: string[];
  /** The file is a bundle's table of modules (a webpack vendor.js): what runs when it loads is its modules' business. */
  bundlesModules: boolean;
  /** Each static `import`/`require` with where it is. */
  loads: { specifier: string; range: Range }[];
  registrations: ModuleRegistration[];
  hostLiterals: HostLiteral[];
  /** SDKs whose own code this file is. */
  shipped: ShippedSdk[];
  historyHooks: HistoryHook[];
  /** Calls on tracker-named App properties the catalogue does not know (app-attached-calls.ts). */
  attachedCalls: AttachedCall[];
  /** The tracker-named App properties the file sets itself. */
  appPropertiesSet: string[];
}

// ---------------------------------------------------------------- vocabulary
