import type { TSESTree } from '@typescript-eslint/types';
import { memberName } from './extract-syntax.js';

/**
 * Factories that turn a compiled class into a page's or component's options: wepy 1's
 * `$createPage(Index, 'pages/index')` and `$createComponent(…)`, Taro 1 and 2's
 * `createComponent(Index, true)`.
 */
const CLASS_FACTORIES: ReadonlySet<string> = new Set(['$createPage', '$createComponent', 'createComponent']);
const CLASS_DEFINITIONS: ReadonlySet<string> = new Set(['Page', 'Component']);

/**
 * Whether a script is a page or component compiled from a class (wepy 1, Taro 1 and 2): its last
 * statements hand the class to a framework factory, `Page(wepy.$createPage(Index, 'pages/index'))`.
 * In such a file every method runs with the page as `this`, wherever Babel put it: in
 * `_createClass(Index, [{ key: 'onLoad', value: function onLoad(options) {…} }])` or in the
 * `methods` object the constructor builds.
 */
export function isCompiledClassPage(program: TSESTree.Program): 'Page' | 'Component' | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') continue;
    const call = statement.expression;
    const factory = call.arguments[0];
    if (call.callee.type !== 'Identifier' || !CLASS_DEFINITIONS.has(call.callee.name) || factory?.type !== 'CallExpression' || factory.callee.type !== 'MemberExpression') continue;
    const name = memberName(factory.callee);
    if (name !== undefined && CLASS_FACTORIES.has(name)) return call.callee.name as 'Page' | 'Component';
  }
  return undefined;
}

/** `{ key: 'onLoad', value: function onLoad(options) {…} }`, an entry of Babel's `_createClass`: the method's name and function. */
export function classMethodDescriptor(node: TSESTree.ObjectExpression): { name: string; fn: TSESTree.FunctionExpression } | undefined {
  let name: string | undefined;
  let fn: TSESTree.FunctionExpression | undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    if (property.key.name === 'key' && property.value.type === 'Literal' && typeof property.value.value === 'string') name = property.value.value;
    if (property.key.name === 'value' && property.value.type === 'FunctionExpression') fn = property.value;
  }
  return name !== undefined && fn !== undefined ? { name, fn } : undefined;
}
