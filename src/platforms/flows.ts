import type { PlatformId } from '../types.js';
import { PERMISSION_PROMPTS, type PermissionPrompts } from './permission-prompts.js';
import { PLATFORM_PRIVACY, type PersonalDataType } from './privacy-data.js';

/**
 * What the data-flow analyzer treats as sources and sinks on each platform: typed data, read by
 * src/analyzers/dataflow/. Privacy interfaces (src/platforms/privacy-data.ts) are sources as they
 * stand; this table adds credentials, storage, the mini-app boundary and the places data leaves.
 */

/** What a value carries. Personal data types and credentials are sensitive; the rest are origins. */
export type FlowLabel =
  | PersonalDataType
  | 'credential'
  /** A login code (`wx.login`, Alipay `my.getAuthCode`): single-use and short-lived, sensitive where it is sent, not where it is kept. */
  | 'login-code'
  | 'id-number'
  /** Handed over by another mini-app (referrerInfo.extraData). */
  | 'referrer'
  /** The launch query (`options.query` of App.onLaunch/onShow): set by whoever opened the mini-app, another mini-app's `navigateToMiniProgram({ path })` included. */
  | 'launch-query'
  /** A page's query (`onLoad(query)`): set by whoever opens the page, a share link, a QR code or another mini-app included. */
  | 'page-query'
  /** Typed by the user into a form field: sensitive only when the field's name says so. */
  | 'user-input'
  /** Sensitive by name only (`res.data.token`, `this.data.phone`): weaker evidence than a privacy API. */
  | 'named'
  /** A string that names sensitive data (`'token'`, `KEYS.TOKEN = 'token'`): evidence only where it becomes a storage key. */
  | 'key-name'
  /** A plain `http://` or `ws://` URL written in the code: a finding only where it starts the URL a request or web-view loads. */
  | 'insecure-url'
  /** A tracking SDK's handle (its module, as imported or required): the source's `text` is the SDK's id. */
  | 'sdk-handle'
  /** What a client sent a cloud function (its `event`): anyone can call the function with any data. */
  | 'client-event'
  /** An identity field of a cloud function's `event` (`event.openid`): a claim the client makes; the source's `text` is the field. */
  | 'client-identity'
  /** The caller as the platform authenticated it (`cloud.getWXContext().OPENID`, the injected `event.userInfo.openId`). */
  | 'caller-identity';

/** Who the user is, or what signs them in: the labels an identity carries (what a web-view page must not be handed). */
export const IDENTITY_LABELS: ReadonlySet<FlowLabel> = new Set(['credential', 'openid', 'unionid', 'phone', 'id-number']);

/** Labels that are not personal data by themselves. */
export const ORIGIN_LABELS: ReadonlySet<FlowLabel> = new Set(['referrer', 'launch-query', 'page-query', 'user-input', 'named', 'key-name', 'insecure-url', 'sdk-handle', 'client-event', 'client-identity', 'caller-identity']);

/** Personal data types that are facts about the device or a capability, not values the code holds. */
export const NON_VALUE_DATA: ReadonlySet<PersonalDataType> = new Set(['camera', 'microphone', 'bluetooth', 'contacts', 'calendar', 'album-write', 'photos', 'files']);

/**
 * Interfaces that hand the mini-app only ciphertext of their data (and a one-time code), which only
 * the developer's server can open: the phone-number button and API (`encryptedData`, `iv`, `code`
 * on WeChat, QQ, Douyin and Baidu; Alipay's `response`, encrypted with the app's AES key) and
 * WeChat's WeRun data. Written to the device's own log or storage they expose no number; the number
 * the server sends back is found by its name (`phoneNumber`). Sources: wechat-miniprogram/api-typings
 * (lib.wx.api.d.ts: getPhoneNumber button detail, GetWeRunDataSuccessCallbackResult); Alipay
 * my.getPhoneNumber (`response` is the encrypted payload); Douyin and Baidu getPhoneNumber buttons.
 */
export const ENCRYPTED_TO_CLIENT: ReadonlySet<string> = new Set(['getPhoneNumber', 'getWeRunData']);

/** Where a call's argument carries the value: a positional argument, or an option of the options object. */
export type ArgumentSlot =
  | { argument: number }
  /**
   * `positional`: where a WeChat-style shim of the API (antmove's `_my`, a cross-platform adapter)
   * takes the value as a plain argument instead, when the call's first argument is no options object.
   */
  | { option: string; positional?: number };

/** `sdk-call`: a method call named like a tracking SDK's method, on a receiver the flow may show to be an SDK handle. */
export type SinkKind =
  | 'storage' | 'network' | 'clipboard' | 'cross-app' | 'navigation' | 'log' | 'tracker' | 'sdk-call' | 'web-view' | 'payment' | 'privileged' | 'file'
  /** In a cloud function: what picks the records a database call touches (`doc(id)`, `where(condition)`). */
  | 'database'
  /** In a cloud function: the data a database call writes (`add`, `update`, `set`). */
  | 'database-write'
  /** A cloud function's return value, which goes back to whichever client called it. */
  | 'cloud-return'
  /** The data a client sends to one of its cloud functions (`callFunction({ name, data })`): a request to the app's own backend, its `url` the function's name. */
  | 'cloud-call'
  /** A value put into another page's query by a navigation (`navigateTo({ url: '/pages/b/b?x=' + x })`): page b reads it in `onLoad`. */
  | 'page-handover';

export interface SinkApi {
  kind: SinkKind;
  /** Arguments or options whose value reaches the sink. */
  values: readonly ArgumentSlot[];
  /** For storage: where the key is. For network and navigation: where the URL is. */
  key?: ArgumentSlot;
  /** An option that makes a storage write encrypted (`encrypt: true`). */
  encryptOption?: string;
}

export interface StorageRead {
  key: ArgumentSlot;
  /** Sync APIs return the value (Alipay's: `{ data }`); async ones hand `res.data` to `success`. */
  result: 'return' | 'return-data' | 'success-data';
}

export interface FlowCatalog {
  /** API → label of the value it hands over (result, `success(res)`, `.then`, `await`). */
  sourceApis: Readonly<Record<string, FlowLabel>>;
  /** Button open-type → label of its event's `detail`. */
  openTypeSources: Readonly<Record<string, FlowLabel>>;
  /** `<input type=…>` → label of the typed value. */
  inputTypeSources: Readonly<Record<string, FlowLabel>>;
  /** APIs returning the launch/enter options (`referrerInfo`, `query`). */
  launchOptionApis: readonly string[];
  /** APIs whose listener receives the launch/enter options (`wx.onAppShow(listener)`). */
  launchListenerApis: readonly string[];
  storageReads: Readonly<Record<string, StorageRead>>;
  sinks: Readonly<Record<string, SinkApi>>;
  /** Methods of the objects returned by these APIs write logs (`getLogManager().info(x)`). */
  logManagerApis: readonly string[];
  /** Event attribute prefixes in templates (`bindtap`, `catch:tap`, Alipay `onTap`). */
  eventAttribute: RegExp;
  /** Permission dialogs, choice dialogs and the settings page, for the prompt analysis. */
  permissionPrompts: PermissionPrompts;
  source: string;
}

const arg = (argument: number): ArgumentSlot => ({ argument });
const opt = (option: string): ArgumentSlot => ({ option });
const optOrArg = (option: string, positional: number): ArgumentSlot => ({ option, positional });

const NETWORK: Record<string, SinkApi> = {
  request: { kind: 'network', values: [opt('data'), opt('header'), opt('url')], key: opt('url') },
  uploadFile: { kind: 'network', values: [opt('formData'), opt('header'), opt('url')], key: opt('url') },
  downloadFile: { kind: 'network', values: [opt('header'), opt('url')], key: opt('url') },
  connectSocket: { kind: 'network', values: [opt('header'), opt('url')], key: opt('url') },
};

const NAVIGATION: Record<string, SinkApi> = {
  navigateTo: { kind: 'navigation', values: [opt('url')], key: opt('url') },
  redirectTo: { kind: 'navigation', values: [opt('url')], key: opt('url') },
  reLaunch: { kind: 'navigation', values: [opt('url')], key: opt('url') },
  switchTab: { kind: 'navigation', values: [opt('url')], key: opt('url') },
};

/** Privileged APIs a forged request from another mini-app must not drive unchecked. */
const PRIVILEGED: Record<string, SinkApi> = {
  requestPayment: { kind: 'payment', values: [arg(0)] },
  requestOrderPayment: { kind: 'payment', values: [arg(0)] },
  makePhoneCall: { kind: 'privileged', values: [opt('phoneNumber')] },
  openDocument: { kind: 'privileged', values: [opt('filePath')] },
  setClipboardData: { kind: 'clipboard', values: [opt('data')] },
};

const WECHAT_LIKE: FlowCatalog = {
  sourceApis: { login: 'login-code', getClipboardData: 'clipboard' },
  openTypeSources: {},
  inputTypeSources: {},
  launchOptionApis: ['getLaunchOptionsSync', 'getEnterOptionsSync'],
  launchListenerApis: ['onAppShow'],
  storageReads: {
    getStorageSync: { key: arg(0), result: 'return' },
    getStorage: { key: opt('key'), result: 'success-data' },
  },
  sinks: {
    setStorageSync: { kind: 'storage', values: [arg(1)], key: arg(0) },
    setStorage: { kind: 'storage', values: [opt('data')], key: opt('key'), encryptOption: 'encrypt' },
    batchSetStorageSync: { kind: 'storage', values: [arg(0)] },
    batchSetStorage: { kind: 'storage', values: [opt('kvList')] },
    ...NETWORK,
    sendSocketMessage: { kind: 'network', values: [opt('data')] },
    ...NAVIGATION,
    navigateToMiniProgram: { kind: 'cross-app', values: [opt('extraData'), opt('path')] },
    navigateBackMiniProgram: { kind: 'cross-app', values: [opt('extraData')] },
    ...PRIVILEGED,
  },
  logManagerApis: ['getLogManager', 'getRealtimeLogManager'],
  eventAttribute: /^(?:capture-)?(?:bind|catch|mut-bind)(?::)?([a-z][\w-]*)$/i,
  permissionPrompts: PERMISSION_PROMPTS.wechat,
  source:
    'wechat-miniprogram/api-typings (lib.wx.api.d.ts: setStorage encrypt, navigateToMiniProgram extraData, getLaunchOptionsSync referrerInfo); WeChat storage and open-ability docs',
};

function sourcesFrom(platform: PlatformId, extra: Record<string, FlowLabel>): Pick<FlowCatalog, 'sourceApis' | 'openTypeSources' | 'inputTypeSources'> {
  const sourceApis: Record<string, FlowLabel> = { ...extra };
  const openTypeSources: Record<string, FlowLabel> = {};
  const inputTypeSources: Record<string, FlowLabel> = {};
  for (const entry of PLATFORM_PRIVACY[platform].interfaces) {
    if (NON_VALUE_DATA.has(entry.data)) continue;
    if (entry.kind === 'api') sourceApis[entry.name] = entry.data;
    if (entry.kind === 'open-type') openTypeSources[entry.name] = entry.data;
    if (entry.kind === 'input-type') inputTypeSources[entry.name] = entry.data;
  }
  return { sourceApis, openTypeSources, inputTypeSources };
}

const withSources = (platform: PlatformId, base: FlowCatalog, extra: Record<string, FlowLabel> = {}): FlowCatalog => ({
  ...base,
  permissionPrompts: PERMISSION_PROMPTS[platform],
  ...sourcesFrom(platform, { ...base.sourceApis, ...extra }),
});

/** Alipay: `my.getClipboard`/`setClipboard`, `my.getAuthCode`, `on*` event attributes, no encrypted storage. */
const ALIPAY: FlowCatalog = {
  ...WECHAT_LIKE,
  sourceApis: { getAuthCode: 'login-code', getClipboard: 'clipboard' },
  storageReads: {
    getStorageSync: { key: optOrArg('key', 0), result: 'return-data' },
    getStorage: { key: opt('key'), result: 'success-data' },
  },
  sinks: {
    ...WECHAT_LIKE.sinks,
    // Alipay's sync storage APIs take an options object and return `{ data }`; WeChat-style shims take `(key, data)`.
    setStorage: { kind: 'storage', values: [opt('data')], key: opt('key') },
    setStorageSync: { kind: 'storage', values: [optOrArg('data', 1)], key: optOrArg('key', 0) },
    setClipboard: { kind: 'clipboard', values: [opt('text')] },
    httpRequest: { kind: 'network', values: [opt('data'), opt('headers'), opt('url')], key: opt('url') },
    tradePay: { kind: 'payment', values: [arg(0)] },
    // Zhima credit rent's sign-and-pay step: `creditRentType: 'signPay'` with the order numbers (and amount) it charges.
    zmRentTransition: { kind: 'payment', values: [arg(0)] },
  },
  eventAttribute: /^(?:on|catch)([A-Z]\w*)$/,
  source: 'Alipay open docs (my.setStorage, my.setClipboard, my.getAuthCode, my.tradePay, my.navigateToMiniProgram extraData); Alipay API typings (@mini-types/alipay: my.zmRentTransition, creditRentType signPay, the amount it charges); event attributes onTap/catchTap',
};

export const FLOW_CATALOGS: Readonly<Record<PlatformId, FlowCatalog>> = {
  wechat: withSources('wechat', WECHAT_LIKE),
  qq: withSources('qq', WECHAT_LIKE),
  bytedance: withSources('bytedance', WECHAT_LIKE),
  baidu: withSources('baidu', WECHAT_LIKE),
  alipay: withSources('alipay', ALIPAY),
};

/** Console methods that write logs (any console: the device log is readable by the host app's tools). */
export const CONSOLE_METHODS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

/** Property names that never carry the data of the object they are read from. */
export const INERT_PROPERTIES: ReadonlySet<string> = new Set(['errMsg', 'errCode', 'errno', 'statusCode', 'length']);

/**
 * Fields that name a record or a kind rather than hold the object's personal data: an id of
 * something (`store_id`, `goodsId`, `user_id`), a role or type (`userType`, `role`), an error. Read
 * off a profile, a location or a credential, they carry what was written to them and what the
 * object came from (a page's query, a client's event), not the object's personal data. The
 * platform's identity fields (`openid`, `unionid`, Alipay's user id) and session ids are not among them.
 */
export const RECORD_FIELD = /^(?:id|[a-z][a-z0-9]*_id|[a-z][a-zA-Z0-9]*[a-z0-9]Id|user_?[tT]ype|role|error)$/;
export const IDENTITY_FIELD = /^(?:open_?id|union_?id|session_?id|ali_?pay_?user_?id|ali_?user_?id|ali_uid)$/i;

/** Methods whose result says something about a value without carrying it (`s.includes(x)`). */
export const INERT_METHODS: ReadonlySet<string> = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'test', 'has', 'some', 'every', 'findIndex', 'localeCompare', 'hasOwnProperty',
]);

/**
 * A test that checks a page's query before it is used: against a fixed origin, host included and
 * anchored (`url.startsWith('https://m.example.com/')`, `url.indexOf('https://m.example.com') === 0`,
 * `/^https:\/\/m\.example\.com\//.test(url)`), an allowlist, or a signature. Matched on the test's
 * text; a scheme alone (`startsWith('https://')`) or an unanchored `indexOf` is no check.
 */
export const QUERY_VALIDATION =
  /startsWith\(\s*['"`]https?:\/\/[\w-]+\.[^'"`\s]*['"`]|indexOf\(\s*['"`]https?:\/\/[\w-]+\.[^'"`\s]*['"`]\s*\)\s*===?\s*0|\^\s*https?:(?:\\?\/){2}[\w-]+\\?\.|\b(?:white|allow|trust|safe)[_-]?(?:list|domains?|hosts?)\b|\bsignature\b/i;

/** Names of functions that check a URL, a link or a signature (`isTrustedUrl(url)`, `verifySign(query)`, `checkDomain(x)`): calling one validates. */
export const VALIDATOR_NAME = /^(?:is(?:Trusted|Allowed|Safe|Whitelisted|Valid)(?:Url|Link|Host|Domain|Origin)|(?:verify|check|validate)(?:Sign|Signature|Url|Link|Domain|Host|Origin))/i;

/** Words in a function's name that say its result no longer reveals its input: hashes and ciphers (`md5`, `encryptData`, `sha256Hex`). */
export const SANITIZER_WORDS: ReadonlySet<string> = new Set([
  'encrypt', 'encrypted', 'encode64', 'hash', 'hashed', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha', 'hmac', 'cipher', 'digest', 'aes', 'rsa', 'sm2', 'sm3', 'sm4', 'bcrypt', 'scrypt', 'pbkdf2',
]);

/**
 * Calls the graph cannot tie to code in the bundle make fresh values (a library's API client returns
 * a server's response, not its arguments), except these well-known transformers, whose result is
 * made of their input: global functions, and methods of strings, numbers and arrays.
 */
export const PASS_THROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'String', 'Number', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'escape', 'unescape', 'parseInt', 'parseFloat', 'structuredClone', 'btoa', 'atob',
]);

/**
 * Vue 3's reactivity API, as uni-app and Taro builds call it (`e.reactive({...})`, `vue.ref(x)`): a
 * proxy of its argument (`reactive`) or a box holding it in `value` (`ref`). Taken as that, per call,
 * not linked into the framework's code, where every component's state would meet in one function.
 * Source: vuejs/core packages/reactivity (reactive.ts, ref.ts).
 */
export const REACTIVE_PROXIES: ReadonlySet<string> = new Set(['reactive', 'readonly', 'shallowReactive', 'shallowReadonly', 'markRaw', 'toRaw']);
export const REACTIVE_BOXES: ReadonlySet<string> = new Set(['ref', 'shallowRef']);

/**
 * regenerator-runtime's calls, which Babel compiles every async function and generator to: `mark`
 * returns the generator function it is given; `wrap` runs the body it is given (as a callback runs).
 * Source: facebook/regenerator, packages/runtime/runtime.js (`exports.mark`, `exports.wrap`).
 */
export const ASYNC_RUNTIME_METHODS: ReadonlyMap<string, 'returns-argument' | 'runs-argument'> = new Map([
  ['mark', 'returns-argument'],
  ['wrap', 'runs-argument'],
]);

/**
 * Arbitrary-precision number libraries that shops do their price arithmetic with: a number made by
 * `new BigNumber(x)` or `Decimal(x)`, and what any function of `NP` returns (`NP.times(a, b)`), are
 * made of their inputs. Their code, often shipped minified, is not followed: its digit arrays lose
 * the value. Sources: the API docs of MikeMcl/bignumber.js, decimal.js and big.js, and
 * nefe/number-precision.
 */
export const NUMBER_LIBRARIES: ReadonlySet<string> = new Set(['BigNumber', 'Decimal', 'Big', 'NP']);
/**
 * The arithmetic of those numbers, on whatever holds one (`total.plus(fee)`): results made of the
 * receiver and the arguments. Only names no collection, database or date API uses (not `add`,
 * `round` or `abs`).
 */
export const NUMBER_METHODS: ReadonlySet<string> = new Set([
  'plus', 'minus', 'times', 'div', 'dividedBy', 'multipliedBy', 'toNumber', 'integerValue', 'decimalPlaces', 'toDecimalPlaces',
]);

export const PASS_THROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString', 'toLocaleString', 'valueOf', 'toFixed', 'toPrecision', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr', 'concat', 'join', 'split',
  'replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'padStart', 'padEnd', 'repeat', 'charAt', 'at', 'flat', 'reverse', 'sort', 'toSorted', 'toReversed',
  'values', 'entries', 'fromEntries', 'from', 'of', 'assign', 'stringify', 'parse', 'normalize', 'match', 'matchAll',
]);
