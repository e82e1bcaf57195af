import type { TSESTree } from '@typescript-eslint/types';
import { NUMBER_LIBRARIES, SANITIZER_WORDS } from '../../platforms/flows.js';
import { staticPropertyName, unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { isConstantName } from './extract-options.js';
import { isInstanceKey, type Ref } from './fragment.js';

/** Syntax the data-flow extraction reads: member and property names, labels, patterns, app-id tests. */

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
const LABEL_LENGTH = 48;

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const STATEMENT = /(?:Statement|Declaration|Block|Clause|Case|Body|Program)$/;
export function isExpressionLike(node: TSESTree.Node): boolean {
  return !STATEMENT.test(node.type) && node.type !== 'VariableDeclarator' && !node.type.startsWith('TS');
}

/** A string that starts a plain `http://` or `ws://` URL (the rule judges the host). */
export const INSECURE_URL_START = /^\s*(?:http|ws):\/\/[^\s/]/i;
/** Characters of a plain-HTTP URL kept with its source: enough for its host. */
export const MAX_URL_TEXT = 200;

export function deep(refs: readonly Ref[]): Ref[] {
  return refs.map((ref) => (ref.shallow ? ref : { key: `${ref.key}+` }));
}

/**
 * What a log or tracking call reads of its arguments: each value with its fields, except an App or
 * page instance (`console.log(this)`, `console.log(getApp())`), which holds everything the app keeps:
 * of that, its own value. A storage write or request of a whole instance is still read in full.
 */
export function sinkInputs(refs: readonly Ref[]): Ref[] {
  return refs.map((ref) => (ref.shallow ? ref : isInstanceKey(ref.key) ? { key: ref.key, shallow: true } : { key: `${ref.key}+` }));
}

export function shallow(refs: readonly Ref[]): Ref[] {
  return refs.map((ref) => ({ key: ref.key, shallow: true }));
}

export function compact(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LABEL_LENGTH ? `${flat.slice(0, LABEL_LENGTH - 1)}…` : flat;
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  const name = staticPropertyName(node);
  if (name !== undefined) return /^\d+$/.test(name) ? '[]' : name;
  return undefined;
}

/** The key of `{ a: 1 }`, `{ 'a.b': 1 }` and ``{ [`a.b`]: 1 }``, or undefined when it is computed at run time. */
export function propertyName(property: TSESTree.Property): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export function calleeName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return memberName(node);
  return undefined;
}

/** `Date.now`, `JSON.parse`: the dotted name of a callee, when it is a name or one field of a name. */
export function calleeText(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.property.type === 'Identifier') return `${node.object.name}.${node.property.name}`;
  return undefined;
}

export function functionLabel(node: FunctionNode): string {
  if (node.type !== 'ArrowFunctionExpression' && node.id) return `${node.id.name}()`;
  const parent = (node as { parent?: TSESTree.Node }).parent;
  if (parent?.type === 'Property' && parent.key.type === 'Identifier') return `${parent.key.name}()`;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${parent.id.name}()`;
  return 'callback';
}

export function collectIdentifiers(pattern: TSESTree.Node, out: TSESTree.Identifier[]): void {
  if (pattern.type === 'Identifier') out.push(pattern);
  else if (pattern.type === 'ObjectPattern') for (const property of pattern.properties) collectIdentifiers(property.type === 'RestElement' ? property.argument : property.value, out);
  else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) element && collectIdentifiers(element, out);
  else if (pattern.type === 'AssignmentPattern') collectIdentifiers(pattern.left, out);
  else if (pattern.type === 'RestElement') collectIdentifiers(pattern.argument, out);
}

/** `map.page`, `page`, `this.data.page`: a name or a chain of plain fields, as written; undefined for anything else. */
export function chainText(raw: TSESTree.Node): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
  const object = chainText(node.object);
  return object === undefined ? undefined : `${object}.${node.property.name}`;
}

/**
 * `Base64.encode(s)`, `base64Encode(s)`, `util.encodeBase64(s)`, and Babel's name for an imported
 * `base64` module (`_base2.default.encode(s)`: Babel drops the digits a name ends with): a Base64
 * encoder, by the name it is called with.
 */
export function isBase64Encoder(callee: TSESTree.Node): boolean {
  const text = chainText(callee);
  if (text === undefined || !/encode/i.test(text.slice(text.lastIndexOf('.') + 1))) return false;
  return /base64/i.test(text) || /^_base\d*\.default\./.test(text);
}

/** `md5(x)`, `encryptData(x)`, `CryptoJS.SHA256(x)`: the name's words (camelCase, snake_case) include a hash or cipher. */
export function isSanitizer(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase());
  // `toHashMap`, `hashCode`: a data structure or a checksum, not a one-way hash of the value.
  return words.some((word, index) => SANITIZER_WORDS.has(word) && !(word === 'hash' && NOT_HASHING.has(words[index + 1] ?? '')));
}

const NOT_HASHING = new Set(['map', 'set', 'table', 'code', 'key', 'keys']);


/** `appId`, `referrerInfo.appId`, `options.referrerInfo.appId`: an expression that is an app id. */
export function isAppIdExpression(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? memberName(node) : undefined;
  return name !== undefined && /appid$/i.test(name);
}

/** `''`, `null`, `undefined`: comparing an app id with these checks presence, not identity. */
export function isEmptyValue(node: TSESTree.Node): boolean {
  return (node.type === 'Literal' && (node.value === '' || node.value === null)) || (node.type === 'Identifier' && node.name === 'undefined');
}

export function isChannel(text: string): boolean {
  return /eventchannel|getOpenerEventChannel|channel$/i.test(text);
}

/** The names a written value goes by: `phone` in `phone`, `this.data.phone`, `{ phone }`, `res.data.token`. */
export function valueNames(raw: TSESTree.Node): string[] {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'Identifier') return isConstantName(node.name) ? [] : [node.name];
  if (node.type === 'MemberExpression') {
    const name = memberName(node);
    return name && name !== '[]' && !isConstantName(name) ? [name] : [];
  }
  if (node.type === 'ObjectExpression') {
    return node.properties.flatMap((property) => (property.type === 'Property' ? [propertyName(property), ...valueNames(property.value)].filter((name): name is string => !!name) : []));
  }
  return [];
}



/**
 * `this.__state` in a page or component compiled by Taro 1 and 2: `_createData()` fills it and
 * Taro's runtime hands it to `setData`, so its fields are what the template binds.
 */
export function isCompiledTaroState(node: TSESTree.MemberExpression, name: string | undefined): boolean {
  return name === '__state' && node.object.type === 'ThisExpression';
}

/** `then`'s first argument, when it is a callback at all: `then(null, onError)` and `then()` pass the value through. */
export function isFunctionValue(argument: TSESTree.CallExpressionArgument | undefined): boolean {
  if (!argument || argument.type === 'SpreadElement') return false;
  const node = unwrapTypeScript(argument as Node) as TSESTree.Node;
  return !(node.type === 'Literal' && node.value === null) && !(node.type === 'Identifier' && node.name === 'undefined');
}

/** `BigNumber`, `Decimal`, `NP`, or a module's binding of one (`_bignumber.BigNumber`, `Decimal.default`). */
export function isNumberLibrary(node: TSESTree.Node): boolean {
  const unwrapped = unwrapTypeScript(node as Node) as TSESTree.Node;
  if (unwrapped.type === 'Identifier') return NUMBER_LIBRARIES.has(unwrapped.name);
  if (unwrapped.type !== 'MemberExpression') return false;
  const name = memberName(unwrapped);
  return name !== undefined && (NUMBER_LIBRARIES.has(name) || (name === 'default' && isNumberLibrary(unwrapped.object)));
}

/** `f` of `f.call(ctx, a)` and `f.apply(ctx, args)`: the function a shifted call calls. */
export function shiftedCallee(callee: TSESTree.Node): TSESTree.Node {
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && (callee.property.name === 'call' || callee.property.name === 'apply') ? callee.object : callee;
}
