import type { TSESTree } from '@typescript-eslint/types';
import { memberName, type FunctionNode } from './extract-syntax.js';

/**
 * Page hooks Vue 3's composition API registers from `setup()`, as uni-app compiles them
 * (`e.onLoad((query) => …)`, `onShow(() => …)` imported from `@dcloudio/uni-app`): each runs as the
 * page's own handler of that name.
 */
const PAGE_HOOKS: ReadonlySet<string> = new Set(['onLoad', 'onShow', 'onReady']);

/** `onLoad(cb)` or `vendor.onLoad(cb)` with a function written there: the hook's name and the function. */
export function compositionHook(node: TSESTree.CallExpression): { name: string; fn: FunctionNode } | undefined {
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  const fn = node.arguments[0];
  if (name === undefined || !PAGE_HOOKS.has(name) || node.arguments.length !== 1) return undefined;
  return fn?.type === 'ArrowFunctionExpression' || fn?.type === 'FunctionExpression' ? { name, fn } : undefined;
}

/**
 * The render function `setup()` returns (`return (ctx, cache) => ({ a: …, c: url.value })`), whose
 * result is what the compiled template binds (`{{c}}`).
 */
export function setupRenderFunctions(setup: FunctionNode): FunctionNode[] {
  if (setup.body.type !== 'BlockStatement') return [];
  const found: FunctionNode[] = [];
  for (const statement of setup.body.body) {
    const value = statement.type === 'ReturnStatement' ? statement.argument : undefined;
    if (value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression') found.push(value);
  }
  return found;
}

/** The options Vue 3's compiler makes of a `<script setup>` (`{ __name: 'index', setup(props) {…} }`). */
export function isScriptSetup(node: TSESTree.ObjectExpression): boolean {
  return node.properties.some((property) => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === '__name');
}
