import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { propertyName, type FunctionNode } from './extract-syntax.js';

/**
 * Babel's interop wrapper under any name, as minified builds call it (`var r = n("47a9"); r(n("x"))`):
 * `function (e) { return e && e.__esModule ? e : { default: e }; }`. Each call gives back its own
 * module, itself and as `.default`; linked as a function, every module wrapped in the app would meet
 * in its parameter and come out of every call (FlowFragment.interopWrappers).
 */
export function isInteropWrapper(fn: FunctionNode): boolean {
  const param = fn.params[0];
  if (fn.params.length !== 1 || param?.type !== 'Identifier') return false;
  const returned = returnedValue(fn);
  if (returned?.type !== 'ConditionalExpression') return false;
  const is = (node: TSESTree.Node): boolean => node.type === 'Identifier' && node.name === param.name;
  const wraps = (node: TSESTree.Node): boolean => node.type === 'ObjectExpression' && node.properties.length === 1 && node.properties[0]!.type === 'Property' && propertyName(node.properties[0]!) === 'default' && is(node.properties[0]!.value);
  return (is(returned.consequent) && wraps(returned.alternate)) || (wraps(returned.consequent) && is(returned.alternate));
}

/** The value of a body that is one `return` (or an arrow's expression). */
function returnedValue(fn: FunctionNode): TSESTree.Node | undefined {
  if (fn.body.type !== 'BlockStatement') return unwrapTypeScript(fn.body as Node) as TSESTree.Node;
  const only = fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  return only?.type === 'ReturnStatement' && only.argument ? (unwrapTypeScript(only.argument as Node) as TSESTree.Node) : undefined;
}
