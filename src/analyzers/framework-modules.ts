import { own } from '../util/own.js';

/** Helpers compilers wrap a required module in: Babel's `_interopRequireDefault`/`_interopRequireWildcard`, TypeScript's `__importDefault`/`__importStar`. */
export const INTEROP_HELPER = /^_*interopRequire(?:Default|Wildcard)$|^__import(?:Default|Star)$/;

/** The argument of a compiler's interop helper (`_interopRequireDefault(x)`, `__importDefault(x)`). */
export function interopArgument<T extends { type: string }>(node: T): T | undefined {
  const call = node as unknown as { type: string; callee?: { type: string; name?: string }; arguments?: T[] };
  if (call.type !== 'CallExpression' || call.arguments?.length !== 1 || call.callee?.type !== 'Identifier' || !INTEROP_HELPER.test(call.callee.name ?? '')) return undefined;
  return call.arguments[0];
}

/** A package's folder in a build's copy of its dependencies: `npm/` (wepy 1, Taro 1 and 2), `miniprogram_npm/`, `node_modules/`. */
const VENDORED = /(?:^|\/)(?:npm|miniprogram_npm|node_modules)\/((?:@[\w.-]+\/)?[\w.-]+)(?:\/(.*))?$/;

/**
 * The framework namespace a module specifier loads: the package by name (`@tarojs/taro`), or a
 * build's copy of the package's entry (`../../npm/wepy/lib/wepy.js`,
 * `../npm/@tarojs/taro-weapp/index.js`). Other files of the package (`wepy/lib/event.js`) are not
 * the namespace.
 */
export function frameworkOfModule(specifier: string, modules: Readonly<Record<string, string>>): string | undefined {
  const named = own(modules, specifier);
  if (named !== undefined) return named;
  const vendored = VENDORED.exec(specifier);
  if (!vendored) return undefined;
  const [, name, entry = ''] = vendored as unknown as [string, string, string | undefined];
  const namespace = own(modules, name);
  return namespace !== undefined && isPackageEntry(entry, name) ? namespace : undefined;
}

/** `''`, `index.js`, `dist/index.js`, or the file named for the package (`lib/wepy.js`). */
function isPackageEntry(entry: string, name: string): boolean {
  const path = entry.replace(/\.js$/, '');
  const base = name.slice(name.lastIndexOf('/') + 1);
  return path === '' || path === 'index' || /^(?:lib|dist)\/index$/.test(path) || path === `lib/${base}` || path === `dist/${base}`;
}

/** The key `frameworkModules` holds a numbered module of a webpack build under (`webpack:92954`). */
export function webpackModuleKey(id: string | number): string {
  return `webpack:${id}`;
}

/** The id a call with one literal argument names, as webpack's require is called (`n("ad34")`, `t(92954)`); undefined for other calls. */
export function webpackModuleId(call: { type: string }): string | undefined {
  const { arguments: args } = call as unknown as { arguments?: { type: string; value?: unknown }[] };
  if (call.type !== 'CallExpression' || args?.length !== 1 || args[0]!.type !== 'Literal') return undefined;
  const value = args[0]!.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** `n(92954)`, `t("4rm4")`: webpack's require of a module by id, as its key (`webpackModuleKey`); undefined for other calls. */
export function webpackRequireKey(node: { type: string }): string | undefined {
  const callee = (node as unknown as { callee?: { type: string; name?: string } }).callee;
  if (callee?.type !== 'Identifier' || callee.name === 'require') return undefined;
  const id = webpackModuleId(node);
  return id === undefined ? undefined : webpackModuleKey(id);
}

/** `t.n(u)`: webpack's getter of module `u`'s default export, read as `d()` or `d.a`; returns `u`. */
export function webpackGetterArgument<T extends { type: string }>(node: T): T | undefined {
  const call = node as unknown as { type: string; callee?: { type: string; computed?: boolean; object?: { type: string }; property?: { type: string; name?: string } }; arguments?: T[] };
  const callee = call.callee;
  if (call.type !== 'CallExpression' || call.arguments?.length !== 1 || callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  return callee.object?.type === 'Identifier' && callee.property?.name === 'n' ? call.arguments[0] : undefined;
}

/** `i.call("initNativeApi", o)`: Taro 3's `@tarojs/taro` entry handing its namespace to the platform's runtime hook. */
const TARO_API_HOOK = /\.call\(\s*["']initNativeApi["']\s*,\s*([\w$]+)\s*\)/g;
/** `92954: function (e, t, n) {`, `"4rm4": (e, t, n) => {`: where a module of a webpack chunk starts, and its id. */
const CHUNK_MODULE_START = /(?:["']([^"'\s]{1,200})["']|\b(\d{1,12}))\s*:\s*(?:function\s*\(\s*[\w$]+(?:\s*,\s*[\w$]+){0,2}\s*\)|\(\s*[\w$]+(?:\s*,\s*[\w$]+){0,2}\s*\)\s*=>)\s*\{/g;
/** How far before the hook a module's start is looked for: the entry is three statements long. */
const ENTRY_SPAN = 1_000;

/**
 * The numbered modules of a production webpack build that are a framework's namespace. Taro 3
 * bundles `@tarojs/taro` under a number (`t(92954)`), and its entry is always the same three
 * statements: take the API object, hand it to the `initNativeApi` hook, export it
 * (`i.call("initNativeApi", o), e.exports = o`). A development build keeps the package's name
 * (`webpackImportNamespace`).
 */
export function webpackFrameworkModules(texts: Iterable<string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const text of texts) {
    if (!text.includes('initNativeApi')) continue;
    for (const hook of text.matchAll(TARO_API_HOOK)) {
      const exported = new RegExp(`exports\\s*=\\s*${hook[1]!.replace(/\$/g, '\\$')}(?![\\w$])`);
      if (!exported.test(text.slice(hook.index!, hook.index! + ENTRY_SPAN))) continue;
      const id = lastModuleStart(text.slice(Math.max(0, hook.index! - ENTRY_SPAN), hook.index!));
      if (id !== undefined) found[webpackModuleKey(id)] = 'Taro';
    }
  }
  return found;
}

function lastModuleStart(text: string): string | undefined {
  let id: string | undefined;
  for (const start of text.matchAll(CHUNK_MODULE_START)) id = start[1] ?? start[2];
  return id;
}
