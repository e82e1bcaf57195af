import type { TSESTree } from '@typescript-eslint/types';
import { calleeName, memberName, propertyName } from './extract-syntax.js';
import { fieldKey, isInstanceKey, VUE_PROTOTYPE, type Ref } from './fragment.js';

/** How the frameworks that compile to mini-apps (Taro, uni-app and mpvue's Vue) look in a compiled page's code. */

/**
 * Taro's router, whose `params` are the page query: `this.$router` (Taro 1 and 2),
 * `getCurrentInstance().router` (Taro 3). Read as a whole too, since compiled optional chaining
 * keeps it in a variable first (`null === (o = r().getCurrentInstance().router) ? … : o.params.url`).
 */
export function isTaroRouter(node: TSESTree.MemberExpression): boolean {
  const name = memberName(node);
  if (name === '$router') return node.object.type === 'ThisExpression';
  return name === 'router' && node.object.type === 'CallExpression' && calleeName(node.object.callee) === 'getCurrentInstance';
}

/** Hooks only a Vue component's options have (uni-app adds the mini-app page's own). */
const VUE_HOOKS = new Set(['onLoad', 'onShow', 'onReady', 'created', 'mounted', 'beforeMount', 'beforeCreate']);

/** `{ data() {…}, methods: {…}, onLoad() {…} }`: a Vue component's options, not an ordinary object. */
export function isVueOptions(node: TSESTree.ObjectExpression): boolean {
  let groups = false;
  let hooks = false;
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    if (name === undefined) continue;
    if ((name === 'methods' || name === 'computed') && property.value.type === 'ObjectExpression') groups = true;
    else if (name === 'data' && (property.value.type === 'FunctionExpression' || property.value.type === 'ArrowFunctionExpression')) groups = true;
    else if (VUE_HOOKS.has(name) && (property.value.type === 'FunctionExpression' || property.value.type === 'ArrowFunctionExpression')) hooks = true;
  }
  return groups && hooks;
}

/** `Vue.prototype.$api` (`_vue.default.prototype.$api`): the `$` property a plugin puts on every Vue instance. */
export function vuePrototypeProperty(target: TSESTree.Node): string | undefined {
  if (target.type !== 'MemberExpression' || target.object.type !== 'MemberExpression' || memberName(target.object) !== 'prototype') return undefined;
  const name = memberName(target);
  return name?.startsWith('$') ? name : undefined;
}

/**
 * `this.$api` (or `_this2.$api`, Babel's name for `this` in a callback) read or called in a
 * component's method: what a plugin put on Vue's prototype, beside what the instance may hold itself.
 */
export function vuePrototypeField(object: TSESTree.Node, base: readonly Ref[], name: string | undefined): Ref | undefined {
  if (!name?.startsWith('$') || (object.type !== 'ThisExpression' && object.type !== 'Identifier')) return undefined;
  return base.length === 1 && isInstanceKey(base[0]!.key) ? { key: fieldKey(VUE_PROTOTYPE, name)! } : undefined;
}
