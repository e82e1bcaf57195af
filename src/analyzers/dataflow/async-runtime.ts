import type { TSESTree } from '@typescript-eslint/types';
import { ASYNC_RUNTIME_METHODS } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { memberName } from './extract-syntax.js';
import type { Ref } from './fragment.js';

/** What the async runtime calls need of the extractor. */
export interface AsyncRuntimeTarget {
  expression(node: TSESTree.Node | null | undefined): Ref[];
}

/**
 * A call of regenerator's runtime, which Babel's async functions call in every compiled build
 * (`regeneratorRuntime.mark(function t() {…})`, `i.default.wrap(function (t) {…}, t)`), taken per
 * call rather than linked into the runtime's code, where every async function of the app would meet:
 * `mark` gives back the function it is handed, `wrap` runs the body it is handed as a callback does.
 * Undefined for other calls.
 */
export function asyncRuntimeCall(target: AsyncRuntimeTarget, node: TSESTree.CallExpression): Ref[] | undefined {
  const callee = unwrapTypeScript(node.callee as Node) as TSESTree.Node;
  const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  const role = method === undefined ? undefined : ASYNC_RUNTIME_METHODS.get(method);
  const body = node.arguments[0] && (unwrapTypeScript(node.arguments[0] as Node) as TSESTree.Node);
  if (!role || body?.type !== 'FunctionExpression') return undefined;
  // By the code Babel writes, not by the name: an app's own `wrap(fn)` is linked as any function is.
  if (role === 'returns-argument' ? !isMarkedGenerator(body) : !isGeneratorBody(body)) return undefined;
  target.expression((callee as TSESTree.MemberExpression).object);
  const args = node.arguments.map((argument) => target.expression(argument));
  return role === 'returns-argument' ? args[0]! : [];
}

/** The body regenerator runs: `function (t) { for (;;) switch (t.prev = t.next) { … } }` (`while (1)` unminified). */
function isGeneratorBody(fn: TSESTree.FunctionExpression): boolean {
  return fn.body.body.some((statement) => {
    if (statement.type !== 'WhileStatement' && statement.type !== 'ForStatement') return false;
    const inner = statement.body.type === 'BlockStatement' && statement.body.body.length === 1 ? statement.body.body[0]! : statement.body;
    const test = inner.type === 'SwitchStatement' ? inner.discriminant : undefined;
    return test?.type === 'AssignmentExpression' && test.left.type === 'MemberExpression' && memberName(test.left) === 'prev' && test.right.type === 'MemberExpression' && memberName(test.right) === 'next';
  });
}

/** The generator `mark` is handed: `function t() { return r.wrap(function (e) { … }, t); }`. */
function isMarkedGenerator(fn: TSESTree.FunctionExpression): boolean {
  return fn.body.body.some((statement) => {
    const call = statement.type === 'ReturnStatement' && statement.argument ? (unwrapTypeScript(statement.argument as Node) as TSESTree.Node) : undefined;
    const wrapped = call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && memberName(call.callee) === 'wrap' ? call.arguments[0] : undefined;
    return wrapped?.type === 'FunctionExpression' && isGeneratorBody(wrapped);
  });
}
