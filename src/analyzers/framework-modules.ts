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
