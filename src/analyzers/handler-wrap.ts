import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName } from './api-calls.js';
import { childNodes, type Node } from './traverse.js';
import { isFunction, unwrap } from './tracker-syntax.js';

/** Platform methods a wrapped handler may call without recording anything: navigation, UI, reads. */
const RECORDING_PLATFORM_METHOD = /^(?:request|uploadFile|downloadFile|httpRequest|connectSocket|sendSocketMessage|setStorage(?:Sync)?|reportAnalytics|reportEvent|reportMonitor)$/;
/** Calls that hand control back or look things up, never a record: the original handler, bound or applied. */
const PASS_THROUGH_METHOD = new Set(['call', 'apply', 'bind']);
const LOOKUP_FUNCTIONS = new Set(['getApp', 'getCurrentPages', 'Boolean', 'String', 'Number', 'encodeURIComponent', 'decodeURIComponent']);
const LOGGERS = new Set(['console']);
/** A page's lifecycle and event handlers are named `onX`. */
const HANDLER_NAME = /^on[A-Z]/;

/**
 * Whether a function installed as a page's handler (`options.onShow = function () {…}`) can record
 * something: it calls the app's or an SDK's code, or sends or stores. A wrapper that only redirects
 * (a maintenance or login guard) and then runs the original handler records nothing. `originals`
 * are the names the original handler is held under in the replacing function.
 */
export function wrapperCanRecord(wrapper: Node, namespaces: ReadonlyMap<string, string>, originals: ReadonlySet<string>): boolean {
  const stack: Node[] = [...childNodes(wrapper)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && callRecords(node, namespaces, originals)) return true;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

function callRecords(call: TSESTree.CallExpression | TSESTree.NewExpression, namespaces: ReadonlyMap<string, string>, originals: ReadonlySet<string>): boolean {
  let callee = unwrap(call.callee);
  // `fn.call(this, …)` calls fn: the original handler when fn holds it, a recorder otherwise (`s.call(this, t, a)`).
  if (callee.type === 'MemberExpression' && PASS_THROUGH_METHOD.has(staticPropertyName(callee) ?? '')) callee = unwrap(callee.object);
  if (callee.type === 'Identifier') return !originals.has(callee.name) && !LOOKUP_FUNCTIONS.has(callee.name);
  if (callee.type !== 'MemberExpression') return true;
  const method = staticPropertyName(callee);
  // `options.onShow.call(this)`, `options[name].apply(this, args)`: the handler itself.
  if (callee.computed ? method === undefined : method !== undefined && HANDLER_NAME.test(method)) return false;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier' && LOGGERS.has(object.name)) return false;
  if (object.type === 'Identifier' && namespaces.has(object.name)) return method === undefined || RECORDING_PLATFORM_METHOD.test(method);
  return true;
}

/**
 * The names a replacing function keeps a page's original handler under, read from the place the
 * wrapper is installed at (`handler`): `const show = options.onShow`, `old = options[name]`,
 * `const show = options.onShow ? options.onShow : null`.
 */
export function originalHandlerNames(replacer: Node | undefined, handler: Node): Set<string> {
  const names = new Set<string>();
  if (!replacer || !isFunction(replacer)) return names;
  const stack: Node[] = [replacer.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && reads(node.init, handler)) names.add(node.id.name);
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && reads(node.right, handler)) names.add(node.left.name);
    for (const child of childNodes(node)) stack.push(child);
  }
  return names;
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
