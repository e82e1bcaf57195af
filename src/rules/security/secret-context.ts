import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from '../../analyzers/api-calls.js';
import { propertyKeyName } from '../../analyzers/constants.js';
import type { Node } from '../../analyzers/traverse.js';
import { isFunction } from '../../analyzers/tracker-syntax.js';
import { clientKeyConstructor, clientKeyInitializer, type ClientKeyService } from '../../catalogs/client-keys.js';
import { HASHING_CALLEE } from '../../catalogs/secrets.js';

/** What a string is bound to, as far as the syntax around it says. */
export interface SecretContext {
  /** The name as written (`appSecret`), for messages. */
  name?: string;
  /** The name of the object the value sits in (`amap` in `const amap = { key: '…' }`). */
  owner?: string;
  /** The object literal the value sits in, for the AppID-neighbour check. */
  object?: TSESTree.ObjectExpression;
  /** The value is the key argument of a cipher or HMAC call. */
  cryptoKey?: boolean;
  /** The value is an option of a web-service SDK's constructor (`new AMapWX({ key })`). */
  clientKeyOf?: ClientKeyService;
  /** The value is a field of the data a request sends (`wx.request({ data: { apikey: '…' } })`). */
  requestData?: boolean;
  /** The string is part of what a hash or signing function digests (`md5(params + '&salt')`), or its key argument. */
  hashInput?: boolean;
}

const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression']);
/** `CryptoJS.enc.Utf8.parse('…')` and friends turn a string into key bytes: the name is the caller's. */
const ENCODERS = new Set(['Utf8', 'Latin1', 'Hex', 'Base64', 'Utf16']);
/** Cipher objects whose `encrypt(data, key)` / `decrypt(data, key)` take the key second. */
const CIPHERS = new Set(['AES', 'DES', 'TripleDES', 'RC4', 'Rabbit', 'RabbitLegacy', 'SM4', 'sm4', 'Blowfish']);
const HMAC = /^Hmac(?:SHA\d*|MD5|RIPEMD160|SM3)$/;
const REQUEST_METHODS = new Set(['request', 'httpRequest', 'uploadFile']);
/** How far up a string's enclosing operators are followed to the call that digests them. */
const MAX_CHAIN_WALK = 64;

/** `cond ? 'a' : 'b'`, `token || 'b'`: a value one of the alternatives is, so it takes the whole's name. */
function isAlternative(parent: Node, child: Node): boolean {
  if (parent.type === 'ConditionalExpression') return parent.test !== child;
  return parent.type === 'LogicalExpression' && parent.operator !== '&&' && parent.right === child;
}

function upFromWrappers(node: Node, ancestors: readonly Node[]): { child: Node; parent: Node | undefined; index: number } {
  let child = node;
  let index = ancestors.length - 1;
  while (index >= 0 && (TYPE_WRAPPERS.has(ancestors[index]!.type) || isAlternative(ancestors[index]!, child))) child = ancestors[index--]!;
  return { child, parent: ancestors[index], index };
}

export function calleeParts(callee: Node): { method?: string; owner?: string } {
  if (callee.type === 'Identifier') return { method: callee.name };
  if (callee.type !== 'MemberExpression') return {};
  const method = staticPropertyName(callee);
  const owner = callee.object.type === 'Identifier' ? callee.object.name : callee.object.type === 'MemberExpression' ? staticPropertyName(callee.object) : undefined;
  return { ...(method !== undefined ? { method } : {}), ...(owner !== undefined ? { owner } : {}) };
}

/** The text a `+` left operand ends with, when it is a literal (`'…&secret=' + value`). */
export function trailingText(node: Node): string | undefined {
  if (node.type === 'BinaryExpression' && node.operator === '+') return trailingText(node.right);
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis[node.quasis.length - 1]?.value.cooked ?? undefined;
  return undefined;
}

/** How far down a `+` chain's left operands its first text is looked for. */
const MAX_LEFT_WALK = 64;

/** The text a `+` chain starts with: its leftmost literal, or its leftmost template's first part (`'https://…?key=' + k` → `https://…?key=`). */
export function leadingText(chain: Node): string {
  let node = chain;
  for (let steps = 0; steps < MAX_LEFT_WALK && node.type === 'BinaryExpression' && node.operator === '+'; steps++) node = node.left as Node;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return node.type === 'TemplateLiteral' ? (node.quasis[0]?.value.cooked ?? '') : '';
}

/** The name an object literal is bound to (`amap` in `const amap = {…}`, `config.amap = {…}`, `{ amap: {…} }`). */
function bindingName(object: Node, ancestors: readonly Node[], index: number): string | undefined {
  const parent = ancestors[index];
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === object && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'Property' && parent.value === object) return propertyKeyName(parent);
  if (parent.type === 'AssignmentExpression' && parent.right === object) {
    return parent.left.type === 'Identifier' ? parent.left.name : parent.left.type === 'MemberExpression' ? staticPropertyName(parent.left) : undefined;
  }
  return undefined;
}

/** `new AMapWX({ key })`, `new amapFile.AMapWX({ key })`: the service, when `object` is the options of a web-service SDK. */
function constructorService(object: Node, ancestors: readonly Node[], index: number): ClientKeyService | undefined {
  const parent = ancestors[index];
  if (parent?.type !== 'NewExpression' || parent.arguments[0] !== object) return undefined;
  const callee = parent.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
  return name === undefined ? undefined : clientKeyConstructor(name);
}

/** `wx.request({ data: { … } })`: `object` is the data a request sends. */
function isRequestData(object: Node, ancestors: readonly Node[], index: number): boolean {
  const property = ancestors[index];
  if (property?.type !== 'Property' || property.value !== object || propertyKeyName(property) !== 'data') return false;
  const options = ancestors[index - 1];
  const call = ancestors[index - 2];
  if (options?.type !== 'ObjectExpression' || call?.type !== 'CallExpression' || call.arguments[0] !== options) return false;
  const { method } = calleeParts(call.callee);
  return method !== undefined && REQUEST_METHODS.has(method);
}

function propertyContext(parent: TSESTree.Property, child: Node, ancestors: readonly Node[], index: number): SecretContext {
  if (parent.value !== child) return {};
  const name = propertyKeyName(parent);
  const object = ancestors[index - 1];
  if (object?.type !== 'ObjectExpression') return name !== undefined ? { name } : {};
  const owner = bindingName(object, ancestors, index - 2);
  const clientKeyOf = constructorService(object, ancestors, index - 2);
  return {
    ...(name !== undefined ? { name } : {}),
    object,
    ...(owner !== undefined ? { owner } : {}),
    ...(clientKeyOf ? { clientKeyOf } : {}),
    ...(isRequestData(object, ancestors, index - 2) ? { requestData: true } : {}),
  };
}

/**
 * `var t = CryptoJS.enc.Utf8.parse('…'); CryptoJS.AES.encrypt(data, t, …)`: the bytes are a key when
 * the function that makes them hands the variable to a cipher as its key (an `iv` goes in the options).
 */
function handedToCipher(name: string, ancestors: readonly Node[], text: string): boolean {
  const fn = [...ancestors].reverse().find(isFunction) ?? ancestors[0];
  if (!fn || !/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const body = text.slice(fn.range[0], fn.range[1]);
  return new RegExp(`\\.(?:${[...CIPHERS].join('|')})\\.(?:en|de)crypt\\s*\\([^,()]*(?:\\([^()]*\\)[^,()]*)*,\\s*${name.replace(/\$/g, '\\$')}\\s*[,)]`).test(body);
}

function callContext(parent: TSESTree.CallExpression, child: Node, ancestors: readonly Node[], index: number, depth: number, text?: string): SecretContext {
  const argument = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
  if (argument < 0) return {};
  const { method, owner } = calleeParts(parent.callee);
  if (depth === 0 && method === 'parse' && owner !== undefined && ENCODERS.has(owner)) {
    // Key bytes: `const key = CryptoJS.enc.Utf8.parse('…')` is a cipher key whatever the variable is called, an `iv` is not.
    const outer = secretContext(parent, ancestors.slice(0, index), depth + 1, text);
    const keyByName = outer.name !== undefined && /key$/i.test(outer.name);
    const keyByUse = outer.name !== undefined && text !== undefined && handedToCipher(outer.name, ancestors, text);
    return keyByName || keyByUse ? { ...outer, cryptoKey: true } : outer;
  }
  if (argument === 1 && (method === 'encrypt' || method === 'decrypt') && owner !== undefined && CIPHERS.has(owner)) return { cryptoKey: true };
  if (argument === 1 && method !== undefined && (HMAC.test(method) || method === 'createCipheriv' || method === 'createHmac')) return { cryptoKey: true };
  if (method !== undefined && HASHING_CALLEE.test(method)) return { hashInput: true };
  const clientKeyOf = method !== undefined && owner !== undefined ? clientKeyInitializer(owner, method, argument) : undefined;
  return clientKeyOf ? { clientKeyOf } : {};
}

/** What the value is bound to: a variable, a property, an assignment target, a query parameter, a key argument. */
export function secretContext(node: Node, ancestors: readonly Node[], depth = 0, text?: string): SecretContext {
  const { child, parent, index } = upFromWrappers(node, ancestors);
  if (!parent) return {};
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === child && parent.id.type === 'Identifier' ? { name: parent.id.name } : {};
    case 'Property':
      return propertyContext(parent, child, ancestors, index);
    case 'PropertyDefinition': {
      const name = parent.value === child ? propertyKeyName(parent) : undefined;
      return name !== undefined ? { name } : {};
    }
    case 'TSEnumMember':
      return parent.id.type === 'Identifier' ? { name: parent.id.name } : {};
    case 'AssignmentExpression': {
      if (parent.right !== child) return {};
      if (parent.left.type === 'Identifier') return { name: parent.left.name };
      const name = parent.left.type === 'MemberExpression' ? staticPropertyName(parent.left) : undefined;
      return name !== undefined ? { name } : {};
    }
    case 'AssignmentPattern':
      return parent.right === child && parent.left.type === 'Identifier' ? { name: parent.left.name } : {};
    case 'BinaryExpression': {
      if (parent.operator !== '+') return {};
      const parameter = parent.right === child ? /(?:^|[?&])([A-Za-z_][\w-]*)=$/.exec(trailingText(parent.left) ?? '') : null;
      if (parameter) return { name: parameter[1]! };
      return hashedConcatenation(parent, ancestors, index) ? { hashInput: true } : {};
    }
    case 'TemplateLiteral':
      return hashedConcatenation(parent, ancestors, index) ? { hashInput: true } : {};
    case 'CallExpression':
      return callContext(parent, child, ancestors, index, depth, text);
    case 'ArrayExpression':
      return pairContext(parent, child);
    default:
      return {};
  }
}

/** A name–value pair (`new Map([['appsecret', '…'], …])`, `[['key', '…']]`): the value is named by the string before it. */
function pairContext(pair: TSESTree.ArrayExpression, child: Node): SecretContext {
  const [first, second] = pair.elements;
  if (pair.elements.length !== 2 || second !== child || first?.type !== 'Literal' || typeof first.value !== 'string') return {};
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(first.value) ? { name: first.value } : {};
}

/** A `+` chain or template literal that is, as a whole, an argument of a hash or signing call. */
function hashedConcatenation(start: Node, ancestors: readonly Node[], index: number): boolean {
  let child = start;
  // Bounded: a 100,000-term `+` chain must not cost a walk to its top for each of its strings.
  for (let at = index - 1; at >= 0 && at >= index - MAX_CHAIN_WALK; at--) {
    const parent = ancestors[at]!;
    if ((parent.type === 'BinaryExpression' && parent.operator === '+') || parent.type === 'TemplateLiteral' || TYPE_WRAPPERS.has(parent.type)) {
      child = parent;
      continue;
    }
    if (parent.type !== 'CallExpression' || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
    const { method } = calleeParts(parent.callee);
    return method !== undefined && HASHING_CALLEE.test(method);
  }
  return false;
}
