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
  if (!role || (body?.type !== 'FunctionExpression' && body?.type !== 'ArrowFunctionExpression')) return undefined;
  target.expression((callee as TSESTree.MemberExpression).object);
  const args = node.arguments.map((argument) => target.expression(argument));
  return role === 'returns-argument' ? args[0]! : [];
}
