import type { PlatformId } from '../types.js';
import type { PersonalDataType } from './privacy-data.js';

/** The shapes of the tracker catalog (src/platforms/trackers.ts, sdk-trackers.ts). */

export type TrackerKind = 'platform' | 'third-party';

/**
 * What a call does with the data it is given.
 * - event: sends a named event (and its properties).
 * - identify: ties the tracked user to an identifier (openid, login id).
 * - profile: sends user or super properties.
 * - location: sends or asks the SDK to read the user's location.
 * - init: configures or starts the SDK; automatic collection begins.
 * - page-proxy: wraps a page's or component's handlers for automatic collection.
 * - log: opens a log channel whose writes are uploaded.
 * - autotrack: turns automatic collection on at run time.
 */
export type CallRole = 'event' | 'identify' | 'profile' | 'location' | 'init' | 'page-proxy' | 'log' | 'autotrack' | 'read';

/** An argument, or a property of an object argument (`{ id: 'event' }`). */
export interface ArgumentRef {
  argument: number;
  property?: string;
}

export interface TrackerMethod {
  role: CallRole;
  /** Where the event name is. For command-style SDKs, argument 0 is the first argument after the command. */
  event?: ArgumentRef;
  /** The event a method reports by itself, whatever it is given (Umeng's `resume` → the app coming to the foreground). */
  reports?: string;
  /** Arguments whose contents are sent (checked for personal data). */
  payload?: readonly number[];
  /** Personal data this method always sends (`setOpenid` → openid). */
  sends?: PersonalDataType;
  /** The argument holding a configuration object; 'last' is the last object argument. */
  config?: number | 'last';
  /** For role autotrack: the argument that must be `true` (after the command). */
  switchArgument?: number;
  verified?: false;
}

/** A configuration switch that turns on automatic collection of interaction history. */
export interface AutoTrackSwitch {
  /** Dotted path in the configuration object: `autoTrack.mpClick`, `auto_report`. */
  path: string;
  /** What it records, for messages: `taps`, `page views`. */
  records: string;
  /** On when the configuration does not mention it (per the SDK's documentation). */
  defaultOn?: boolean;
}

/** A configuration option that makes the SDK collect personal data by itself. */
export interface ConfigOption {
  path: string;
  /** `true`: the option is set to true; `value`: any value other than false/null/'' (e.g. `clientId: openid`). */
  when: 'true' | 'value';
  sends: PersonalDataType;
}

interface TrackerBase {
  /** Stable kebab-case id, used in findings, the privacy summary and vendor policies. */
  id: string;
  name: string;
  kind: TrackerKind;
  /** Collection servers (exact host names). */
  hosts: readonly string[];
  /** Host name suffixes for customer-specific subdomains (`.sensorsdata.cn`). */
  hostSuffixes?: readonly string[];
  verified: boolean;
  source: string;
}

export interface PlatformTracker extends TrackerBase {
  kind: 'platform';
  platforms: readonly PlatformId[];
  /** API name → call shape, on the platform namespace (`wx.reportEvent`). */
  apis: Readonly<Record<string, TrackerMethod>>;
}

export interface SdkTracker extends TrackerBase {
  kind: 'third-party';
  /** npm package names; a specifier naming the package or a path inside it binds the SDK. */
  modules: readonly string[];
  /** Basenames (without .js/.ts) of the SDK's own file: `require('./utils/ald-stat.js')` binds Aldstat. */
  files: readonly RegExp[];
  /** Basenames of configuration modules the SDK reads (`ald-stat-conf.js`). */
  configFiles?: readonly RegExp[];
  /**
   * Loading the SDK starts it: on `require`/`import` it replaces App and Page (or reads its config
   * file) and collects from then on, so the load is its initialisation.
   */
  startsOnLoad?: true;
  /** The configuration key naming the App property the SDK is reached under (`setPara({ name: 'sc' })` → `getApp().sc`). */
  attachNameOption?: string;
  /** An option of `App({...})` the SDK reads as its configuration when it starts (`umengConfig`). */
  appOption?: string;
  /** Properties the SDK instance is attached to: `wx.uma`, `getApp().aldstat`. */
  attach: readonly { property: string; distinctive: boolean }[];
  /** Global identifiers that are the SDK itself (`JAnalyticsInterface`). */
  globals?: readonly string[];
  /** `object`: `sdk.track(name)`; `command`: `gio('track', name)`. */
  style: 'object' | 'command';
  /** Global function names of a command-style SDK (`gio`, `gdp`). */
  commandFunctions?: readonly string[];
  /** The module exports a constructor: `new GravityEngine(config)` is the instance and the config. */
  constructorConfig?: boolean;
  /** Method (dotted path for nested objects, `Event.stat`) or command → call shape. */
  methods: Readonly<Record<string, TrackerMethod>>;
  /** Exported functions that wrap Page/App/Component options (`GioPage`). */
  pageProxies?: readonly string[];
  /** Configuration keys naming the collection server. */
  hostKeys?: readonly string[];
  autoTrack?: readonly AutoTrackSwitch[];
  configOptions?: readonly ConfigOption[];
}

export type TrackerDefinition = PlatformTracker | SdkTracker;

/** An event call: the event name at `argument`, the payload at `payload`. */
export const event = (argument = 0, payload: readonly number[] = [1]): TrackerMethod => ({ role: 'event', event: { argument }, payload });
/** An identify call: the user identifier (`sends`) at `argument`. */
export const identify = (sends: PersonalDataType, argument = 0): TrackerMethod => ({ role: 'identify', sends, payload: [argument] });
/** A user-profile call: the properties at `payload`. */
export const profile = (payload: readonly number[] = [0]): TrackerMethod => ({ role: 'profile', payload });
/** A call that reads what the SDK holds about the user (its ids, the properties it collected) and sends nothing. */
export const read = (): TrackerMethod => ({ role: 'read' });
/** An initialisation call: its configuration object at `config`. */
export const init = (config: number | 'last' = 0): TrackerMethod => ({ role: 'init', config });
