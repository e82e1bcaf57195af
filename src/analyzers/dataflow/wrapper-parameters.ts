import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import type { ApiCallTarget } from './api-target.js';
import { calleeText, propertyName } from './extract-syntax.js';
import type { SinkRecord } from './fragment.js';
import { isInert } from './inert-values.js';

/** Storage wrappers: which parameters of the function around a storage write are its key and its value (wrapper-sinks.ts judges each call). */

/**
 * `set(key, value) { wx.setStorageSync(key, JSON.stringify(value)) }`: the key's and the value's
 * parameter positions; also through names given to them (`const key = first`) and an envelope the
 * value is kept in (`wx.setStorageSync(key, { createTime, expireTime, data })`).
 */
export function wrapperParameters(target: ApiCallTarget, keyNode: TSESTree.Node, valueNode: TSESTree.Node): NonNullable<SinkRecord['wrapper']> | undefined {
  const key = keyParameter(target, keyNode);
  if (key === undefined) return closureWrapper(target, keyNode, valueNode);
  const position = parameterBehind(target, valueNode, true);
  if (position === undefined || position === key) return undefined;
  const when = target.switchParameter;
  if (when === undefined || when.position === key || when.position === position) return { key, value: position };
  return { key, value: position, when: when.position, ...(when.onByDefault && { whenByDefault: true as const }) };
}

/**
 * A write in a closure inside the wrapper (`setItemAsync(key, value) { return new Promise((resolve) =>
 * tt.setStorage({ key, data: value })) }`): the key and the value are parameters of one function around it.
 */
function closureWrapper(target: ApiCallTarget, keyNode: TSESTree.Node, valueNode: TSESTree.Node): NonNullable<SinkRecord['wrapper']> | undefined {
  const key = target.enclosingParameter(keyNode);
  const value = key && key.fn !== target.owner ? target.enclosingParameter(valueNode) : undefined;
  return key && value && value.fn === key.fn && value.position !== key.position ? { key: key.position, value: value.position, owner: key.fn } : undefined;
}

/**
 * The parameter a storage key is chosen by: the key itself, or the caller's key after a namespace
 * (`'ifx_baas_' + key`, `prefix + key`, `` `${NS}:${key}` ``), as written or through a name given it once
 * (`const n = env + '-zuber-' + t`). Each caller's key names the entry; the namespace is the wrapper's.
 */
export function keyParameter(target: ApiCallTarget, raw: TSESTree.Node, depth = 0): number | undefined {
  const direct = parameterBehind(target, raw, false);
  if (direct !== undefined || depth > 2) return direct;
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'Identifier') {
    const value = target.onlyValueOf(node);
    return value ? keyParameter(target, value, depth + 1) : undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const key = parameterBehind(target, node.right, false);
    return key !== undefined && parameterBehind(target, node.left as TSESTree.Node, false) === undefined ? key : undefined;
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length > 0 && node.quasis[node.quasis.length - 1]?.value.cooked === '') {
    const last = node.expressions[node.expressions.length - 1]!;
    const key = parameterBehind(target, last, false);
    return key !== undefined && node.expressions.slice(0, -1).every((part) => parameterBehind(target, part, false) === undefined) ? key : undefined;
  }
  return undefined;
}

/** The parameter a value is, as written or through single-assignment names; with `envelope`, the one parameter an object literal holds. */
function parameterBehind(target: ApiCallTarget, raw: TSESTree.Node, envelope: boolean, depth = 0): number | undefined {
  let node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'CallExpression' && calleeText(node.callee) === 'JSON.stringify' && node.arguments[0]) node = unwrapTypeScript(node.arguments[0] as Node) as TSESTree.Node;
  const position = target.parameterPosition(node);
  if (position !== undefined || depth > 2) return position;
  if (node.type === 'Identifier') {
    const value = target.onlyValueOf(node);
    return value ? parameterBehind(target, value, envelope, depth + 1) : undefined;
  }
  if (!envelope || node.type !== 'ObjectExpression') return undefined;
  // The value and bookkeeping (times, a version, the caller's TTL): anything else kept beside it is the wrapper's own write.
  const held = new Map<number, string | undefined>();
  for (const property of node.properties) {
    if (property.type !== 'Property') return undefined;
    const inner = parameterBehind(target, property.value, false, depth + 1);
    if (inner !== undefined) held.set(inner, propertyName(property));
    else if (!isBookkeeping(target, property.value, depth + 1)) return undefined;
  }
  if (held.size === 1) return [...held.keys()][0];
  // Two parameters kept (`{ value, time }`): the value is the one not named as bookkeeping.
  const values = [...held].filter(([, name]) => name === undefined || !isBookkeepingName(name));
  return values.length === 1 ? values[0]![0] : undefined;
}

/** Last words of envelope fields that hold the caller's bookkeeping, not the value: an expiry, a TTL, a time, a version. */
const BOOKKEEPING_WORDS = new Set(['time', 'expire', 'expires', 'expiry', 'expiration', 'ttl', 'duration', 'timeout', 'deadline', 'version', 'stamp', 'timestamp', 'age', 'at']);

/** By the name's last word (`expiresTime`, `max_age`, `ttl`), so `settle` or `conversion` name no bookkeeping. */
function isBookkeepingName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.length > 0 && BOOKKEEPING_WORDS.has(words[words.length - 1]!);
}

/** Inert (a literal, a clock), a parameter, or what an operator or the app's own helper makes of those (`calcExpireTime(ttl)`). */
function isBookkeeping(target: ApiCallTarget, raw: TSESTree.Node, depth: number): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (depth > 8) return false;
  if (isInert(node)) return true;
  if (node.type === 'Identifier') {
    if (target.parameterPosition(node) !== undefined) return true;
    const value = target.onlyValueOf(node);
    return value !== undefined && isBookkeeping(target, value, depth + 1);
  }
  const parts = (...nodes: TSESTree.Node[]): boolean => nodes.every((part) => isBookkeeping(target, part, depth + 1));
  switch (node.type) {
    case 'ConditionalExpression':
      return parts(node.test, node.consequent, node.alternate);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return parts(node.left as TSESTree.Node, node.right);
    case 'UnaryExpression':
      return parts(node.argument);
    case 'CallExpression':
      return node.callee.type === 'Identifier' && parts(...(node.arguments as TSESTree.Node[]));
    default:
      return false;
  }
}
