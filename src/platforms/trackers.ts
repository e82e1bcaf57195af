import type { PlatformId } from '../types.js';
import { SDK_TRACKERS } from './sdk-trackers.js';
import { event, identify, type PlatformTracker, type SdkTracker, type TrackerDefinition, type TrackerMethod } from './tracker-types.js';

/**
 * The tracker catalog: analytics built into the platforms and third-party SDKs seen in mini-apps,
 * with the shapes of their calls and the servers they send to. Typed data, compiled once into a
 * `TrackerIndex` for the detector in src/analyzers/trackers.ts.
 *
 * Every entry says where its facts come from (`source`) and whether they were checked against
 * that source (`verified`); a method or host that could not be checked carries `verified: false`.
 */

export * from './tracker-types.js';
export { SDK_TRACKERS } from './sdk-trackers.js';

// ---------------------------------------------------------------- platform analytics


export const PLATFORM_TRACKERS: readonly PlatformTracker[] = [
  {
    id: 'wechat-analytics',
    name: 'WeChat analytics',
    kind: 'platform',
    platforms: ['wechat'],
    apis: {
      reportEvent: event(),
      reportAnalytics: event(),
      reportMonitor: { role: 'event', event: { argument: 0 }, payload: [1] },
      reportPerformance: { role: 'event', event: { argument: 0 }, payload: [1, 2] },
    },
    hosts: [],
    verified: true,
    source:
      'WeChat API docs: wx.reportEvent(eventId, data) (2.14.4+), wx.reportAnalytics(eventName, data) and wx.reportMonitor(name, value) (unmaintained since 2.31.1), wx.reportPerformance(id, value, dimensions) (2.9.2+)',
  },
  {
    id: 'wechat-realtime-log',
    name: 'WeChat realtime log',
    kind: 'platform',
    platforms: ['wechat'],
    apis: {
      getRealtimeLogManager: { role: 'log' },
      getLogManager: { role: 'log', verified: false },
    },
    hosts: [],
    verified: true,
    source:
      'WeChat API docs: wx.getRealtimeLogManager() (2.7.1+; info/warn/error/setFilterMsg/addFilterMsg/tag, logs uploaded to the admin console) and wx.getLogManager (logs uploaded with user feedback; not re-checked, marked unverified)',
  },
  {
    id: 'alipay-analytics',
    name: 'Alipay analytics',
    kind: 'platform',
    platforms: ['alipay'],
    apis: { reportAnalytics: event() },
    hosts: [],
    verified: true,
    source: 'Alipay mini-program API: my.reportAnalytics(eventName, data) (custom analysis)',
  },
  {
    id: 'bytedance-analytics',
    name: 'Douyin analytics',
    kind: 'platform',
    platforms: ['bytedance'],
    apis: {
      reportAnalytics: event(),
      // The ad platform's conversion events (`{ event_type: 'form', extra: { page } }`): a call, a form sent, a page seen.
      sendtoTAQ: { role: 'event', event: { argument: 0, property: 'event_type' }, payload: [0], verified: false },
    },
    hosts: [],
    verified: true,
    source:
      'Douyin open platform: tt.reportAnalytics(event, data) (1.8.0+); tt.sendtoTAQ({ event_type, extra }) reports conversion events to Ocean Engine, the ad platform (StarkSDK SendToTAQ in the games SDK; calls seen in public mini-apps, not re-checked against the API reference)',
  },
  {
    id: 'baidu-analytics',
    name: 'Baidu analytics',
    kind: 'platform',
    platforms: ['baidu'],
    apis: { reportAnalytics: event() },
    hosts: [],
    verified: true,
    source: 'Baidu smart mini-program API: swan.reportAnalytics(eventName, data)',
  },
  {
    id: 'qq-analytics',
    name: 'QQ analytics',
    kind: 'platform',
    platforms: ['qq'],
    apis: { reportAnalytics: event() },
    hosts: [],
    verified: false,
    source: 'QQ mini-program API mirrors wx.reportAnalytics (not checked against QQ documentation)',
  },
];

export const TRACKERS: readonly TrackerDefinition[] = [...PLATFORM_TRACKERS, ...SDK_TRACKERS];

export function findTracker(id: string): TrackerDefinition | undefined {
  return TRACKERS.find((tracker) => tracker.id === id);
}

// ---------------------------------------------------------------- user-defined trackers

/**
 * A tracker described in the configuration file (`"trackers": [...]`), for in-house or regional
 * SDKs the catalog does not know. See docs/policy.md.
 */
export interface CustomTrackerDefinition {
  id: string;
  name?: string;
  /** npm package names. */
  modules?: readonly string[];
  /** Basenames of the SDK file, with or without `.js`. */
  files?: readonly string[];
  /** Names the SDK object goes by: a global identifier or a property it is attached to (`wx.acme`, `getApp().acme`). */
  globals?: readonly string[];
  /** Methods whose first argument is an event name and second the event properties. */
  eventMethods?: readonly string[];
  /** Methods whose first argument is a user identifier. */
  identifyMethods?: readonly string[];
  /** Collection hosts; `*.example.com` matches subdomains. */
  hosts?: readonly string[];
}

/** The part of the rule settings this module reads (`trackers` comes from `--config`). */
export interface TrackerSettings {
  trackers?: readonly CustomTrackerDefinition[];
}

export function customTrackers(settings: TrackerSettings): readonly CustomTrackerDefinition[] {
  return settings.trackers ?? [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toSdk(custom: CustomTrackerDefinition): SdkTracker {
  const methods: Record<string, TrackerMethod> = {};
  for (const name of custom.eventMethods ?? []) methods[name] = event();
  for (const name of custom.identifyMethods ?? []) methods[name] = identify('user-id');
  const exactHosts = (custom.hosts ?? []).filter((host) => !host.startsWith('*.'));
  const suffixes = (custom.hosts ?? []).filter((host) => host.startsWith('*.')).map((host) => host.slice(1));
  return {
    id: custom.id,
    name: custom.name ?? custom.id,
    kind: 'third-party',
    modules: custom.modules ?? [],
    files: (custom.files ?? []).map((file) => new RegExp(`^${escapeRegExp(file.replace(/\.(?:js|ts)$/, ''))}$`)),
    attach: (custom.globals ?? []).map((property) => ({ property, distinctive: true })),
    globals: custom.globals ?? [],
    style: 'object',
    methods,
    hosts: exactHosts,
    hostSuffixes: suffixes,
    verified: false,
    source: 'user configuration',
  };
}

// ---------------------------------------------------------------- compiled index

export interface MethodMatch {
  tracker: TrackerDefinition;
  method: string;
  shape: TrackerMethod;
}

/** The catalog compiled for the detector: maps and one host regular expression. */
export interface TrackerIndex {
  trackers: readonly TrackerDefinition[];
  sdks: readonly SdkTracker[];
  /** platform id → API name → platform tracker method. */
  platformApis: ReadonlyMap<PlatformId, ReadonlyMap<string, MethodMatch>>;
  /** Attachment property → SDK. */
  attach: ReadonlyMap<string, { sdk: SdkTracker; distinctive: boolean }>;
  /** Global identifier → SDK (command functions and declared globals). */
  globals: ReadonlyMap<string, SdkTracker>;
  /** Finds every collection host in a string. */
  hostPattern: RegExp;
  hostTracker(host: string): SdkTracker | undefined;
  /** The SDK a module specifier loads (package name, path inside a package, or SDK file basename). */
  moduleTracker(specifier: string): SdkTracker | undefined;
  /** The SDK whose configuration module this file is. */
  configFileTracker(path: string): SdkTracker | undefined;
  /** The SDK package a shipped file belongs to (`miniprogram_npm/umtrack-wx/…`). */
  packageTracker(path: string): SdkTracker | undefined;
  /** Method names of object-style SDKs (`track`, `sendEvent`): calls the data flow checks for an SDK handle. */
  handleMethods: ReadonlySet<string>;
  sdkById(id: string): SdkTracker | undefined;
}

/** A specifier's or path's last segment without a script extension. */
export function moduleBasename(specifier: string): string {
  const clean = specifier.replace(/[?#].*$/, '');
  const last = clean.slice(clean.lastIndexOf('/') + 1);
  return last.replace(/\.(?:js|ts|mjs|cjs)$/, '');
}

function buildIndex(trackers: readonly TrackerDefinition[]): TrackerIndex {
  const sdks = trackers.filter((tracker): tracker is SdkTracker => tracker.kind === 'third-party');
  const platformApis = new Map<PlatformId, Map<string, MethodMatch>>();
  for (const tracker of trackers) {
    if (tracker.kind !== 'platform') continue;
    for (const platform of tracker.platforms) {
      const apis = platformApis.get(platform) ?? new Map<string, MethodMatch>();
      for (const [method, shape] of Object.entries(tracker.apis)) apis.set(method, { tracker, method, shape });
      platformApis.set(platform, apis);
    }
  }
  const attach = new Map<string, { sdk: SdkTracker; distinctive: boolean }>();
  const globals = new Map<string, SdkTracker>();
  const exactHosts = new Map<string, SdkTracker>();
  const suffixes: [string, SdkTracker][] = [];
  const modules = new Map<string, SdkTracker>();
  for (const sdk of sdks) {
    for (const entry of sdk.attach) if (!attach.has(entry.property)) attach.set(entry.property, { sdk, distinctive: entry.distinctive });
    for (const name of [...(sdk.commandFunctions ?? []), ...(sdk.globals ?? [])]) if (!globals.has(name)) globals.set(name, sdk);
    for (const host of sdk.hosts) if (!exactHosts.has(host)) exactHosts.set(host, sdk);
    for (const suffix of sdk.hostSuffixes ?? []) suffixes.push([suffix, sdk]);
    for (const module of sdk.modules) if (!modules.has(module)) modules.set(module, sdk);
  }
  const alternatives = [
    ...[...exactHosts.keys()].map(escapeRegExp),
    ...suffixes.map(([suffix]) => `[a-z0-9-]+(?:\\.[a-z0-9-]+)*${escapeRegExp(suffix)}`),
  ].sort((a, b) => b.length - a.length);
  const hostPattern = alternatives.length > 0 ? new RegExp(`(?<![a-z0-9.-])(?:${alternatives.join('|')})(?![a-z0-9-]|\\.[a-z0-9])`, 'gi') : /(?!)/g;

  const hostTracker = (host: string): SdkTracker | undefined => {
    const lower = host.toLowerCase();
    const exact = exactHosts.get(lower);
    if (exact) return exact;
    for (const [suffix, sdk] of suffixes) if (lower.endsWith(suffix)) return sdk;
    return undefined;
  };

  const packageOf = (segments: readonly string[]): SdkTracker | undefined => {
    for (let i = 0; i < segments.length; i++) {
      const one = modules.get(segments[i]!);
      if (one) return one;
      const two = i + 1 < segments.length ? modules.get(`${segments[i]}/${segments[i + 1]}`) : undefined;
      if (two) return two;
    }
    return undefined;
  };

  const handleMethods = new Set(sdks.filter((sdk) => sdk.style === 'object').flatMap((sdk) => Object.keys(sdk.methods).filter((method) => !method.includes('.'))));
  const byId = new Map(sdks.map((sdk) => [sdk.id, sdk]));

  return {
    trackers,
    sdks,
    handleMethods,
    sdkById: (id) => byId.get(id),
    platformApis,
    attach,
    globals,
    hostPattern,
    hostTracker,
    moduleTracker(specifier) {
      const segments = specifier.replace(/[?#].*$/, '').split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
      const byPackage = packageOf(segments);
      if (byPackage) return byPackage;
      const base = moduleBasename(specifier);
      return sdks.find((sdk) => sdk.files.some((pattern) => pattern.test(base)));
    },
    configFileTracker(path) {
      const base = moduleBasename(path);
      return sdks.find((sdk) => sdk.configFiles?.some((pattern) => pattern.test(base)));
    },
    packageTracker(path) {
      const segments = path.split('/');
      const at = segments.findIndex((segment) => segment === 'miniprogram_npm' || segment === 'node_modules');
      return at < 0 ? undefined : packageOf(segments.slice(at + 1, at + 3));
    },
  };
}

const DEFAULT_INDEX = buildIndex(TRACKERS);
const CUSTOM_INDEXES = new WeakMap<readonly CustomTrackerDefinition[], TrackerIndex>();

/** The compiled catalog, with the user's trackers first (they win over catalog entries with the same names). */
export function trackerIndex(custom: readonly CustomTrackerDefinition[] = []): TrackerIndex {
  if (custom.length === 0) return DEFAULT_INDEX;
  let index = CUSTOM_INDEXES.get(custom);
  if (!index) {
    index = buildIndex([...custom.map(toSdk), ...TRACKERS]);
    CUSTOM_INDEXES.set(custom, index);
  }
  return index;
}
