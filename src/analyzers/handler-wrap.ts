import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from './api-calls.js';
import { childNodes, type Node } from './traverse.js';
import { isFunction, unwrap } from './tracker-syntax.js';

/** The platform methods that record when a wrapped handler calls them: sends and stores. Any other (navigation, UI, reads) does not. */
const RECORDING_PLATFORM_METHOD = /^(?:request|uploadFile|downloadFile|httpRequest|connectSocket|sendSocketMessage|(?:batch)?[sS]etStorage(?:Sync)?|reportAnalytics|reportEvent|reportMonitor)$/;
/** `fn.call(…)`, `fn.apply(…)`, `fn.bind(…)`: a call of fn, judged as fn is. */
const PASS_THROUGH_METHOD = new Set(['call', 'apply', 'bind']);
export const LOOKUP_FUNCTIONS = new Set(['getApp', 'getCurrentPages', 'Boolean', 'String', 'Number', 'encodeURIComponent', 'decodeURIComponent']);
const LOGGERS = new Set(['console']);
export const TIMERS = new Set(['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval']);
/** A page's lifecycle and event handlers are named `onX`. */
const HANDLER_NAME = /^on[A-Z]/;

/**
 * Whether a function installed as a page's handler (`options.onShow = function () {…}`) can record
 * something: it calls the app's or an SDK's code, or sends or stores. A wrapper that only redirects
 * (a maintenance or login guard) and then runs the original handler records nothing. `originals`
 * are the names the original handler is held under in the replacing function.
 */
export function wrapperCanRecord(wrapper: Node, handler: Node, namespaces: ReadonlyMap<string, string>, originals: ReadonlySet<string>): boolean {
  const stack: Node[] = [...childNodes(wrapper)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && callRecords(node, handler, namespaces, originals)) return true;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

/** Whether a wrapper runs one of `originals`, the handler it replaces (`old.call(this)`, `old.apply(this, arguments)`, `old()`), outside functions nested in it. */
export function callsOriginal(wrapper: Node, originals: ReadonlySet<string>): boolean {
  if (originals.size === 0) return false;
  return someCall(wrapper, false, (call) => {
    const callee = calledFunction(call);
    return callee.type === 'Identifier' && originals.has(callee.name);
  });
}

/**
 * Whether a wrapper hands the name it is installed under to a call (`track({ eventId: hook })`): it
 * reports which handler ran. Not the original handler's call, nor a timer's (a debounce).
 */
export function reportsHandlerName(wrapper: Node, name: string, originals: ReadonlySet<string>): boolean {
  return someCall(wrapper, true, (call) => {
    const callee = calledFunction(call);
    if (callee.type === 'Identifier' && (originals.has(callee.name) || TIMERS.has(callee.name))) return false;
    return call.arguments.some((argument) => mentions(argument, name));
  });
}

/** The calls in a function's body, and in functions nested in it when `nested`, that `test` accepts. */
function someCall(fn: Node, nested: boolean, test: (call: TSESTree.CallExpression) => boolean): boolean {
  const stack: Node[] = [...childNodes(fn)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && test(node)) return true;
    if (!nested && isFunction(node)) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

/** Whether `name` is read in an argument, as itself or inside an object or array written there (`{ eventId: name }`). */
function mentions(argument: Node, name: string): boolean {
  const node = unwrap(argument);
  if (node.type === 'Identifier') return node.name === name;
  if (node.type === 'ObjectExpression') return node.properties.some((property) => property.type === 'Property' && mentions(property.value, name));
  if (node.type === 'ArrayExpression') return node.elements.some((element) => element !== null && mentions(element, name));
  return false;
}

/** The function a call calls: `fn` of `fn(…)`, and of `fn.call(this, …)`, `fn.apply(this, args)`. */
export function calledFunction(call: TSESTree.CallExpression | TSESTree.NewExpression): Node {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && PASS_THROUGH_METHOD.has(staticPropertyName(callee) ?? '') ? unwrap(callee.object) : callee;
}

function callRecords(call: TSESTree.CallExpression | TSESTree.NewExpression, handler: Node, namespaces: ReadonlyMap<string, string>, originals: ReadonlySet<string>): boolean {
  // `fn.call(this, …)` calls fn: the original handler when fn holds it, a recorder otherwise (`s.call(this, t, a)`).
  const callee = calledFunction(call);
  if (callee.type === 'Identifier') return !originals.has(callee.name) && !LOOKUP_FUNCTIONS.has(callee.name);
  if (callee.type !== 'MemberExpression') return true;
  const method = staticPropertyName(callee);
  // `options.onShow.call(this)`, `options[name].apply(this, args)`: a handler of the options being wrapped, not a recorder elsewhere.
  const ofWrappedOptions = handler.type === 'MemberExpression' && samePlace(unwrap(callee.object), unwrap(handler.object));
  if (ofWrappedOptions && (callee.computed ? method === undefined : method !== undefined && HANDLER_NAME.test(method))) return false;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && LOGGERS.has(object.name)) return false;
  if (object.type === 'Identifier' && namespaces.has(object.name)) return method === undefined || RECORDING_PLATFORM_METHOD.test(method);
  return true;
}

/** A name given a value in a function (`const x = …`, `x = …`), with that value. */
export interface LocalBinding {
  name: string;
  value: Node;
}

/** The names a function gives values to, anywhere in its body: read once per function, however many handlers it wraps. */
export function localBindings(replacer: Node | undefined): LocalBinding[] {
  const bindings: LocalBinding[] = [];
  if (!replacer || !isFunction(replacer)) return bindings;
  const stack: Node[] = [replacer.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) bindings.push({ name: node.id.name, value: node.init });
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') bindings.push({ name: node.left.name, value: node.right });
    for (const child of childNodes(node)) stack.push(child);
  }
  return bindings;
}

/**
 * The names the replacing function keeps a page's original handler under, read from the place the
 * wrapper is installed at (`handler`): `const show = options.onShow`, `old = options[name]`,
 * `const show = options.onShow ? options.onShow : null`.
 */
export function originalHandlerNames(bindings: readonly LocalBinding[], handler: Node): Set<string> {
  return new Set(bindings.filter((binding) => reads(binding.value, handler)).map((binding) => binding.name));
}

/** Whether an expression reads `place` (the same chain of names: `options.onShow`, `e[t]`), outside nested functions. */
function reads(expression: Node, place: Node): boolean {
  const stack: Node[] = [expression];
  while (stack.length > 0) {
    const node = unwrap(stack.pop()!);
    if (samePlace(node, place)) return true;
    if (isFunction(node)) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

function samePlace(a: Node, b: Node): boolean {
  if (a.type === 'Identifier' && b.type === 'Identifier') return a.name === b.name;
  if (a.type === 'ThisExpression' && b.type === 'ThisExpression') return true;
  if (a.type === 'Literal' && b.type === 'Literal') return a.value === b.value;
  if (a.type !== 'MemberExpression' || b.type !== 'MemberExpression' || a.computed !== b.computed) return false;
  return samePlace(unwrap(a.property), unwrap(b.property)) && samePlace(unwrap(a.object), unwrap(b.object));
}
