import type { PlatformId } from '../types.js';
import type { PersonalDataType } from './privacy-data.js';

/**
 * The tracker catalog: analytics built into the platforms and third-party SDKs seen in mini-apps,
 * with the shapes of their calls and the servers they send to. Typed data, compiled once into a
 * `TrackerIndex` for the detector in src/analyzers/trackers.ts.
 *
 * Every entry says where its facts come from (`source`) and whether they were checked against
 * that source (`verified`); a method or host that could not be checked carries `verified: false`.
 */

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
export type CallRole = 'event' | 'identify' | 'profile' | 'location' | 'init' | 'page-proxy' | 'log' | 'autotrack';

/** An argument, or a property of an object argument (`{ id: 'event' }`). */
export interface ArgumentRef {
  argument: number;
  property?: string;
}

export interface TrackerMethod {
  role: CallRole;
  /** Where the event name is. For command-style SDKs, argument 0 is the first argument after the command. */
  event?: ArgumentRef;
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

// ---------------------------------------------------------------- platform analytics

const event = (argument = 0, payload: readonly number[] = [1]): TrackerMethod => ({ role: 'event', event: { argument }, payload });

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
    apis: { reportAnalytics: event() },
    hosts: [],
    verified: true,
    source: 'Douyin open platform: tt.reportAnalytics(event, data) (1.8.0+)',
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

// ---------------------------------------------------------------- third-party SDKs

const identify = (sends: PersonalDataType, argument = 0): TrackerMethod => ({ role: 'identify', sends, payload: [argument] });
const profile = (payload: readonly number[] = [0]): TrackerMethod => ({ role: 'profile', payload });
const init = (config: number | 'last' = 0): TrackerMethod => ({ role: 'init', config });

const FIVE_SWITCHES = (defaultOn: boolean): AutoTrackSwitch[] => [
  { path: 'autoTrack.appLaunch', records: 'app launches', defaultOn },
  { path: 'autoTrack.appShow', records: 'app shows', defaultOn },
  { path: 'autoTrack.appHide', records: 'app hides', defaultOn },
  { path: 'autoTrack.pageShow', records: 'page views', defaultOn },
  { path: 'autoTrack.pageShare', records: 'shares', defaultOn },
];

export const SDK_TRACKERS: readonly SdkTracker[] = [
  {
    id: 'umeng',
    name: 'Umeng (U-Mini)',
    kind: 'third-party',
    modules: ['umtrack-wx', 'umtrack-alipay'],
    files: [/^uma(?:\.min)?$/],
    attach: [{ property: 'uma', distinctive: true }],
    style: 'object',
    methods: {
      init: init(0),
      trackEvent: event(),
      setOpenid: identify('openid'),
      setUnionid: identify('unionid'),
      setUserid: { ...identify('user-id'), verified: false },
    },
    configOptions: [
      { path: 'uploadUserInfo', when: 'true', sends: 'user-profile' },
      { path: 'autoGetOpenid', when: 'true', sends: 'openid' },
      { path: 'useOpenid', when: 'true', sends: 'openid' },
    ],
    hosts: ['umini.shujupie.com', 'ulogs.umeng.com'],
    verified: true,
    source:
      'umeng/mp-demos (uma.init({appKey, useOpenid, autoGetOpenid, debug, uploadUserInfo})); public code calling wx.uma.trackEvent/setOpenid; hosts from the ENDPOINT/ENDPOINTB constants of the shipped umtrack SDKs; setUserid unverified',
  },
  {
    id: 'aldstat',
    name: 'Aldstat (阿拉丁统计)',
    kind: 'third-party',
    modules: [],
    files: [/^ald-stat(?:\.min)?$/],
    configFiles: [/^ald-stat-conf$/],
    attach: [{ property: 'aldstat', distinctive: true }],
    style: 'object',
    methods: {
      sendEvent: event(),
      sendOpenid: identify('openid'),
      sendSession: { ...identify('user-id'), verified: false },
    },
    configOptions: [
      { path: 'getLocation', when: 'true', sends: 'location' },
      { path: 'useOpen', when: 'true', sends: 'openid' },
    ],
    hosts: ['log.aldwx.com', 'glog.aldwx.com'],
    verified: true,
    source:
      'doc.aldwx.com (上报用户 OpenID: wx.aldstat.sendOpenid, ald-stat-conf.js useOpen/getLocation; request domain log.aldwx.com); public code calling app.aldstat.sendEvent(name, props)',
  },
  {
    id: 'growingio',
    name: 'GrowingIO',
    kind: 'third-party',
    modules: ['gio-miniprogram-sdk', 'gio-miniprogram-sdk-cdp'],
    files: [/^gio-(?:minp|wechat|alipay|baidu|swan|qq|tt|bytedance|kuaishou|jd|taobao|uniapp|taro|mpx)$/],
    attach: [
      { property: 'gio', distinctive: false },
      { property: 'gdp', distinctive: false },
    ],
    style: 'command',
    commandFunctions: ['gio', 'gdp'],
    methods: {
      init: init('last'),
      track: { role: 'event', event: { argument: 0 }, payload: [1, 2] },
      setUserId: identify('user-id'),
      identify: identify('openid'),
      setUserAttributes: profile([0]),
      setVisitor: profile([0]),
      setEvar: profile([0]),
      setPage: profile([0]),
      getLocation: { role: 'location', sends: 'location' },
      setLocation: { role: 'location', sends: 'location', payload: [0, 1], verified: false },
      setAutotrack: { role: 'autotrack', switchArgument: 0 },
      setOption: { role: 'autotrack', switchArgument: 1 },
    },
    pageProxies: ['GioPage', 'GioApp', 'GioComponent', 'GioBehavior'],
    hostKeys: ['serverUrl', 'host'],
    autoTrack: [{ path: 'autotrack', records: 'taps, changes and form submissions' }],
    configOptions: [
      { path: 'forceLogin', when: 'true', sends: 'openid' },
      { path: 'location.autoGet', when: 'true', sends: 'location' },
    ],
    hosts: ['napi.growingio.com', 'wxapi.growingio.com', 'api.growingio.com'],
    verified: true,
    source:
      'growingio/growingio-sdk-docs: gdp/gio("init", accountId, dataSourceId, appId, {serverUrl, host, autotrack, forceLogin}), ("track", eventId, properties, item), setUserId, identify(openId), setUserAttributes($wechat_openId …), getLocation, setOption("autotrack"), GioPage/GioApp/GioComponent; host examples wxapi.growingio.com, api.growingio.com; napi.growingio.com from secondary sources; setLocation unverified',
  },
  {
    id: 'sensorsdata',
    name: 'Sensors Data (神策)',
    kind: 'third-party',
    modules: ['sa-sdk-miniprogram'],
    files: [/^sensorsdata(?:\.[a-z0-9]+)*$/],
    attach: [{ property: 'sensors', distinctive: true }],
    style: 'object',
    methods: {
      setPara: init(0),
      init: init(0),
      track: event(),
      quick: { role: 'event', event: { argument: 0 }, payload: [1] },
      login: identify('user-id'),
      identify: identify('user-id'),
      setOpenid: identify('openid'),
      setUnionid: { ...identify('unionid'), verified: false },
      bindOpenid: { ...identify('openid'), verified: false },
      setProfile: profile(),
      setOnceProfile: profile(),
      registerApp: profile(),
    },
    hostKeys: ['server_url'],
    autoTrack: [
      ...FIVE_SWITCHES(true),
      { path: 'autoTrack.mpClick', records: 'taps ($MPClick)' },
      { path: 'autoTrack.mpFavorite', records: 'favourites', defaultOn: true },
      { path: 'autoTrack.pageLeave', records: 'page leaves and durations' },
    ],
    hosts: [],
    hostSuffixes: ['.sensorsdata.cn'],
    verified: true,
    source:
      'sensorsdata/sa-sdk-miniprogram demos and manual (mp_sdk_new): setPara({name, server_url, autoTrack: {appLaunch, appShow, appHide, pageShow, pageShare (default true), mpClick, pageLeave (default false), mpFavorite}}), init(), track(name, props), login, identify, setOpenid, setProfile, registerApp; cloud receivers under *.datasink.sensorsdata.cn; setUnionid/bindOpenid unverified',
  },
  {
    id: 'talkingdata',
    name: 'TalkingData',
    kind: 'third-party',
    modules: [],
    files: [/^tdweapp$/],
    configFiles: [/^tdweapp-conf$/],
    attach: [{ property: 'tdsdk', distinctive: true }],
    style: 'object',
    methods: {
      event: { role: 'event', event: { argument: 0, property: 'id' }, payload: [0] },
    },
    configOptions: [{ path: 'config.getLocation', when: 'true', sends: 'location' }],
    hosts: [],
    verified: true,
    source:
      'public code calling app.tdsdk.event({id, label, params}) with the tdweapp.js SDK and tdweapp-conf.js; collection hosts not verified (configured in tdweapp-conf.js)',
  },
  {
    id: 'tencent-mta',
    name: 'Tencent MTA (腾讯移动分析)',
    kind: 'third-party',
    modules: [],
    files: [/^mta_analysis$/],
    attach: [{ property: 'mta', distinctive: false }],
    style: 'object',
    methods: {
      'App.init': init(0),
      'Page.init': { role: 'init' },
      'Event.stat': event(),
    },
    autoTrack: [
      { path: 'statPullDownFresh', records: 'pull-down refreshes' },
      { path: 'statShareApp', records: 'shares' },
      { path: 'statReachBottom', records: 'scrolls to the bottom' },
    ],
    configOptions: [{ path: 'lauchOpts', when: 'value', sends: 'user-id' }],
    hosts: ['pingtas.qq.com'],
    verified: true,
    source:
      'public code: var mta = require("mta_analysis.js"); mta.App.init({appID, eventID, lauchOpts, statPullDownFresh, statShareApp, statReachBottom}); mta.Page.init(); mta.Event.stat(id, props); api_base https://pingtas.qq.com/pingd in the shipped SDK',
  },
  {
    id: 'baidu-mobstat',
    name: 'Baidu Mobstat (百度移动统计)',
    kind: 'third-party',
    modules: [],
    files: [/^mtj-wx-sdk$/],
    configFiles: [/^mtj-wx-sdk\.config$/],
    attach: [{ property: 'mtj', distinctive: true }],
    style: 'object',
    methods: {
      trackEvent: event(),
      setUserId: { ...identify('user-id'), verified: false },
      setUserProperty: { ...profile(), verified: false },
    },
    autoTrack: [{ path: 'getComponentScroll', records: 'component scrolling' }],
    configOptions: [{ path: 'getLocation', when: 'true', sends: 'location' }],
    hosts: ['hmma.baidu.com'],
    verified: true,
    source:
      'public code: utils/mtj-wx-sdk.config.js (appKey, hasPlugin, getLocation, getComponentScroll) and getApp().mtj.trackEvent(id, props); hmma.baidu.com is Baidu Mobstat\'s collection host (mini.gif); setUserId/setUserProperty unverified',
  },
  {
    id: 'datarangers',
    name: 'DataRangers (Volcengine 火山引擎增长分析)',
    kind: 'third-party',
    modules: ['@datarangers/sdk-mp'],
    files: [],
    attach: [
      { property: '$$rangers', distinctive: true },
      { property: '$$SDK', distinctive: true },
    ],
    style: 'object',
    methods: {
      init: init(0),
      config: { role: 'profile', config: 0, payload: [0] },
      send: { role: 'init' },
      event: event(),
      profileSet: profile(),
      profileSetOnce: profile(),
      profileAppend: profile(),
      profileIncrement: profile(),
      setWebIDviaOpenID: identify('openid'),
      setWebIDviaUnionID: identify('unionid'),
    },
    hostKeys: ['channel_domain', 'report_url'],
    autoTrack: [{ path: 'auto_report', records: 'app launches and page views' }],
    configOptions: [{ path: 'user_unique_id', when: 'value', sends: 'user-id' }],
    hosts: ['mcs.volceapplog.com', 'mcs.ctobsnssdk.com', 'mcs.itobsnssdk.com', 'mcs.tobsnssdk.com'],
    verified: true,
    source:
      'volcengine/datarangers-sdk-mp: README and sdk.d.ts (init({app_id, auto_report, channel_domain, report_url}), config({user_unique_id}), send(), event(name, params), profileSet…, setWebIDviaOpenID/UnionID); hosts from src/core/constant.ts Domains',
  },
  {
    id: 'gravityengine',
    name: 'GravityEngine (引力引擎)',
    kind: 'third-party',
    modules: [],
    files: [/^gravityengine(?:\.[a-z]+)*$/],
    attach: [{ property: 'ge', distinctive: false }],
    style: 'object',
    constructorConfig: true,
    methods: {
      init: { role: 'init' },
      setupAndStart: { role: 'init' },
      track: event(),
      initialize: { ...profile(), verified: false },
      userSet: { ...profile(), verified: false },
    },
    autoTrack: FIVE_SWITCHES(false),
    configOptions: [{ path: 'clientId', when: 'value', sends: 'user-id' }],
    hosts: ['backend.gravity-engine.com', 'api.gravity-engine.com'],
    verified: true,
    source:
      'GravityInfinite/mpg-demos: new GravityEngine({accessToken, clientId (the user\'s openid), autoTrack: {appLaunch, appShow, appHide, pageShow, pageShare}, name}); ge.init()/setupAndStart(); request domains backend.gravity-engine.com and api.gravity-engine.com; track/initialize/userSet by analogy, initialize and userSet unverified',
  },
  {
    id: 'thinkingdata',
    name: 'ThinkingData (数数科技)',
    kind: 'third-party',
    modules: [],
    files: [/^thinkingdata(?:\.[a-z]+)*$/],
    attach: [
      { property: 'thinkingdata', distinctive: true },
      { property: 'ta', distinctive: false },
    ],
    style: 'object',
    constructorConfig: true,
    methods: {
      init: { role: 'init' },
      track: event(),
      login: identify('user-id'),
      identify: identify('user-id'),
      userSet: profile(),
      userSetOnce: profile(),
      setSuperProperties: profile(),
    },
    hostKeys: ['server_url', 'serverUrl'],
    autoTrack: FIVE_SWITCHES(false),
    hosts: [],
    hostSuffixes: ['.thinkingdata.cn'],
    verified: true,
    source:
      'ThinkingDataAnalytics/mp-sdk example (new TA({appid, server_url, autoTrack: {appLaunch, appShow, appHide, pageShow, pageShare}, name})), TA docs (autoTrack all off by default; login, identify, track, setSuperProperties)',
  },
  {
    id: 'tencent-youshu',
    name: 'Tencent Youshu (腾讯有数)',
    kind: 'third-party',
    modules: ['sr-sdk-wxapp'],
    files: [],
    attach: [{ property: 'sr', distinctive: false }],
    style: 'object',
    methods: {
      init: init(0),
      track: event(),
      setUser: { role: 'identify', payload: [0] },
      setContext: profile(),
      startReport: { role: 'init' },
      page: { role: 'page-proxy' },
      component: { role: 'page-proxy', verified: false },
    },
    autoTrack: [
      { path: 'trackApp', records: 'app launches, shows and hides', defaultOn: true },
      { path: 'proxyPage', records: 'page views, leaves and shares' },
      { path: 'proxyComponent', records: 'component events' },
      { path: 'autoTrack', records: 'element taps' },
    ],
    hosts: [],
    verified: true,
    source:
      'mp.zhls.qq.com youshu-docs (sdk/report_event): sr.track(type, props), sr.setUser({open_id, union_id}), sr.page(options), init options trackApp (default true), proxyPage, proxyComponent, autoTrack; hosts not verified',
  },
  {
    id: 'jiguang-janalytics',
    name: 'JiGuang JAnalytics (极光统计)',
    kind: 'third-party',
    modules: [],
    files: [],
    attach: [{ property: 'JAnalyticsInterface', distinctive: true }],
    globals: ['JAnalyticsInterface'],
    style: 'object',
    methods: {
      init: { role: 'init' },
      onEvent: { role: 'event', event: { argument: 0, property: 'type' }, payload: [0] },
      identifyAccount: { ...profile(), verified: false },
    },
    hosts: [],
    verified: true,
    source: 'docs.jiguang.cn JAnalytics MiniProgram SDK API: JAnalyticsInterface.init(this), app.JAnalyticsInterface.onEvent({type, attributes}); identifyAccount and hosts unverified',
  },
  {
    id: 'google-analytics',
    name: 'Google Analytics (Measurement Protocol)',
    kind: 'third-party',
    modules: [],
    files: [],
    attach: [],
    style: 'object',
    methods: {},
    hosts: ['www.google-analytics.com', 'region1.google-analytics.com', 'ssl.google-analytics.com', 'google-analytics.com'],
    verified: true,
    source:
      'Google Analytics Measurement Protocol reference: POST https://www.google-analytics.com/mp/collect?measurement_id&api_secret with {client_id, user_id, events: [{name, params}]} (GA4); /collect with t=event&ec&ea (Universal Analytics)',
  },
  {
    id: 'uni-stat',
    name: 'uni统计 (DCloud uni-stat)',
    kind: 'third-party',
    modules: ['@dcloudio/uni-stat'],
    files: [],
    attach: [],
    style: 'object',
    methods: {},
    hosts: ['tongji.dcloud.io'],
    verified: true,
    source: 'dcloudio/uni-app packages/uni-stat/src/config.ts (STAT_URL https://tongji.dcloud.io/uni/stat); bundled into uni-app builds when uni统计 is enabled',
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

  return {
    trackers,
    sdks,
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
