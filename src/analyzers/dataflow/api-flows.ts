import type { TSESTree } from '@typescript-eslint/types';
import { PERSONAL_DATA_LABELS } from '../../platforms/privacy-data.js';
import { PASS_THROUGH_FUNCTIONS, type ArgumentSlot, type FlowLabel, type SinkApi, type StorageRead } from '../../platforms/flows.js';
import type { SourceLocation } from '../../types.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { extensionKey, fieldKey, keyText, storageEntry, type ArgumentFacts, type FlowFragment, type Ref, type SinkRecord } from './fragment.js';
import { isConstantName, pageRoute, type ExtractOptions } from './extract-options.js';
import { calleeText, chainText, deep } from './extract-syntax.js';
import { own } from '../../util/own.js';
import { optionValue, staticString, type ApiCallTarget, type CallShape } from './api-target.js';
import { recordControlCall } from './control-calls.js';
import { isInert } from './inert-values.js';
import { keyParameter, wrapperParameters } from './wrapper-parameters.js';
import { routeFrom } from './page-routes.js';
import { sessionKeyInResponse, withKeyName } from './named-values.js';

export function labelText(label: FlowLabel): string {
  if (label === 'credential') return 'credential';
  if (label === 'login-code') return 'login code';
  if (label === 'id-number') return 'identity-card number';
  if (label === 'referrer') return 'data from another mini-app';
  if (label === 'launch-query') return 'launch query';
  if (label === 'page-query') return 'page query';
  if (label === 'key-name') return 'key name';
  if (label === 'user-input') return 'user input';
  if (label === 'named') return 'sensitive value';
  if (label === 'insecure-url') return 'plain-HTTP URL';
  if (label === 'sdk-handle') return 'tracking SDK';
  if (label === 'client-event') return 'client data';
  if (label === 'client-identity') return 'identity claimed by the client';
  if (label === 'caller-identity') return 'authenticated caller';
  return PERSONAL_DATA_LABELS[label];
}

/** A string put together in the code (`a + b`, a template with expressions), not written in one piece. */
function isBuiltString(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  return (node.type === 'TemplateLiteral' && node.expressions.length > 0) || (node.type === 'BinaryExpression' && node.operator === '+');
}

/** The parts of a string built by `+` or a template literal, in order: literal text or expressions. */
function stringParts(target: ApiCallTarget, raw: TSESTree.Node, out: (string | TSESTree.Node)[] = []): (string | TSESTree.Node)[] {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  const fixed = staticString(target, node);
  if (fixed !== undefined) out.push(fixed);
  else if (node.type === 'BinaryExpression' && node.operator === '+') {
    stringParts(target, node.left, out);
    stringParts(target, node.right, out);
  } else if (node.type === 'TemplateLiteral') {
    node.quasis.forEach((quasi, index) => {
      out.push(quasi.value.cooked ?? '');
      const expression = node.expressions[index];
      if (expression) stringParts(target, expression, out);
    });
  } else out.push(node);
  return out;
}

/** The known beginning of a string expression (`https://host/path?x=` in `'https://host/path?x=' + x`). */
export function knownPrefix(target: ApiCallTarget, node: TSESTree.Node): string {
  let prefix = '';
  for (const part of stringParts(target, node)) {
    if (typeof part !== 'string') break;
    prefix += part;
  }
  return prefix;
}

function slotRefs(target: ApiCallTarget, call: CallShape, slot: ArgumentSlot, at: Node): Ref[] {
  if ('argument' in slot) return call.args[slot.argument] ?? [];
  const position = positionalArgument(call, slot);
  return position !== undefined ? (call.args[position] ?? []) : target.field(call.args[0] ?? [], slot.option, at, false);
}

function slotNode(call: CallShape, slot: ArgumentSlot): TSESTree.Node | undefined {
  if ('argument' in slot) return call.nodes[slot.argument];
  const position = positionalArgument(call, slot);
  return position !== undefined ? call.nodes[position] : optionValue(call.nodes[0], slot.option);
}

/** `_my.setStorageSync('phone', v)`: a shim's plain arguments, when the first one is a string or there are more than one (never an options object). */
function positionalArgument(call: CallShape, slot: Extract<ArgumentSlot, { option: string }>): number | undefined {
  const first = call.nodes[0] && (unwrapTypeScript(call.nodes[0] as Node) as TSESTree.Node);
  if (slot.positional === undefined || !first || first.type === 'ObjectExpression' || first.type === 'SpreadElement') return undefined;
  const text = (first.type === 'Literal' && typeof first.value === 'string') || first.type === 'TemplateLiteral' || (first.type === 'BinaryExpression' && first.operator === '+');
  return text || call.nodes.length > 1 ? slot.positional : undefined;
}

/** Hands `value` to the `success` and `complete` callbacks of an options object. */
export function callBack(target: ApiCallTarget, call: CallShape, value: Ref[], at: Node): void {
  for (const name of ['success', 'complete']) {
    const callback = target.field(call.args[0] ?? [], name, at, false).filter((ref) => !ref.shallow);
    if (callback.length > 0) target.invoke(callback, [value], at);
  }
}

/**
 * A call of a platform API (`wx.getLocation`, `uni.setStorageSync`): sources hand their value to
 * the result, `success`, `.then` and `await`; sinks record where the value goes. Returns the call's value.
 */
export function handleApiCall(target: ApiCallTarget, method: string, api: string, node: TSESTree.CallExpression): Ref[] {
  const catalog = target.options.catalog;
  const call: CallShape = { args: node.arguments.map((argument) => target.expression(argument)), nodes: node.arguments };
  recordControlCall(target, method, api, node, call);
  const sourceLabel = own(catalog.sourceApis, method);
  if (sourceLabel) {
    const source = target.source(sourceLabel, `from ${api}`, node, undefined, method);
    // `wx.onLocationChange(listener)`: a listener API hands the value to its callback.
    if (/^on[A-Z]/.test(method)) target.invoke(call.args[0] ?? [], [[source]], node);
    else callBack(target, call, [source], node);
    return [source];
  }
  const launchOptions = catalog.launchOptionApis.includes(method);
  if (launchOptions || catalog.launchListenerApis.includes(method)) {
    const options = target.temp(node);
    const referrer = target.source('referrer', `referrerInfo.extraData from ${api}`, node);
    target.copy([referrer], target.node(`${options}.referrerInfo.extraData`, node));
    target.copy([target.source('launch-query', `the launch query from ${api}`, node)], target.node(`${options}.query`, node));
    if (launchOptions) return [{ key: options }];
    target.invoke(call.args[0] ?? [], [[{ key: options }]], node);
    return [];
  }
  const read = own(catalog.storageReads, method);
  if (read) return storageRead(target, call, read.key, read.result, node);
  const sink = own(catalog.sinks, method);
  if (sink) {
    recordSink(target, call, sink, api, node);
    const response = target.temp(node, '#response');
    const urlNode = sink.kind === 'network' && sink.key ? slotNode(call, sink.key) : undefined;
    if (urlNode) sessionKeyInResponse(target, knownPrefix(target, urlNode), response, node);
    callBack(target, call, [{ key: response }], node);
    return [];
  }
  // Not an API the catalog knows: perhaps one the app added itself (`wx.goPage = …`, see extensionKey).
  return target.invoke([{ key: extensionKey(method) }], call.args, node, undefined, false, true);
}

/**
 * The node of a storage entry: its key when constant; else the name the key is written with
 * (`KEYS.USER_INFO`, `cartKey` read as `~USER_INFO`, `~cartKey`), so that writes and reads under
 * different run-time keys do not all meet in one entry; `*` when even that is unknown.
 */
function storageKey(constant: string | undefined, keyNode: TSESTree.Node | undefined, wrapper?: string): string {
  if (constant !== undefined) return storageEntry(constant);
  // `env + '-app-token'`, `${prefix}uid`: an entry known by its constant end, apart from the other entries under the same run-time prefix.
  const tail = wrapper === undefined && keyNode ? constantTail(keyNode) : undefined;
  if (tail !== undefined) return `s:${keyText(`*${tail}`)}`;
  const name = keyNode && writtenName(keyNode);
  // A storage wrapper's key parameter is chosen by each caller: its entry is the wrapper's own, and its calls are linked per key (wrapper-sinks.ts).
  return `s:${keyText(name === undefined ? '*' : `~${name}${wrapper === undefined ? '' : `@${wrapper}`}`)}`;
}

/** The constant text a key built at run time ends with (`'token'` of `prefix + 'token'`), when there is some. */
function constantTail(raw: TSESTree.Node): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const right = unwrapTypeScript(node.right as Node) as TSESTree.Node;
    return right.type === 'Literal' && typeof right.value === 'string' && right.value !== '' ? right.value : undefined;
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length > 0) return node.quasis[node.quasis.length - 1]?.value.cooked || undefined;
  return undefined;
}

function storageRead(target: ApiCallTarget, call: CallShape, keySlot: ArgumentSlot, result: StorageRead['result'], at: TSESTree.CallExpression): Ref[] {
  const keyNode = slotNode(call, keySlot);
  const key = keyNode ? staticString(target, keyNode) : undefined;
  // `getItem(key) { return wx.getStorageSync(key) }`: each call also reads the entry of the key it passes (wrapper-sinks.ts).
  const readerKey = key === undefined && keyNode && result === 'return' && target.owner !== undefined ? keyParameter(target, keyNode) : undefined;
  if (readerKey !== undefined) target.fragment.storageReaders.set(target.owner!, readerKey);
  const entry: Ref[] = [{ key: target.node(storageKey(key, keyNode), at, key === undefined ? 'storage' : `storage key "${key}"`) }];
  const stored = key === undefined ? entry : withKeyName(target, entry, key, at);
  if (result === 'return') return stored;
  if (result === 'return-data') {
    const value = target.temp(at);
    target.copy(stored, fieldKey(value, 'data')!);
    return [{ key: value }];
  }
  const response = target.temp(at);
  target.copy(stored, fieldKey(response, 'data')!);
  callBack(target, call, [{ key: response }], at);
  return [{ key: response }];
}

export function recordSink(target: ApiCallTarget, call: CallShape, sink: SinkApi, api: string, at: TSESTree.CallExpression): void {
  const inputs = sink.values.flatMap((slot) => slotRefs(target, call, slot, at));
  const valueNodes = sink.values.map((slot) => slotNode(call, slot)).filter((value): value is TSESTree.Node => value !== undefined);
  const keyNode = sink.key && slotNode(call, sink.key);
  const keyValue = keyNode ? (sink.kind === 'storage' ? staticString(target, keyNode) : knownPrefix(target, keyNode)) : undefined;
  const encrypted = sink.encryptOption !== undefined && optionValue(call.nodes[0], sink.encryptOption)?.type === 'Literal' && (optionValue(call.nodes[0], sink.encryptOption) as TSESTree.Literal).value === true;
  const wrapper = sink.kind === 'storage' && keyNode && keyValue === undefined && valueNodes.length === 1 ? wrapperParameters(target, keyNode, valueNodes[0]!) : undefined;
  const owner = wrapper?.owner ?? target.owner;
  const entry = sink.kind === 'storage' ? storageKey(keyValue, keyNode, wrapper && owner) : undefined;
  if (entry !== undefined) target.copy(inputs, target.node(entry, at, keyValue === undefined ? 'storage' : `storage key "${keyValue}"`));
  if (sink.kind === 'navigation' && keyNode) navigationQuery(target, keyNode, api, at);
  if (sink.kind === 'navigation') {
    const events = optionValue(call.nodes[0], 'events');
    if (events?.type === 'ObjectExpression') {
      for (const property of events.properties) {
        if (property.type !== 'Property' || property.key.type !== 'Identifier') continue;
        target.invoke(target.field(call.args[0] ?? [], 'events', at, false).flatMap((ref) => target.field([ref], (property.key as TSESTree.Identifier).name, at, false)).filter((ref) => !ref.shallow), [[{ key: target.node(`c:${keyText(property.key.name)}`, property, `event channel "${property.key.name}"`) }]], at);
      }
    }
  }
  // A key computed at run time (a wrapper's parameter, `KEYS.TOKEN` from another module) is traced too, for the names it carries.
  // A key built from constants (`'token_' + VERSION`) is one key, and its parts still say what it holds.
  const keyInputs = sink.kind === 'storage' && keyNode && (keyValue === undefined || isBuiltString(keyNode)) ? target.expression(keyNode) : [];
  // The URL's own value, traced for plain-HTTP URLs written elsewhere: what joins it after its start
  // (`base + path`, `${host}/${path}`) comes through a tail node the URL search does not cross.
  // Also when the options are not written out here (`wx.request(options)`, `{ ...options, success }`).
  const urlInputs = sink.kind !== 'storage' && sink.key ? slotRefs(target, call, sink.key, at).map((ref) => ({ key: ref.key, shallow: true })) : [];
  target.fragment.sinks.push({
    kind: sink.kind,
    api,
    inputs: deep(inputs),
    ...(wrapper && { wrapper }),
    ...(keyInputs.length > 0 && { keyInputs }),
    ...(urlInputs.length > 0 && { urlInputs }),
    location: target.location(at),
    ...(sink.kind === 'storage' && keyValue !== undefined && { storageKey: keyValue }),
    ...(sink.kind === 'storage' && keyValue === undefined && keyNode && keyNameOf(keyNode)),
    ...(sink.kind === 'storage' && keyValue === undefined && keyNode && keyStartOf(target, keyNode)),
    ...(sink.kind === 'storage' && keyValue === undefined && keyNode && keyEndOf(target, keyNode)),
    ...(entry !== undefined && keyValue === undefined && !wrapper && keyNode && isPropertyRead(keyNode) && { namedEntry: entry }),
    ...(sink.kind !== 'storage' && keyValue && { url: keyValue }),
    ...(sink.kind !== 'storage' && !keyValue && keyNode && endpointText(keyNode)),
    ...(encrypted && { encrypted: true }),
    ...(valueNodes.length > 0 && valueNodes.every((value) => isInert(value)) && { inert: true }),
    valueNames: valueNodes.flatMap((value) => namesOf(value)),
    ...(target.options.thirdParty && { thirdParty: true }),
    ...(target.options.trackerSdk && { trackerSdk: true }),
    ...(owner && { owner }),
  });
}

/** `this.data.userKey`, `KEYS.USER`: a key read from a property, whose name is specific enough to tell its entry by. */
function isPropertyRead(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  return node.type === 'MemberExpression' && !node.computed;
}

/** `{ keyName }` of a computed storage key written as a constant's name (`KEYS.TOKEN`, `this.const.USER_INFO`), else nothing. */
function keyNameOf(keyNode: TSESTree.Node): { keyName: string } | undefined {
  const name = writtenName(keyNode);
  return name !== undefined && isConstantName(name) ? { keyName: name } : undefined;
}

/** `{ keyStart }` of a key built at run time after a constant start (`'shop_cache_' + code`), else nothing. */
function keyStartOf(target: ApiCallTarget, keyNode: TSESTree.Node): { keyStart: string } | undefined {
  const start = knownPrefix(target, keyNode);
  return start !== '' ? { keyStart: start } : undefined;
}

/** `{ keyEnd }` of a key built at run time before constant text (`k + 'CountDown'`, `k + SUFFIX`), else nothing. */
function keyEndOf(target: ApiCallTarget, keyNode: TSESTree.Node): { keyEnd: string } | undefined {
  const node = unwrapTypeScript(keyNode as Node) as TSESTree.Node;
  const end = node.type === 'BinaryExpression' && node.operator === '+' ? staticString(target, node.right as TSESTree.Node) : constantTail(keyNode);
  return end ? { keyEnd: end } : undefined;
}

/** What a call site's first arguments are as written: kept for calls of storage wrappers. */
export function argumentFacts(args: readonly TSESTree.Node[]): (ArgumentFacts | null)[] | undefined {
  const facts = args.slice(0, MAX_ARGUMENT_FACTS).map((argument): ArgumentFacts | null => {
    const node = unwrapTypeScript(argument as Node) as TSESTree.Node;
    if (node.type === 'Literal') return { ...(typeof node.value === 'string' && { text: node.value.slice(0, MAX_ARGUMENT_TEXT) }), inert: true, ...(!node.value && { falsy: true }) };
    const name = writtenName(node);
    const path = chainText(node);
    if (name !== undefined) return { name, ...(path !== undefined && { path }) };
    const pieces = node.type === 'ObjectExpression' ? urlOption(node) : literalPieces(node);
    return pieces === undefined ? null : { pieces };
  });
  return facts.some((fact) => fact !== null) ? facts : undefined;
}

const MAX_ARGUMENT_FACTS = 3;
const MAX_ARGUMENT_TEXT = 200;

/** The name a value is written with: `phone`, `KEYS.USER_INFO` → USER_INFO. */
function writtenName(raw: TSESTree.Node): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  return node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? node.property.name : undefined;
}

/** Words of a URL that name no endpoint: a prefix, a version, a file type. */
const GENERIC_URL_WORD = /^(?:https?|www|com|cn|net|api|apis|v\d+|index|php|html?|do|action|json|app|h5|wx|mp|mini)$/;

/** `{ urlText }` of a URL whose start is unknown, when the text written in it names an endpoint (`${host}/Goodsinfoswr/${token}`); not `${host}/api/${path}`. */
function endpointText(url: TSESTree.Node): { urlText: string } | undefined {
  const text = literalPieces(url);
  const words = text?.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase()) ?? [];
  return words.some((word) => /[a-z]{3}/.test(word) && !GENERIC_URL_WORD.test(word)) ? { urlText: text! } : undefined;
}

/** The text written in a string built with `+` or a template (`host + '/api/order/create'` → `/api/order/create`), joined; undefined when there is none. */
function literalPieces(raw: TSESTree.Node): string | undefined {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type !== 'BinaryExpression' && node.type !== 'TemplateLiteral') return undefined;
  const pieces: string[] = [];
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0 && pieces.length < MAX_PIECES) {
    const part = unwrapTypeScript(stack.pop()! as Node) as TSESTree.Node;
    if (part.type === 'Literal' && typeof part.value === 'string') pieces.push(part.value);
    else if (part.type === 'BinaryExpression' && part.operator === '+') stack.push(part.right, part.left as TSESTree.Node);
    else if (part.type === 'TemplateLiteral') pieces.push(part.quasis.map((quasi) => quasi.value.cooked ?? '').join(''));
  }
  const text = pieces.join('').slice(0, MAX_ARGUMENT_TEXT);
  return text === '' ? undefined : text;
}

const MAX_PIECES = 16;

/** An options object's URL as written (`{ url: BASE + '/m/order.html', data }` → `/m/order.html`). */
function urlOption(options: TSESTree.ObjectExpression): string | undefined {
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || !URL_OPTION.test(property.key.name)) continue;
    const value = unwrapTypeScript(property.value as Node) as TSESTree.Node;
    return value.type === 'Literal' && typeof value.value === 'string' ? value.value.slice(0, MAX_ARGUMENT_TEXT) : literalPieces(value);
  }
  return undefined;
}

const URL_OPTION = /^(?:url|uri|api|path)$/i;

function namesOf(raw: TSESTree.Node): string[] {
  const name = writtenName(raw);
  return name === undefined || isConstantName(name) ? [] : [name];
}

/**
 * The expression a navigation's URL is built by: as written, or the one value of the variable it is
 * held in (`const goUrl = '/pages/web/web?url=' + encodeURIComponent(u)`), when that joins plain
 * reads (walked again here, so nothing in it may be a call of code in the bundle).
 */
function builtRoute(target: ApiCallTarget, url: TSESTree.Node): TSESTree.Node {
  const node = unwrapTypeScript(url as Node) as TSESTree.Node;
  const value = node.type === 'Identifier' ? target.onlyValueOf(node) : undefined;
  if (!value || (value.type !== 'BinaryExpression' && value.type !== 'TemplateLiteral')) return url;
  return stringParts(target, value).every((part) => typeof part === 'string' || isPlainRead(part)) ? value : url;
}

/** `x`, `a.b.c`, `url || u`, `encodeURIComponent(x)`: values read or passed through a global transformer, nothing that runs code of the bundle. */
function isPlainRead(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (node.type === 'Identifier' || node.type === 'Literal') return true;
  if (node.type === 'MemberExpression') return !node.computed && isPlainRead(node.object);
  if (node.type === 'LogicalExpression') return isPlainRead(node.left) && isPlainRead(node.right);
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && PASS_THROUGH_FUNCTIONS.has(node.callee.name) && node.arguments.length === 1 && isPlainRead(node.arguments[0]!);
}

/**
 * `navigateTo({ url: '/pages/b/b?phone=' + phone })`: each value goes to the query parameter it
 * follows, where page b's `onLoad(query)` reads it, and is handed over to page b there (a
 * `page-handover` sink: what b does with it is b's, but the value was put into its query here).
 */
function navigationQuery(target: ApiCallTarget, url: TSESTree.Node, api: string, at: Node): void {
  const parts = stringParts(target, builtRoute(target, url));
  const first = parts[0];
  if (typeof first !== 'string') return;
  const route = first.replace(/[?#].*$/, '');
  if (!route) return;
  const page = routeFrom(pageRoute(target.options.file, target.options.appRoot), route);
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const name = /[?&]([\w$-]+)=$/.exec(text)?.[1];
    const key = target.node(name ? `q:${keyText(page)}.${name}` : `q:${keyText(page)}`, part, name ? `query parameter ${name} of ${page}` : `query of ${page}`);
    const inputs = target.expression(part).map((ref) => (ref.shallow ? ref : { key: `${ref.key}+` }));
    target.copy(inputs, key);
    target.fragment.sinks.push(pageHandover(target, api, page, name, inputs, at));
    text += '\u0000';
  }
}

function pageHandover(target: ApiCallTarget, api: string, page: string, queryField: string | undefined, inputs: Ref[], at: Node): SinkRecord {
  return {
    kind: 'page-handover',
    api,
    page,
    ...(queryField !== undefined && { queryField }),
    inputs,
    location: target.location(at),
    ...(target.options.thirdParty && { thirdParty: true }),
    ...(target.owner && { owner: target.owner }),
  };
}
