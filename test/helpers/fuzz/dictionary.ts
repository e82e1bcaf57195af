/**
 * The fuzz dictionary of names that Object.prototype (and promises) already define. A lookup in a
 * plain object keyed by text from a bundle finds these even when the table never listed them
 * (`TABLE['toString']` is a function), so each mutator puts them wherever a bundle holds a name:
 * identifiers, property names, storage keys, page paths, file names, app.json keys, component and
 * template names, handler and event names, module specifiers. fixtures/prototype-names is the seed
 * project that uses them everywhere.
 */
import type { Rng } from './prng.js';

export const PROTOTYPE_NAMES: readonly string[] = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then'];

/** `N` in each pattern stands for one of the names. */
const expand = (patterns: readonly string[]): string[] => PROTOTYPE_NAMES.flatMap((name) => patterns.map((pattern) => pattern.split('N').join(name)));

/** Script snippets: the name as identifier, called method, property, storage key, module, page path, event, handler. */
export const PROTOTYPE_JS_SNIPPETS: readonly string[] = expand([
  'N', 'N.call(x)', 'N()', 'N.has(x)', 'N.N', 'x.N', 'wx.N()', "wx['N']()", 'const N = 1;', 'var { N } = wx;', 'Object.assign(N, {});',
  'Reflect.set(N, "a", 1);', 'N.prototype = {};', 'delete N.N;', '{ N: 1 }', '{ N() {} }', "{ 'N': wx.getLocation }",
  "wx.setStorageSync('N', 1);", "wx.getStorageSync('N')", "wx.getStorage({ key: 'N' })", "require('N')", "require('./N')",
  "import N from 'N';", "import * as N from './N.js';", "export { N } from '../N';", "wx.navigateTo({ url: '/pages/N/index?N=1' })",
  "this.setData({ N: 1, 'N.N': 2 })", "this.triggerEvent('N', {})", "wx.reportAnalytics('N', { N: 1 })", 'Page({ N(e) {} })',
  'Component({ properties: { N: String }, methods: { N() {} } })', 'getApp().N', 'module.exports.N = N;', 'exports.N = 1;',
  "wx.createSelectorQuery().select('#N')", "new N()", 'class N {}', 'function N(N) { return N; }',
]);

/** Template snippets: component tags, template names, handlers, attributes, open-types, input types, bindings. */
export const PROTOTYPE_WXML_SNIPPETS: readonly string[] = expand([
  '<N/>', '<N></N>', '<N N="{{N}}"/>', '<template name="N"><view/></template>', '<template is="N" data="{{...N}}"/>', '<template is="N"/>',
  'bindtap="N"', 'bind:N="N"', 'catchN="x"', 'N="x"', 'data-N="{{N}}"', '<view bindtap="N">{{N.N}}</view>', '<button open-type="N"/>',
  '<button open-type="getPhoneNumber|N" bindgetphonenumber="N"/>', '<input type="N" bindinput="N" model:value="{{N}}"/>',
  '<wxs module="N">module.exports = { N: 1 };</wxs>', '<wxs src="./N.wxs" module="N"/>', '<import src="/N/N.wxml"/>',
  '<include src="../N/index.wxml"/>', '<web-view src="{{N}}"/>', 'wx:for="{{N}}" wx:key="N"',
]);

/** JSON snippets: manifest keys, usingComponents, page paths, private infos, scopes. */
export const PROTOTYPE_JSON_SNIPPETS: readonly string[] = expand([
  '"N": {}', '"N": 1', '"N": "N"', '"N",', '"pages/N/index",', '"usingComponents": {"N": "/components/N/N"}', '"pages": ["pages/N/index"]',
  '"requiredPrivateInfos": ["N"]', '"permission": {"scope.N": {"desc": "x"}, "N": {"desc": "x"}}', '"plugins": {"N": {"provider": "N"}}',
  '"subPackages": [{"root": "N", "pages": ["N/N"]}]', '"window": {"N": {"N": true}}',
]);

/** JSON string values naming pages, components and APIs after the names. */
export const PROTOTYPE_JSON_VALUES: readonly string[] = [...PROTOTYPE_NAMES, ...expand(['pages/N/index', '/components/N/N', 'scope.N', 'N/N'])];

/** Files named after the names: pages, components, modules, templates, configs. */
export const PROTOTYPE_FILE_NAMES: readonly string[] = expand([
  'pages/N/index.js', 'pages/N/index.wxml', 'pages/N/index.json', 'components/N/N.js', 'components/N/N.json', 'N.js', 'utils/N.js',
  'N/N.wxs', 'N.wxml', 'N.json',
]);

const WORD = /(?<![\w$])[A-Za-z_$][\w$]*(?![\w$])/g;

/** Words a rename leaves alone: keywords, the module wrappers and file extensions, which would only break the input. */
const KEEP = new Set([
  'function', 'var', 'let', 'const', 'return', 'if', 'else', 'for', 'while', 'do', 'new', 'this', 'typeof', 'import', 'export', 'from',
  'default', 'class', 'extends', 'true', 'false', 'null', 'undefined', 'require', 'module', 'exports', 'define', 'async', 'await',
  'js', 'ts', 'json', 'wxml', 'wxss', 'wxs', 'axml', 'acss', 'sjs', 'ttml', 'swan', 'qml', 'wxapkg',
]);

/** A word (identifier, key, path segment) of the text, if it has one. */
export function pickWord(rng: Rng, text: string): string | undefined {
  const words = [...new Set(text.slice(0, 20_000).match(WORD) ?? [])].filter((word) => !KEEP.has(word));
  return words.length === 0 ? undefined : rng.pick(words);
}

/** Every whole-word occurrence of `word` replaced by `name`: in names, keys, strings and paths alike. */
export function renameWord(text: string, word: string, name: string): string {
  return text.replace(new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'), () => name);
}
