import type { FlowLabel, SinkKind } from '../../platforms/flows.js';
import type { Region, SourceLocation } from '../../types.js';

/**
 * What one module (or one template) contributes to the project's value-flow graph. Nodes are
 * string keys, so fragments from different files meet where their keys agree:
 *   v:<file>@<offset>   a variable             f:<file>@<offset>  a function (#p0 … parameters, #r return)
 *   i:<file>            a Page/Component       app                the App instance (getApp())
 *   m:<file>            a module's exports     s:<key>            a storage key
 *   q:<page>            a page's launch query  c:<name>           an event channel event
 *   e:<file>:<event>    a component event      t:<file>@<offset>  a temporary (object literal, call result)
 *   x:<name>            a method the app adds to the platform object (`wx.goPage = …`)
 *   f:…#set             what a function writes on its own `this` (given back to each receiver)
 * A field is `<key>.<name>` (`[]` for array elements).
 */

/** The App instance or a page's or component's: `app`, `i:<file>`. */
export function isInstanceKey(key: string): boolean {
  return key === 'app' || (key.startsWith('i:') && !key.includes('.'));
}

/** An expression's value: the node it is, or (shallow) only that node's own value and not its fields. */
export interface Ref {
  key: string;
  shallow?: boolean;
}

/** The text a fragment's nodes point into, and how offsets there become regions. */
export interface FlowUnit {
  file: string;
  text: string;
  region(start: number, end: number): Region;
}

/**
 * Where a node first occurs. Kept as offsets and turned into a location and a label only for the
 * few nodes on a reported path: most nodes of a large app are never shown.
 */
export type NodeInfo = {
  /** The node as written, for messages (`this.data.phone`, `res`); else the code at the offsets. */
  label?: string;
  /** The function the node belongs to. */
  owner?: string;
} & ({ location: SourceLocation } | { unit: FlowUnit; start: number; end: number });

const LABEL_LENGTH = 48;

export function compactLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LABEL_LENGTH ? `${flat.slice(0, LABEL_LENGTH - 1)}…` : flat;
}

export function nodeLocation(info: NodeInfo): SourceLocation {
  return 'location' in info ? info.location : { file: info.unit.file, region: info.unit.region(info.start, info.end) };
}

export function nodeLabel(info: NodeInfo): string {
  if (info.label !== undefined) return info.label;
  return 'unit' in info ? compactLabel(info.unit.text.slice(info.start, Math.min(info.end, info.start + LABEL_LENGTH * 2))) : '';
}

export interface SourceRecord {
  key: string;
  label: FlowLabel;
  /** What the value is and where it comes from, for paths: `location from wx.getLocation`. */
  description: string;
  /** Where it comes from, for messages: `from wx.getLocation`, `a value named openid`. */
  origin: string;
  location: SourceLocation;
  owner?: string;
  /** For a `named` or `key-name` source: what the name says the value is. */
  named?: FlowLabel;
  /**
   * For a `key-name` source: the string itself; an `insecure-url`: the URL; an `sdk-handle`: the
   * SDK's id; a platform interface's value: the interface (`getLocation`, `getPhoneNumber`).
   */
  text?: string;
  /** For a `page-query` source: the route of the page whose query it is. */
  page?: string;
  /** Read in a catalogued tracking SDK's own code (ExtractOptions.trackerSdk). */
  trackerSdk?: true;
}

export interface SinkRecord {
  kind: SinkKind;
  /** `wx.setStorageSync`, `console.log`, `<web-view src>`. */
  api: string;
  inputs: Ref[];
  /** A storage key computed at run time: the names it may carry are evidence. */
  keyInputs?: Ref[];
  /** For a database call in server code: what the `if` tests around it read, which decide whether it runs. */
  conditionInputs?: Ref[];
  /** For a network, navigation or web-view sink: the URL's own value, searched back for plain-HTTP URLs that start it. */
  urlInputs?: Ref[];
  /**
   * For a sink judged at a helper's call whose endpoint the call does not name (it passes its own
   * parameter on): the arguments the URL is made of, searched at the next helper out (parameter-sinks.ts).
   */
  endpointInputs?: Ref[];
  location: SourceLocation;
  owner?: string;
  /** Storage key, when constant. */
  storageKey?: string;
  /** A key read from a property the analysis cannot evaluate (`this.data.userKey`): the entry that name keeps, whose reads tell what it holds. */
  namedEntry?: string;
  /** A key built at run time after a constant start: the start (`shop_cache_` of `'shop_cache_' + code`), which may say whose entry it is. */
  keyStart?: string;
  /** A key computed at run time: the name it is written with (`KEYS.USER_INFO` → `USER_INFO`), which says what is kept under it. */
  keyName?: string;
  /** The known start of the URL (network, navigation, web-view). */
  url?: string;
  /** When the URL's start is not known (`${host}/goods/save/${id}`): the text written in it, if that names an endpoint. */
  urlText?: string;
  /** For a `page-handover`: the route of the page whose query receives the value, and the query parameter (absent: the whole query). */
  page?: string;
  queryField?: string;
  /** `encrypt: true` on an async storage write. */
  encrypted?: boolean;
  /** The written value is a literal or built from literals and clocks only. */
  inert?: boolean;
  /** For an `sdk-call`: the method called and its first arguments where they are constant strings (event names). */
  method?: string;
  literals?: (string | null)[];
  /** Names the value is written under (`phone` in `setStorageSync('k', phone)`), for name evidence. */
  valueNames?: string[];
  /** A storage key built at run time that ends in constant text (`k + 'CountDown'`): that text. */
  keyEnd?: string;
  thirdParty?: boolean;
  /** Written by a catalogued tracking SDK's own code (ExtractOptions.trackerSdk). */
  trackerSdk?: true;
  /**
   * A storage write whose key and value are parameters of the function it is in (`set(key, value) {
   * wx.setStorageSync(key, value) }`): the key is chosen by each caller, so each call is judged as a
   * write of its own (see wrapper-sinks.ts).
   */
  wrapper?: {
    key: number;
    value: number;
    /** A parameter that switches the write on (`set(key, value, persist) { if (persist) … }`): a call without it, or with a falsy literal, writes nothing. */
    when?: number;
    /** The switch has a default that turns the write on (`persist = true`): a call that leaves it out writes. */
    whenByDefault?: true;
    /** The wrapper whose parameters they are, when the write sits in a closure inside it (`new Promise((resolve) => wx.setStorage({ key, data }))`). */
    owner?: string;
  };
  /** For a write judged at a wrapper's call: the write inside the wrapper. */
  writtenBy?: SourceLocation;
  /** For a sink judged at a call of the function it is in (parameter-sinks.ts): the sink inside. */
  judgedFrom?: SourceLocation;
  /**
   * For a storage write under a constant key: the fields its entry is read or written with anywhere in
   * the project (`nick_name` of `getStorageSync('u').nick_name`), which tell what the entry holds.
   */
  entryFields?: string[];
  /** The names a read of the entry is put under a few copies on (`t.token = read.id`): see entry-uses.ts. */
  entryPutUnder?: string[];
  /** For a sink judged at a call: the name of the function called (`createOrder` of `orderService.createOrder(trade)`), which says what a request is for when its URL is unknown. */
  calledAs?: string;
  /**
   * For a sink whose function's every call was judged on its own: the arguments of those calls. A
   * value that enters through one of them is that call's to report, not this sink's.
   */
  judgedArguments?: string[];
  /** The sink is in server code (a cloud function): its logs are the server's, not the device's. */
  server?: true;
  /** For a database call in a cloud function: what the operation does, and whether a condition is passed whole (`where(event.query)`). */
  database?: { operation: 'write' | 'remove' | 'read'; wholeCondition: boolean };
}

/** What a call's argument is, as written: its string, the name it is read under, whether it is a literal. */
export interface ArgumentFacts {
  text?: string;
  name?: string;
  inert?: true;
  /** A literal that is false, 0, '' or null. */
  falsy?: true;
  /** A name or a chain of fields (`map.page`), as written: what the function's own literal writes to it give (FlowFragment.literalWrites). */
  path?: string;
  /**
   * For a string built with `+` or a template: the text written in it (`/api/order/create` of
   * `HOST + '/api/order/create'`); for an options object, that of its `url`.
   */
  pieces?: string;
}

/** A call the extractor could not tie to a function: resolved at link time through the graph. */
export interface CallSite {
  callees: string[];
  args: Ref[][];
  /** Permissions the `if` tests around the call leave granted (getSetting's `authSetting`): a prompt the callee asks shows no dialog from here. */
  granted?: readonly string[];
  receiver?: Ref[];
  /** Node receiving the call's result. */
  result: string;
  /** Tied to no function, the call still makes its result from its arguments and receiver (`s.trim()`, `encodeURIComponent(s)`). */
  passThrough?: boolean;
  /** The callee is a parameter or one of its fields (`callback()`, `options.success()`): what it runs, each caller decides. */
  viaParameter?: true;
  owner?: string;
  /** The receiver is the calling function's own `this` (not a page's or the app's): that function, whose `this` gets what the callee writes on it. */
  thisOwner?: string;
  /** The first arguments as written, when one of them is a literal or a name (for calls of storage wrappers), and where the call is. */
  argumentFacts?: (ArgumentFacts | null)[];
  site?: NodeInfo;
  /** For a call with a site: the name of the function called (`createOrder` of `orderService.createOrder(trade)`). */
  calledAs?: string;
  /** `f.call(ctx, a)`: the arguments are the call's own, written one place later (no argumentFacts). */
  shifted?: true;
}

/**
 * A call that matters to what the user is asked and when: a permission prompt, a dialog that lets
 * the user choose, or the settings page (see platforms/permission-prompts.ts). Its callbacks are
 * the nodes passed as `success`, `fail` and `complete`, tied to functions at link time.
 */
export interface ControlCall {
  role: 'prompt' | 'choice' | 'settings';
  method: string;
  /** `wx.getLocation`, as written. */
  api: string;
  owner?: string;
  location: SourceLocation;
  callbacks: { success: string[]; fail: string[]; complete: string[] };
  /** A choice dialog the user cannot decline (`showCancel: false`, a one-button alert). */
  forced?: true;
  /**
   * A prompt whose options make it silent (`getAuthCode({ scopes: 'auth_base' })`), or a settings
   * page that does not open by itself on load: only after a tap, or in answer to a failure.
   */
  silent?: true;
  /** `authorize({ scope })` when constant. */
  scope?: string;
  /** The permission a prompt asks for: its scope, or the scope the platform names for the API (`scope.writePhotosAlbum`). */
  permission?: string;
  /** In a shipped third-party package (`miniprogram_npm`, an SDK). */
  thirdParty?: true;
}

export interface FlowFragment {
  file: string;
  /** The file's id (FileIds) when it is library code (ExtractOptions.library). */
  libraryFile?: string;
  nodes: Map<string, NodeInfo>;
  /** Structural copies: the target gets the source's value and, field by field, its fields. */
  copies: [string, string][];
  sources: SourceRecord[];
  sinks: SinkRecord[];
  calls: CallSite[];
  /** Function literals (and their parameter counts). */
  functions: Set<string>;
  /** Function → enclosing function, for guards that cover nested callbacks. */
  parents: Map<string, string>;
  /**
   * Function literals written where a call receives them (`setTimeout(() => …)`, `{ success() {…} }`
   * in a call's options, an IIFE): they run when that call does, unlike a literal stored for later.
   */
  handedToCalls: Set<string>;
  /** Functions that compare an app id with expected ids (a referrer guard). */
  guarded: Set<string>;
  /** Functions that check a value against a fixed origin, an allowlist or a signature (what validates a page's query). */
  validated: Set<string>;
  /** Page instances (`i:<file>` of a `Page({...})`), which `getCurrentPages()` may return. */
  pages: Set<string>;
  /**
   * Variables and fields given a plain value more than once in this module (`let base = 'http://…';
   * base = SECURE`): the graph merges the writes, so a value there may be replaced before use.
   */
  rewritten: Set<string>;
  /** Functions that return a storage read under the key a parameter gives (`getItem(key)`): function → the key's position. */
  storageReaders: Map<string, number>;
  controlCalls: ControlCall[];
  /**
   * Fields a function writes on its own `this` (`this.pageQuery = query`, `Object.assign(this, { … })`):
   * [function, field]. A method shared by many objects (a mixin spread into pages) writes them on
   * whichever object it is called on, so each call's receiver gets them back.
   */
  thisWrites: [string, string][];
  /**
   * Functions whose arguments reach only the string they return (pure-functions.ts), with the
   * positions of the parameters that can start it: each call makes its result from its own
   * arguments, so callers' values do not meet in the helper.
   */
  valueHelpers: Map<string, number[]>;
  /** Copy helpers (`clone(obj)`) → the parameter each call's result is a copy of (see pure-functions.ts). */
  copyHelpers: Map<string, number>;
  /** Babel's interop wrapper under any name (interop-wrapper.ts): each call's result is its own argument, itself and as `.default`. */
  interopWrappers: Set<string>;
  /** Functions whose result is made only from their parameters (derived-returns.ts): each call's result is made from its own arguments. */
  derivedHelpers: Set<string>;
  /**
   * `import x from './m'`: [m's exports node, x]. x gets m's `default` export, or, when m has none
   * (a CommonJS module), its exports whole, as Babel's and webpack's interop give it.
   */
  defaultImports: [string, string][];
  /**
   * Short name-like strings a function writes to a name or field chain (`map.page = 'web-view'`):
   * [`<function>\0<chain>`, string]. A router called with that chain (`go(map.page, map.query)`)
   * may open each of them.
   */
  literalWrites: [string, string][];
}

export function emptyFragment(file: string): FlowFragment {
  return { file, nodes: new Map(), copies: [], sources: [], sinks: [], calls: [], functions: new Set(), parents: new Map(), handedToCalls: new Set(), guarded: new Set(), validated: new Set(), pages: new Set(), rewritten: new Set(), storageReaders: new Map(), controlCalls: [], thisWrites: [], valueHelpers: new Map(), copyHelpers: new Map(), interopWrappers: new Set(), derivedHelpers: new Set(), defaultImports: [], literalWrites: [] };
}

/** Suffix of the node that joins the tail of a string (what follows its first operand) to the string. */
export const TAIL = '~tail';
/** `t:…~parsed`: what `JSON.parse` makes of a string, a record whose every field the string's writer chose. */
export const PARSED = '~parsed';
/** `k~record`: k's own value as a field that names a record carries it, its personal data left out (RECORD_FIELD). */
export const RECORD_VIEW = '~record';

/** The page stack of `getCurrentPages()`; its elements stand for every page instance. */
export const PAGE_STACK = 'pages';

/**
 * What plugins put on Vue's prototype (`Vue.prototype.$api = api` in a uni-app or mpvue build's
 * main.js): every Vue instance reads it as `this.$api`.
 */
export const VUE_PROTOTYPE = 'vue-prototype';

/** The key of a field; the path is capped so recursive structures stay finite. */
export const MAX_FIELD_DEPTH = 6;

export function fieldKey(base: string, name: string): string | undefined {
  let depth = 0;
  for (let index = base.indexOf('.'); index !== -1; index = base.indexOf('.', index + 1)) depth++;
  return depth >= MAX_FIELD_DEPTH ? undefined : `${base}.${name}`;
}

/** Text inside a key (a path, a storage key, an event name) with its dots masked, so dots only ever separate fields. */
/** The fields a function writes on its own `this`, apart from the `this` itself (see FlowFragment.thisWrites). */
export const SET_SUFFIX = '#set';

/** The node of a method the app adds to the platform object, whichever alias (`wx`, `my`) writes or calls it. */
export function extensionKey(method: string): string {
  return `x:${keyText(method)}`;
}

/** `~token`: the field in which an object keeps what its field `token` is named (extract-patterns.ts `field`); never the code's own. */
export function hiddenField(name: string): string {
  return `~${name}`;
}

export function isHiddenField(name: string): boolean {
  return name.startsWith('~');
}

/** The node of the storage entry under a constant key. */
export function storageEntry(key: string): string {
  return `s:${keyText(key)}`;
}

export function keyText(text: string): string {
  return text.replace(/\./g, '\u2024');
}

/** The text a key part was made from by keyText (`pages/a.b` from `pages/a\u2024b`). */
export function textOfKey(part: string): string {
  return part.replace(/\u2024/g, '.');
}

/** Key prefixes that name a node of one file, followed by the file's id: `v:<id>@…`, `f:`, `m:`, `i:`, `e:`, `t:`, `src:`. */
const FILE_KEY_PREFIXES = new Set(['v', 'f', 'm', 'i', 'e', 't', 'src']);

/** The id (FileIds) of the file a node's key belongs to; undefined for the project's shared nodes (storage, queries, channels). */
export function fileOfKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon < 1 || colon > 3 || !FILE_KEY_PREFIXES.has(key.slice(0, colon))) return undefined;
  let end = colon + 1;
  while (end < key.length && isFileIdCharacter(key.charCodeAt(end))) end++;
  return end > colon + 1 ? key.slice(colon + 1, end) : undefined;
}

/** FileIds are base-36 numbers. */
function isFileIdCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

/**
 * Short ids for the files of one project, used inside keys in place of paths: keys stay short
 * (hashing and memory), and the same file gets the same id in every fragment of the project.
 */
export class FileIds {
  private readonly ids = new Map<string, string>();

  of(path: string): string {
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.ids.size.toString(36);
      this.ids.set(path, id);
    }
    return id;
  }
}
