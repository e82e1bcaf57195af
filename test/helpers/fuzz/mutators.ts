/**
 * Mutators for the fuzz tests: bytes, source text (JS/TS, WXML), JSON manifests. Each takes a
 * generator and returns a new value; none keeps state, so a case is fully determined by its seed.
 */
import { PROTOTYPE_JS_SNIPPETS, PROTOTYPE_JSON_SNIPPETS, PROTOTYPE_JSON_VALUES, PROTOTYPE_NAMES, PROTOTYPE_WXML_SNIPPETS, pickWord, renameWord } from './dictionary.js';
import type { Rng } from './prng.js';

/** Mutated texts are cut to this many UTF-16 units so one case stays cheap to generate and run. */
export const MAX_TEXT = 200_000;

// ---------------------------------------------------------------- hostile material

/** Characters that break naive line, encoding and offset handling. */
export const HOSTILE_CHARS: readonly string[] = [
  '\0',
  '\uFEFF', // BOM in the middle of a file
  '\u2028', // line separator: a line break to JavaScript, not to most line counters
  '\u2029', // paragraph separator
  '\u0085', // NEL
  '\r',
  '\r\n',
  '\n\r',
  '\v',
  '\f',
  '\u00A0',
  '\u3000',
  '\u200B',
  '\u202E', // right-to-left override
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\uFFFD',
  '\uFFFE',
  '\uFFFF',
  'é',
  '\u{1D4B3}', // astral: two UTF-16 units
  '\u{10FFFF}',
  'Ω',
  '\t',
  '\\',
];

/** Byte sequences that are not valid UTF-8 (or are, but suspiciously). */
export const HOSTILE_BYTES: readonly (readonly number[])[] = [
  [0x00],
  [0xff],
  [0xfe, 0xff],
  [0xc3], // truncated two-byte sequence
  [0xe2, 0x82], // truncated three-byte sequence
  [0xc0, 0xaf], // overlong '/'
  [0xed, 0xa0, 0x80], // encoded surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0x80],
  [0xef, 0xbb, 0xbf], // BOM
  [0x0d],
  [0x0d, 0x0a],
  [0xe2, 0x80, 0xa8], // U+2028
];

const JS_TOKENS: readonly string[] = [
  '{', '}', '(', ')', '[', ']', ';', ',', '.', '?.', '=>', '`', '${', '"', "'", '/', '/*', '*/', '//', '\\', '<', '>',
  '</', '<!--', '-->', '#!', '#x', '@', '...', '??=', '**', '0x', '1e999', '08', '1n', '\\u{110000}', '\\u', '\\x',
  '/(?<=a)[\\p{L}]/v', 'wx', 'wx.', 'wx.getLocation', 'wx.getLocation({})', "wx['chooseAddress']()", 'wx[`getPhoneNumber`]()',
  'my.getLocation()', 'uni.getLocation()', 'Taro.chooseAddress()', 'const { getLocation } = wx;', 'const w = wx; w.startLocationUpdate();',
  'require("x")', 'import Taro from "@tarojs/taro";', 'export default', 'define("pages/x.js", function(require, module, exports){',
  'define("../../etc/passwd", function(){', 'define(', '});', 'function', 'class A extends B {', 'async', 'await', 'yield', 'new.target',
  'import.meta', 'with (x)', 'eval("wx.getLocation()")', 'Function("x")', 'debugger;', 'let', 'enum E {', 'type T =', 'interface I {',
  'as any', '<T,>', 'satisfies', 'declare module "x" {', 'namespace N {', 'abstract', '@decorator', 'Page({', 'Component({', 'App({',
  'getApp()', 'this.setData({', 'wx.request({ url: "https://a.example" })', 'fetch(', 'XMLHttpRequest', 'globalThis', '__proto__',
  'constructor', 'prototype', 'hasOwnProperty', 'toString', 'undefined', 'null', 'NaN', 'Infinity', '-0', 'arguments',
  'wx.constructor()', 'wx.__proto__.getLocation()', 'wx.hasOwnProperty("getLocation")', 'wx.toString()', "wx['__proto__']()",
  'const { constructor } = wx;', 'uni.valueOf()', 'my.__defineGetter__()',
];

const WXML_TOKENS: readonly string[] = [
  '<', '>', '</', '/>', '=', '"', "'", '{{', '}}', '{{{', '}}}', '{{ "}}" }}', "{{'", '<!--', '-->', '<!', '<?xml version="1.0"?>',
  '<![CDATA[', ']]>', '&amp;', '&#0;', '&#x110000;', '&', '<view>', '</view>', '<view', '<text>', '</text>', '<block wx:if="{{a}}">',
  '</block>', '<wxs module="m">', '<wxs module="m">var a = 1 < 2;</wxs>', '</wxs>', '<wxs src="./a.wxs" module="b"/>', '<WXS>', '</WXS >',
  '<sjs module="s">', '</sjs>', '<import-sjs from="./x.sjs" name="x"/>', '<camera/>', '<camera device-position="back">',
  '</camera>', '<map latitude="{{a}}"/>', '<live-pusher url="x"/>', '<web-view src="https://x"/>', '<voip-room/>',
  '<button open-type="getPhoneNumber">', '<button open-type="getPhoneNumber|agreePrivacyAuthorization">',
  "<button open-type=\"{{'getUserInfo'}}\">", '<button open-type="getAuthorize" scope="userLocation">', '</button>',
  '<van-button open-type="chooseAvatar">', '<input type="nickname"/>', "<input type=\"{{'nickname'}}\"/>", '<template name="t">',
  '<template is="t" data="{{...x}}"/>', '<import src="../a.wxml"/>', '<include src="b.wxml"/>', 'wx:for="{{list}}"', 'wx:key="*this"',
  'bindtap="onTap"', 'catch:tap="x"', 'open-type=', 'type=', 'a="', "b='", 'c=d', '__proto__="x"', 'constructor="x"', 'hasOwnProperty="1"',
  '<button open-type="constructor">', '<button open-type="__proto__|toString">', '<input type="hasOwnProperty"/>',
  '<__proto__>', '</__proto__>', '<constructor/>', '<a:b x:y="1">', '<1view>', '<-x>', '<view\u0000>', '<script>', '</script>',
];

const JSON_TOKENS: readonly string[] = [
  '{', '}', '[', ']', ':', ',', '"', '\\', '\\u12', '\\uD800', '\\"', '/*', '*/', '//', 'null', 'true', 'false', 'NaN', '-', '1e999',
  '0x10', '01', '-0', '.5', 'Infinity', "'single'", '"pages"', '"pages": []', '"pages": {}', '"requiredPrivateInfos": ["getLocation"]',
  '"permission": {"scope.userLocation": {"desc": ""}}', '"subPackages": [{"root": "a"}]', '"__proto__": {}', '"constructor": 1',
  ',"pages": "x"', ',"__usePrivacyCheck__": "yes"', '\u0001', '\t',
];

export type TextLanguage = 'js' | 'ts' | 'wxml' | 'json';

const TOKENS: Record<TextLanguage, readonly string[]> = { js: JS_TOKENS, ts: JS_TOKENS, wxml: WXML_TOKENS, json: JSON_TOKENS };

/** Snippets of each language that use the names of Object.prototype (see dictionary.ts). */
const PROTOTYPE_SNIPPETS: Record<TextLanguage, readonly string[]> = { js: PROTOTYPE_JS_SNIPPETS, ts: PROTOTYPE_JS_SNIPPETS, wxml: PROTOTYPE_WXML_SNIPPETS, json: PROTOTYPE_JSON_SNIPPETS };

/** Brackets that nest in each language: [open, close]. */
const NESTERS: Record<TextLanguage, readonly (readonly [string, string])[]> = {
  js: [['(', ')'], ['[', ']'], ['{', '}'], ['f(', ')'], ['a?', ':0'], ['-', ''], ['!', ''], ['`${', '}`'], ['(()=>{', '})'], ['{a:', '}'], ['[...', ']'], ['a.b(', ')']],
  ts: [['(', ')'], ['[', ']'], ['<', '>'], ['Array<', '>'], ['{', '}'], ['f(', ')'], ['(x as ', ')']],
  wxml: [['<view>', '</view>'], ['<view a="1">', '</view>'], ['<block wx:if="{{a}}">', '</block>'], ['<a>', ''], ['{{', '}}'], ['{{(', ')}}'], ['<!--', '']],
  json: [['[', ']'], ['{"a":', '}'], ['[{"b":', '}]'], ['{"pages":', '}']],
};

// ---------------------------------------------------------------- text

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

/** A position in the text: anywhere, or (more often) at a token boundary. */
function position(rng: Rng, text: string): number {
  if (text.length === 0) return 0;
  const at = rng.int(text.length + 1);
  if (rng.chance(0.5)) return at;
  const boundary = /[\s;,{}()[\]<>"'=]/g;
  boundary.lastIndex = at;
  const found = boundary.exec(text);
  return found ? found.index : text.length;
}

function span(rng: Rng, text: string, maxLength = 200): [number, number] {
  const start = rng.int(text.length + 1);
  return [start, Math.min(text.length, start + rng.size(maxLength))];
}

/** Re-breaks lines with a random mix of LF, CRLF, CR and the Unicode separators. */
export function mixLineEndings(rng: Rng, text: string): string {
  const breaks = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\n\r', '\r\r\n'];
  const uniform = rng.chance(0.4) ? rng.pick(breaks) : undefined;
  return text.replace(/\r\n|\r|\n/g, () => uniform ?? rng.pick(breaks));
}

function hugeString(rng: Rng, language: TextLanguage): string {
  const length = rng.pick([1_000, 10_000, 60_000, 150_000]);
  const unit = rng.pick(['a', 'é', '\u{1D4B3}', '\\"', ' ', '\n', 'wx.getLocation()', '{{', '<view>']);
  const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  switch (language) {
    case 'wxml':
      return rng.chance(0.5) ? `<view data-x="${body}">` : body;
    case 'json':
      return `"${body}"`;
    default:
      return rng.pick([`"${body}"`, `'${body}'`, `\`${body}\``, `/*${body}*/`, `//${body}`, body]);
  }
}

function deepNesting(rng: Rng, language: TextLanguage): string {
  const [open, close] = rng.pick(NESTERS[language]);
  const depth = rng.pick([50, 500, 1_000, 2_000, 2_001, 5_000, 20_000]);
  const balanced = rng.chance(0.7);
  const core = language === 'wxml' ? '<camera/>' : language === 'json' ? '0' : rng.pick(['0', 'wx.getLocation()', '']);
  return open.repeat(depth) + core + (balanced ? close.repeat(depth) : close.repeat(rng.int(depth)));
}

/** One token-level edit of a source text. */
export function mutateTextOnce(rng: Rng, text: string, language: TextLanguage): string {
  const op = rng.weighted<string>([
    [8, 'token'],
    [3, 'hostile-char'],
    [3, 'delete'],
    [2, 'duplicate'],
    [2, 'move'],
    [2, 'truncate'],
    [2, 'line-endings'],
    [1, 'bom'],
    [1, 'one-line'],
    [2, 'nesting'],
    [1, 'huge-string'],
    [1, 'repeat'],
    [2, 'swap-brackets'],
    [1, 'replace-all'],
    [2, 'prototype-name'],
  ]);
  switch (op) {
    case 'token': {
      const count = rng.range(1, 4);
      let out = text;
      for (let i = 0; i < count; i++) out = insertAt(out, position(rng, out), rng.pick(TOKENS[language]));
      return out;
    }
    case 'hostile-char':
      return insertAt(text, position(rng, text), rng.pick(HOSTILE_CHARS).repeat(rng.chance(0.8) ? 1 : rng.range(2, 50)));
    case 'delete': {
      const [start, end] = span(rng, text);
      return text.slice(0, start) + text.slice(end);
    }
    case 'duplicate': {
      const [start, end] = span(rng, text);
      return insertAt(text, position(rng, text), text.slice(start, end));
    }
    case 'move': {
      const [start, end] = span(rng, text);
      const rest = text.slice(0, start) + text.slice(end);
      return insertAt(rest, rng.int(rest.length + 1), text.slice(start, end));
    }
    case 'truncate':
      return text.slice(0, rng.int(text.length + 1));
    case 'line-endings':
      return mixLineEndings(rng, text);
    case 'bom':
      return (rng.chance(0.8) ? '\uFEFF' : '\uFEFF\uFEFF') + text;
    case 'one-line':
      // Minified: no line breaks (a plain pattern: `\s*\n\s*` backtracks quadratically on long blank runs).
      return text.replace(/\r\n|\r|\n/g, rng.pick(['', ' ', ';']));
    case 'nesting':
      return insertAt(text, position(rng, text), deepNesting(rng, language));
    case 'huge-string':
      return insertAt(text, position(rng, text), hugeString(rng, language));
    case 'repeat': {
      const [start, end] = span(rng, text, 80);
      const piece = text.slice(start, end) || rng.pick(TOKENS[language]);
      return insertAt(text, end, piece.repeat(rng.pick([10, 100, 1_000, 4_000])));
    }
    case 'swap-brackets': {
      const from = rng.pick(['(', ')', '{', '}', '[', ']', '<', '>', '"', "'"]);
      const to = rng.pick(['(', ')', '{', '}', '[', ']', '<', '>', '"', "'", '']);
      let seen = 0;
      const nth = rng.int(8);
      return text.replace(new RegExp(`\\${from}`, 'g'), (match) => (seen++ === nth || rng.chance(0.1) ? to : match));
    }
    case 'replace-all': {
      const tokens = TOKENS[language];
      const from = rng.pick(tokens);
      return from === '' ? text : text.split(from).join(rng.pick(tokens));
    }
    case 'prototype-name': {
      // A name of Object.prototype: a snippet using it somewhere, or one of the text's own words renamed to it everywhere.
      const word = rng.chance(0.5) ? pickWord(rng, text) : undefined;
      if (word !== undefined) return renameWord(text, word, rng.pick(PROTOTYPE_NAMES));
      return insertAt(text, position(rng, text), rng.pick(PROTOTYPE_SNIPPETS[language]));
    }
    default:
      throw new Error(`unknown text mutation ${op}`);
  }
}

/** One to a few token-level edits, cut to MAX_TEXT. */
export function mutateText(rng: Rng, text: string, language: TextLanguage): string {
  let out = text;
  const edits = rng.weighted([[6, 1], [3, 2], [2, 3], [1, 6]] as const);
  for (let i = 0; i < edits; i++) out = mutateTextOnce(rng, out, language);
  return out.length > MAX_TEXT ? out.slice(0, MAX_TEXT) : out;
}

// ---------------------------------------------------------------- JSON

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MANIFEST_KEYS = [
  'pages', 'subPackages', 'subpackages', 'plugins', 'usingComponents', 'requiredPrivateInfos', 'permission', '__usePrivacyCheck__',
  'navigateToMiniProgramAppIdList', 'window', 'tabBar', 'entryPagePath', 'root', 'desc', 'provider', 'version', 'miniprogramRoot',
  'pluginRoot', 'smartProgramRoot', 'scope.userLocation', 'scope.userFuzzyLocation', ...PROTOTYPE_NAMES, 'scope.constructor', '',
];

/** Sets an own data property, even for "__proto__" (an assignment would set the prototype), so it is serialised as a key. */
function setKey(object: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function hostileJsonValue(rng: Rng, depth = 0): Json {
  switch (rng.int(depth > 3 ? 9 : 12)) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, -1, 1.5, 1e308, -1e-308, 4294967296, Number.MAX_SAFE_INTEGER + 2]);
    case 3: return '';
    case 4: return rng.pick(['getLocation', 'chooseAddress', 'getFuzzyLocation', 'scope.userLocation', 'pages/index/index', '../../etc/passwd', '/abs', 'C:\\x', '\\\\server\\share']);
    case 5: return rng.pick(HOSTILE_CHARS).repeat(rng.range(1, 5));
    case 6: return 'x'.repeat(rng.pick([100, 5000, 70000]));
    case 7: return rng.pick(PROTOTYPE_JSON_VALUES);
    case 8: return [];
    case 9: return Array.from({ length: rng.range(1, 5) }, () => hostileJsonValue(rng, depth + 1));
    case 10: return {};
    default: {
      const object: { [key: string]: Json } = {};
      for (let i = rng.range(1, 4); i > 0; i--) setKey(object, rng.pick(MANIFEST_KEYS), hostileJsonValue(rng, depth + 1));
      return object;
    }
  }
}

/** Every container (object or array) in the tree, with the root first. */
function containers(value: Json, out: (Json[] | { [key: string]: Json })[] = []): (Json[] | { [key: string]: Json })[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, out);
  }
  return out;
}

/** One structural edit of a parsed JSON value (in place); returns the new root. */
function mutateJsonValue(rng: Rng, root: Json): Json {
  const all = containers(root);
  if (all.length === 0 || rng.chance(0.05)) return rng.chance(0.5) ? hostileJsonValue(rng) : [root];
  const target = rng.pick(all);
  if (Array.isArray(target)) {
    const op = rng.int(4);
    if (op === 0 || target.length === 0) target.splice(rng.int(target.length + 1), 0, hostileJsonValue(rng));
    else if (op === 1) target.splice(rng.int(target.length), 1);
    else if (op === 2) target[rng.int(target.length)] = hostileJsonValue(rng);
    else target.push(...target.slice(0, rng.range(1, 3)));
    return root;
  }
  const keys = Object.keys(target);
  const op = rng.int(4);
  if (op === 0 || keys.length === 0) {
    setKey(target, rng.pick(MANIFEST_KEYS), hostileJsonValue(rng));
  } else if (op === 1) delete target[rng.pick(keys)];
  else if (op === 2) target[rng.pick(keys)] = hostileJsonValue(rng);
  else {
    const key = rng.pick(keys);
    const value = target[key]!;
    delete target[key];
    setKey(target, rng.pick(MANIFEST_KEYS), value);
  }
  return root;
}

/** Text-level edits only JSON needs: duplicate keys, comments, trailing commas. */
function mutateJsonText(rng: Rng, text: string): string {
  switch (rng.int(4)) {
    case 0: {
      // A duplicate of some key in the same object: re-insert a `"key": value` right after an opening brace.
      const brace = text.indexOf('{', rng.int(text.length));
      if (brace < 0) return text;
      return insertAt(text, brace + 1, `"${rng.pick(MANIFEST_KEYS)}": ${JSON.stringify(hostileJsonValue(rng))},`);
    }
    case 1:
      return insertAt(text, position(rng, text), rng.pick(['/* c */', '// c\n', '/*', '//']));
    case 2:
      return text.replace(/([}\]])/, ',$1');
    default:
      return mutateTextOnce(rng, text, 'json');
  }
}

/** A structurally and textually mutated JSON document (seeds should be valid JSON; invalid ones get text edits only). */
export function mutateJson(rng: Rng, text: string): string {
  let value: Json | undefined;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    value = undefined;
  }
  let out = text;
  if (value !== undefined && rng.chance(0.8)) {
    for (let i = rng.range(1, 4); i > 0; i--) value = mutateJsonValue(rng, value);
    out = JSON.stringify(value, null, rng.pick([undefined, 0, 1, 2, '\t', '\r\n']) as string | number | undefined);
  }
  if (rng.chance(0.5)) out = mutateJsonText(rng, out);
  if (rng.chance(0.15)) out = mixLineEndings(rng, out);
  if (rng.chance(0.05)) out = '\uFEFF' + out;
  return out.length > MAX_TEXT ? out.slice(0, MAX_TEXT) : out;
}

// ---------------------------------------------------------------- bytes

export const INTERESTING_U32: readonly number[] = [
  0, 1, 2, 3, 4, 12, 13, 14, 15, 18, 0x7f, 0x80, 0xff, 0x100, 4095, 4096, 4097, 0x7fff, 0x8000, 0xffff, 0x10000, 99_999, 100_000,
  100_001, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffe, 0xffffffff,
];

/** An interesting replacement for a u32 field whose value is `current`, in a buffer of `length` bytes. */
export function interestingU32(rng: Rng, current: number, length: number): number {
  switch (rng.int(4)) {
    case 0:
      return rng.pick(INTERESTING_U32);
    case 1:
      return (current + rng.pick([-1, 1, -4, 4, -14, 14, 0x10000, -0x10000])) >>> 0;
    case 2:
      return (length + rng.range(-20, 20)) >>> 0;
    default:
      return rng.next();
  }
}

/** One byte-level edit. */
export function mutateBytesOnce(rng: Rng, input: Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(input);
  const n = bytes.length;
  switch (rng.int(9)) {
    case 0: {
      if (n === 0) return bytes;
      bytes[rng.int(n)]! ^= 1 << rng.int(8);
      return bytes;
    }
    case 1: {
      if (n === 0) return bytes;
      bytes[rng.int(n)] = rng.pick([0x00, 0xff, 0x7f, 0x80, 0xc0, 0xbe, 0xed, 0x0a, 0x0d, 0x2f, 0x5c, 0x2e]);
      return bytes;
    }
    case 2: {
      const at = rng.int(n + 1);
      const piece = rng.chance(0.6) ? Uint8Array.from(rng.pick(HOSTILE_BYTES)) : rng.bytes(rng.range(1, 16));
      return concat(bytes.subarray(0, at), piece, bytes.subarray(at));
    }
    case 3: {
      const at = rng.int(n + 1);
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + rng.range(1, 64))));
    }
    case 4: {
      const at = rng.int(n + 1);
      const end = Math.min(n, at + rng.size(256));
      return concat(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end));
    }
    case 5:
      return bytes.subarray(0, rng.int(n + 1));
    case 6:
      return concat(bytes, rng.bytes(rng.size(4096)));
    case 7: {
      if (n < 4) return bytes;
      const at = rng.int(n - 3);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      view.setUint32(at, interestingU32(rng, view.getUint32(at), n));
      return bytes;
    }
    default: {
      if (n === 0) return bytes;
      const at = rng.int(n);
      bytes.fill(rng.pick([0x00, 0xff, 0x20]), at, Math.min(n, at + rng.size(64)));
      return bytes;
    }
  }
}

export function mutateBytes(rng: Rng, input: Uint8Array, maxEdits = 4): Uint8Array {
  let out = input;
  for (let i = rng.range(1, maxEdits); i > 0; i--) out = mutateBytesOnce(rng, out);
  return out;
}

/** Inserts invalid UTF-8 (or other hostile bytes) into encoded text. */
export function corruptEncoding(rng: Rng, bytes: Uint8Array): Uint8Array {
  let out = bytes;
  for (let i = rng.range(1, 3); i > 0; i--) {
    const at = rng.int(out.length + 1);
    out = concat(out.subarray(0, at), Uint8Array.from(rng.pick(HOSTILE_BYTES.filter((b) => b[0] !== 0x00))), out.subarray(at));
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
