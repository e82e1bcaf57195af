import type { TSESTree } from '@typescript-eslint/types';
import { WECHAT_CLOUD } from '../../platforms/cloud.js';
import type { SinkApi } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { callBack, recordSink } from './api-flows.js';
import { optionValue, staticString, type ApiCallTarget } from './api-target.js';
import { own } from '../../util/own.js';
import { fieldKey, keyText, type Ref } from './fragment.js';
import { chainText, memberName } from './extract-syntax.js';

/**
 * The cloud-function boundary as graph edges. A client's `wx.cloud.callFunction({ name, data })`
 * writes `data` into the node `cf:<name>` and reads `res.result` from `cf:<name>#r`; the function's
 * entry hands `cf:<name>` to `main(event)` and its return value to `cf:<name>#r`. Both sides are
 * fragments like any other, so a value crosses between client and server as it crosses modules.
 */

const CLOUD = WECHAT_CLOUD;
/** The client's side of the call, judged like a request to the app's own server whose URL is the function's name. */
const CLOUD_CALL: SinkApi = { kind: 'cloud-call', values: [{ option: CLOUD.callFunction.dataOption }], key: { option: CLOUD.callFunction.nameOption } };

export function eventNode(name: string): string {
  return `cf:${keyText(name)}`;
}

/** `wx.cloud.callFunction({ name: 'login', data })` (or a server's `cloud.callFunction`): the call's value. */
export function callFunctionFlows(target: ApiCallTarget, node: TSESTree.CallExpression): Ref[] {
  const options = node.arguments[0];
  const args = node.arguments.map((argument) => target.expression(argument));
  const nameNode = optionValue(options, CLOUD.callFunction.nameOption);
  const name = nameNode ? staticString(target, nameNode) : undefined;
  const response = target.temp(node, '#cloud');
  if (name !== undefined) {
    const event = target.node(eventNode(name), node, `the event of cloud function ${name}`);
    const data = target.field(args[0] ?? [], CLOUD.callFunction.dataOption, node, false).filter((ref) => !ref.shallow);
    target.copy(data.map((ref) => ({ key: `${ref.key}+` })), event);
    target.copy([{ key: target.node(`${event}#r`, node, `the result of cloud function ${name}`) }], fieldKey(response, CLOUD.callFunction.resultField)!);
  }
  // Also when a helper passes the name on (`callCloud(name, data)`): the sink is judged at the helper's calls.
  recordSink(target, { args, nodes: node.arguments }, CLOUD_CALL, chainText(node.callee) ?? `cloud.${CLOUD.callFunction.method}`, node);
  callBack(target, { args, nodes: node.arguments }, [{ key: response }], node);
  return [{ key: response }];
}

/** `X.cloud.callFunction(…)` with X the platform, or `cloud.callFunction(…)` with the server SDK; `method` is the callee's member name. */
export function isCallFunction(method: string, callee: TSESTree.MemberExpression, isPlatform: (node: TSESTree.Node) => boolean): boolean {
  if (method !== CLOUD.callFunction.method) return false;
  const object = unwrapTypeScript(callee.object as Node) as TSESTree.Node;
  if (object.type === 'Identifier') return object.name === CLOUD.callFunction.object;
  return object.type === 'MemberExpression' && memberName(object) === CLOUD.callFunction.object && isPlatform(unwrapTypeScript(object.object as Node) as TSESTree.Node);
}

/** The function exported as the entry's `main`: `exports.main = …`, `module.exports.main = …`, `export async function main`. */
export function entryFunction(program: TSESTree.Program): TSESTree.FunctionLike | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      const declaration = statement.declaration;
      if (declaration.type === 'FunctionDeclaration' && declaration.id?.name === CLOUD.entryExport) return declaration;
      if (declaration.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier' && declarator.id.name === CLOUD.entryExport && isFunction(declarator.init)) return declarator.init;
      }
    }
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
    const { left, right } = statement.expression;
    if (left.type === 'MemberExpression' && memberName(left) === CLOUD.entryExport && isExportsObject(left.object) && isFunction(right)) return right;
  }
  return undefined;
}

function isFunction(node: TSESTree.Node | null | undefined): node is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

function isExportsObject(node: TSESTree.Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberName(node) === 'exports';
}

/**
 * The entry's side of the boundary: `main(event)` receives `cf:<name>`, whose own value is client
 * data and whose identity fields (`event.openid`) are claims the client makes; the fields the
 * platform injects (`event.userInfo.openId`) are the caller's real identity. `main`'s return value
 * goes back to the client, a sink of its own.
 */
export function entryFlows(target: ApiCallTarget, name: string, fn: TSESTree.FunctionLike, fnKey: string): void {
  const param = fn.params[0];
  if (!param) return returnSink(target, name, fn, fnKey);
  const event = target.node(eventNode(name), param, `the event of cloud function ${name}`);
  target.copy([target.source('client-event', `sent by the client to cloud function ${name}`, param)], event);
  for (const field of CLOUD.identityFields) {
    const identity = target.source('client-identity', `event.${field}, which the client sets`, param, undefined, field);
    target.copy([identity], target.node(`${event}.${keyText(field)}`, param, `event.${field}`));
  }
  for (const injected of CLOUD.injectedEventFields) {
    for (const field of ['openId', 'appId']) {
      const trusted = target.source('caller-identity', `event.${injected}.${field}, which the platform sets`, param, undefined, `${injected}.${field}`);
      target.copy([trusted], target.node(`${event}.${injected}.${field}`, param, `event.${injected}.${field}`));
    }
  }
  target.fragment.calls.push({ callees: [fnKey], args: [[{ key: event }]], result: `${event}#r` });
  returnSink(target, name, fn, fnKey);
}

function returnSink(target: ApiCallTarget, name: string, fn: TSESTree.FunctionLike, fnKey: string): void {
  target.fragment.sinks.push({ kind: 'cloud-return', api: `the result of cloud function ${name}`, inputs: [{ key: `${fnKey}#r+` }], location: target.location(fn), owner: fnKey });
}

/** `cloud.getWXContext()`: the caller as the platform authenticated it. */
export function callerContextFlows(target: ApiCallTarget, node: TSESTree.CallExpression): Ref[] {
  const context = target.temp(node, '#context');
  for (const [field, data] of Object.entries(CLOUD.callerContext.fields)) {
    const key = fieldKey(context, field)!;
    target.copy([target.source('caller-identity', `${field} from getWXContext`, node, undefined, field)], key);
    if (data !== 'app-id') target.copy([target.source(data, `from getWXContext`, node, undefined, CLOUD.callerContext.method)], key);
  }
  return [{ key: context }];
}

export function isCallerContext(method: string): boolean {
  return method === CLOUD.callerContext.method;
}

/**
 * A database chain ending in an operation: `db.collection(c).doc(id).update({ data })`. Its
 * selectors (`doc`, `where`) decide which records the operation touches: a sink of kind `database`.
 * The data it writes (`update`, `set`, `add`) is a `database-write` sink. Returns undefined when the
 * call is no such chain.
 */
export function databaseFlows(target: ApiCallTarget, callee: TSESTree.MemberExpression, node: TSESTree.CallExpression): Ref[] | undefined {
  const method = memberName(callee);
  const operation = method === 'add' ? 'write' : method ? own(CLOUD.operations, method) : undefined;
  if (!method || !operation) return undefined;
  const { calls, root } = chainOf(target, callee.object as TSESTree.Node);
  const collection = calls.find((call) => chainMethod(call) === CLOUD.collectionMethod);
  if (!collection) return undefined;
  // Each call of the chain is walked once here, its arguments kept by role.
  target.expression(root);
  const conditions: TSESTree.Node[] = [];
  const selectors: Ref[] = [];
  for (const call of calls) {
    const method = chainMethod(call) ?? '';
    for (const argument of call.arguments) {
      const refs = target.expression(argument);
      if (!CLOUD.selectors.includes(method)) continue;
      if (CLOUD.conditionMethods.includes(method)) conditions.push(argument);
      selectors.push(...refs);
    }
  }
  const written = node.arguments.flatMap((argument) => target.expression(argument));
  const collectionName = collection.arguments[0] ? staticString(target, collection.arguments[0]) : undefined;
  const picked = calls.some((call) => chainMethod(call) === 'doc') ? '.doc()' : calls.some((call) => chainMethod(call) === 'where') ? '.where()' : '';
  const api = `${collectionName === undefined ? 'collection' : `collection("${collectionName}")`}${picked}.${method}`;
  // The expression that picks the records (`db.collection(c).where(filter)`), even when the chain ends through a variable further down.
  const selector = calls.find((call) => CLOUD.selectors.includes(chainMethod(call) ?? ''));
  const common = { api, location: target.location(selector ?? node), method, ...(target.owner && { owner: target.owner }) };
  if (method !== 'add') {
    // A condition passed whole (`where(event.query)`) rather than written out as an object literal.
    const wholeCondition = conditions.some((argument) => isWholeCondition(target, argument));
    // `if (userId === row.userId) table.doc(row._id).update(…)`: what the tests around the call read also picks the records.
    const tests = target.conditions.length > 0 ? { conditionInputs: [...target.conditions] } : {};
    target.fragment.sinks.push({ kind: 'database', inputs: selectors.map(deepRef), database: { operation, wholeCondition }, ...common, ...tests });
  }
  if (operation === 'write') target.fragment.sinks.push({ kind: 'database-write', inputs: written.map(deepRef), database: { operation, wholeCondition: false }, ...common });
  return [{ key: target.temp(node, '#db') }];
}

function deepRef(ref: Ref): Ref {
  return ref.shallow || ref.key.endsWith('+') ? ref : { key: `${ref.key}+` };
}

function isCall(node: TSESTree.Node): boolean {
  const plain = unwrapTypeScript(node as Node) as TSESTree.Node;
  return plain.type === 'CallExpression' || (plain.type === 'AwaitExpression' && plain.argument.type === 'CallExpression');
}

function chainMethod(call: TSESTree.CallExpression): string | undefined {
  return call.callee.type === 'MemberExpression' ? memberName(call.callee) : undefined;
}

/**
 * The calls of a method chain, outermost first, and what the chain starts from: `db.collection(x).where(y)`
 * → [where(y), collection(x)], `db`. A chain continues through a variable declared with one
 * (`const orders = db.collection('orders'); orders.doc(id).remove()`, `let query = …; query =
 * query.skip(n); query.get()`) and into the branches of `?:`.
 */
function chainOf(target: ApiCallTarget, start: TSESTree.Node): { calls: TSESTree.CallExpression[]; root: TSESTree.Node } {
  const calls: TSESTree.CallExpression[] = [];
  let node = unwrapTypeScript(start as Node) as TSESTree.Node;
  let root: TSESTree.Node | undefined;
  for (let depth = 0; depth < 32; depth++) {
    if (node.type === 'AwaitExpression') node = unwrapTypeScript(node.argument as Node) as TSESTree.Node;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      calls.push(node);
      node = unwrapTypeScript(node.callee.object as Node) as TSESTree.Node;
      continue;
    }
    // `filter ? table.where(filter) : table`: either branch is what the chain may be; the first that is a chain is followed.
    if (node.type === 'ConditionalExpression') {
      node = unwrapTypeScript((isCall(node.consequent) ? node.consequent : node.alternate) as Node) as TSESTree.Node;
      continue;
    }
    root ??= node;
    const declared = node.type === 'Identifier' ? target.initializerOf(node) : undefined;
    if (!declared) break;
    node = unwrapTypeScript(declared as Node) as TSESTree.Node;
  }
  return { calls, root: root ?? node };
}

/**
 * A condition handed over as it came (`where(event.query)`, `where(filter)` with `filter` the
 * client's), not one the function writes out (`where({ userId })`, `let filter = {}; filter.x = …`).
 */
function isWholeCondition(target: ApiCallTarget, argument: TSESTree.Node): boolean {
  const node = unwrapTypeScript(argument as Node) as TSESTree.Node;
  if (node.type === 'ObjectExpression') return false;
  const declared = node.type === 'Identifier' ? target.initializerOf(node) : undefined;
  return declared === undefined || (unwrapTypeScript(declared as Node) as TSESTree.Node).type !== 'ObjectExpression';
}
