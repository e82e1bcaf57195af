import { DISTINCTIVE_PLATFORM_METHODS, PLATFORM_OBJECT_EVIDENCE } from '../platforms/platform-methods.js';

const MEMBER_CALL = /(?:(\.)\s*|(?<![\w$.]))([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g;

/** What stands for the platform object in a script: variables and parameters, and properties it is kept in (`getApp().core`). */
export interface PlatformObjects {
  names: Set<string>;
  properties: Set<string>;
}

/**
 * Names and properties that, in `text`, stand for the platform's API object: each is called with at
 * least two of the methods only that object has (`e.setStorageSync(…)`, `e.showToast(…)`,
 * `getApp().core.setStorageSync(…)`). A text scan, shared by the analyses of one script (or one
 * module of a compiled bundle); `known` (`wx`, `uni`) are left out, as is `this`.
 */
export function platformObjectNames(text: string, known: ReadonlySet<string>, foreign: ReadonlySet<string> = NONE): PlatformObjects {
  const methods = new Map<string, Set<string>>();
  const webSdk = text.includes('jsApiList') ? new Set<string>() : undefined;
  for (const match of text.matchAll(MEMBER_CALL)) {
    const [, dot, name, method] = match as unknown as [string, string | undefined, string, string];
    const key = dot ? `.${name}` : name;
    if (method === 'ready') webSdk?.add(key);
    if (!DISTINCTIVE_PLATFORM_METHODS.has(method) || known.has(name) || name === 'this') continue;
    let seen = methods.get(key);
    if (!seen) methods.set(key, (seen = new Set()));
    seen.add(method);
  }
  const found: PlatformObjects = { names: new Set(), properties: new Set() };
  // uni-app's Vue 3 compiler puts the platform object in the `index` export of `common/vendor.js`
  // (`common_vendor.index.request(…)`, minified `t.index.request(…)`), whatever it is called with.
  if (UNI_VENDOR_REQUIRE.test(text)) found.properties.add('index');
  const elsewhere = foreign.size > 0 ? foreignAliases(text, foreign, known) : NONE;
  // Read only when a name has one such method: the wrappers are looked for in the whole text.
  let provided: ReadonlySet<string> | undefined;
  for (const [key, seen] of methods) {
    if (seen.size < PLATFORM_OBJECT_EVIDENCE && !(provided ??= providedPlatformParameters(text)).has(key)) continue;
    // WeChat's JS-SDK for web pages (`jweixin`), shipped by ports of an H5 app: `o.config({ jsApiList })`, `o.ready(…)`, then
    // `o.getLocation(…)`. Its methods share the platform's names, but it runs in a browser, not in the mini-app.
    if (elsewhere.has(key) || webSdk?.has(key)) continue;
    if (key.startsWith('.')) found.properties.add(key.slice(1));
    else found.names.add(key);
  }
  return found;
}

const NONE: ReadonlySet<string> = new Set();

/** `"543d": function (e, t, n) { "use strict"; (function (e, t) {`: a module of a webpack bundle whose code is wrapped in a function. */
const MODULE_WRAPPER = /(?:^|:\s*function\s*\([\w$,\s]*\)\s*\{)\s*(?:["']use strict["'];?\s*)?\(\s*function\s*\(([\w$,\s]*)\)\s*\{/g;
/** `}).call(this, n("3223").default, n("543d")["default"])`: such a wrapper called with other modules' exports. */
const WRAPPER_CALL = /\}\s*\)\s*\.call\(\s*this\s*((?:,\s*[\w$]+\(\s*["'][\w$./-]+["']\s*\)\s*(?:\[\s*["'][\w$]+["']\s*\]|\.[\w$]+)?\s*)+)\)/g;
const DEFAULT_EXPORT = /(?:\[\s*["']default["']\s*\]|\.default)\s*$/;

/**
 * uni-app's Vue 2 build hands `uni` (and in newer builds `wx` too) to each module through webpack's
 * ProvidePlugin, as parameters of a wrapper around the module's code:
 * `(function (e, t) { … }).call(this, n("3223").default, n("543d")["default"])`. A parameter given a
 * module's default export needs one of the platform's distinctive methods, not two, to be taken for
 * the platform object (a request helper calls `e.request` and `e.showToast` only). Modules follow one
 * another, so each wrapper is closed by the first such call after it and before the next wrapper.
 */
function providedPlatformParameters(text: string): ReadonlySet<string> {
  if (!text.includes('.call(this')) return NONE;
  const calls = [...text.matchAll(WRAPPER_CALL)];
  if (calls.length === 0) return NONE;
  const wrappers = [...text.matchAll(MODULE_WRAPPER)];
  const names = new Set<string>();
  let next = 0;
  wrappers.forEach((wrapper, index) => {
    const end = wrappers[index + 1]?.index ?? text.length;
    while (next < calls.length && calls[next]!.index! < wrapper.index!) next++;
    const call = calls[next];
    if (!call || call.index! >= end) return;
    const parameters = wrapper[1]!.split(',').map((name) => name.trim());
    call[1]!.split(',').slice(1).forEach((argument, position) => {
      if (DEFAULT_EXPORT.test(argument) && parameters[position]) names.add(parameters[position]!);
    });
  });
  return names;
}

/**
 * `var me = my`: a variable declared as a global, and `me = wx`: a plain assignment of one. Only the
 * declarations count against a name: minified code reuses one-letter names across functions, and a
 * bare `t=my` in one function (a platform chooser) says nothing of `t` in the next.
 */
const GLOBAL_ASSIGNMENT = /(\b(?:var|let|const)\s+)?(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*([A-Za-z_$][\w$]*)(?=[ \t]*(?:[;,)}]|\/[/*]|\r?\n(?![ \t]*[.(\[])|$))/g;

/** A parenthesised list followed by `=>` or `{`, with what stands before it (`function f`, a method name, a keyword). */
const PARAMETER_LIST = /(?:\bfunction\b\s*[\w$]*|(?<![\w$])([A-Za-z_$][\w$]*))?\s*\(([^()]*)\)\s*(?:=>|\{)/g;
const ARROW_PARAMETER = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*=>/g;
const CONTROL_KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return']);

/** Every name a function in `text` takes as a parameter: there it may be handed this platform's object (`(function (e) { … })(wx)`). */
function parameterNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, before, list] of text.matchAll(PARAMETER_LIST)) {
    if (before !== undefined && CONTROL_KEYWORDS.has(before)) continue;
    for (const part of list!.split(',')) {
      const name = /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)\s*(?:=|$)/.exec(part)?.[1];
      if (name) names.add(name);
    }
  }
  for (const [, name] of text.matchAll(ARROW_PARAMETER)) names.add(name!);
  return names;
}

/**
 * Names bound only to another platform's global: a cross-platform library's Alipay adaptor
 * (`var me = my`) shipped in a WeChat bundle calls `me.getLocation`, and that is not WeChat's API,
 * which never runs there (`my` does not exist in WeChat). A name also bound to this platform's own
 * global is a run-time choice between platforms (`t = wx` in one branch, `t = my` in another).
 */
function foreignAliases(text: string, foreign: ReadonlySet<string>, own: ReadonlySet<string>): Set<string> {
  const foreignOnly = new Set<string>();
  const ownToo = new Set<string>();
  for (const [, declared, name, value] of text.matchAll(GLOBAL_ASSIGNMENT)) {
    if (declared && foreign.has(value!)) foreignOnly.add(name!);
    else if (own.has(value!)) ownToo.add(name!);
  }
  for (const name of ownToo) foreignOnly.delete(name);
  // Minified code reuses names across functions: a parameter of the same name may be the platform.
  if (foreignOnly.size > 0) for (const name of parameterNames(text)) foreignOnly.delete(name);
  return foreignOnly;
}

/** `.navigateTo(` or `.paymentInfo` after a name: the member, and `(` when it is called. */
const MEMBER_AFTER = /^\s*\.\s*([A-Za-z_$][\w$]*)\s*(\(?)/;
/** Fields of the platform object read without a call (`wx.env.USER_DATA_PATH`, `wx.cloud.callFunction`); plugins add theirs under `$` (uView's `uni.$u`). */
const PLATFORM_PROPERTIES: ReadonlySet<string> = new Set(['env', 'cloud', 'ai', 'serviceMarket', 'worklet', 'apiCategory']);

/**
 * Whether one binding of a name the text scan took for the platform object stands for it, judged by
 * what follows each of its uses in `text` (`ends`: where each use ends): it does unless the code reads
 * data off it (`t.paymentInfo`), and a binding the platform's distinctive methods are called on twice
 * does whatever else is read off it.
 */
export function bindingHoldsPlatform(text: string, ends: Iterable<number>): boolean {
  const methods = new Set<string>();
  let data = false;
  for (const end of ends) {
    const member = MEMBER_AFTER.exec(text.slice(end, end + 80));
    if (!member) continue;
    const [, name, call] = member as unknown as [string, string, string];
    if (call === '(' && DISTINCTIVE_PLATFORM_METHODS.has(name)) methods.add(name);
    else if (call !== '(' && !PLATFORM_PROPERTIES.has(name) && !name.startsWith('$')) data = true;
  }
  return methods.size >= PLATFORM_OBJECT_EVIDENCE || !data;
}

const UNI_VENDOR_REQUIRE = /\brequire\(\s*["'](?:\.{1,2}\/)+(?:[\w$-]+\/)*common\/vendor\.js["']\s*\)/;

const WEBPACK_IMPORT = /^(.+?)__WEBPACK_IMPORTED_MODULE_\d+__(?:_default)?$/;

/**
 * The framework namespace webpack's name for an import stands for: `@tarojs/taro` imported in a
 * webpack build becomes `_tarojs_taro__WEBPACK_IMPORTED_MODULE_0__`, and its default export
 * `_tarojs_taro__WEBPACK_IMPORTED_MODULE_0___default()`.
 */
export function webpackImportNamespace(name: string, modules: Readonly<Record<string, string>>): string | undefined {
  const prefix = WEBPACK_IMPORT.exec(name)?.[1];
  if (prefix === undefined) return undefined;
  for (const [specifier, namespace] of Object.entries(modules)) if (specifier.replace(/[^\w$]/g, '_') === prefix) return namespace;
  return undefined;
}
