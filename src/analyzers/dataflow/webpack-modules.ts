import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import { chunkModuleFunctions } from '../module-scopes.js';
import { webpackModuleId } from '../framework-modules.js';
import type { Node } from '../traverse.js';
import { propertyName } from './extract-syntax.js';
import { fieldKey, keyText, type Ref } from './fragment.js';

/**
 * The module functions of a compiled app's webpack chunks (uni-app, Taro 2 and 3, mpvue builds:
 * `(global.webpackJsonp = …).push([[ids], { "ad34": function (t, e, n) {…} }])`), linked by id
 * across the app's files: a page's `n("ad34")` is module ad34's exports, wherever the build put it
 * (`common/vendor.js`). The ids of one build are unique, so the node `wm:<id>` is the module's.
 */

/** What the linking needs of the extractor. */
export interface WebpackTarget {
  copy(refs: readonly Ref[], target: string): void;
  node(key: string, at: { range: readonly [number, number] }, label?: string): string;
  temp(at: Node, suffix?: string): string;
  expression(node: TSESTree.Node | null | undefined): Ref[];
  variableKey(identifier: TSESTree.Identifier): string;
}

/** The exports of module `id`. */
function moduleExports(id: string): string {
  return `wm:${keyText(id)}`;
}

/**
 * Ties each chunk module's `module.exports` and `exports` parameters to its node, and returns the
 * parameters it requires other modules with (webpack's third).
 */
export function linkWebpackModules(target: WebpackTarget, program: TSESTree.Program): Set<TSESTree.Identifier> {
  const requires = new Set<TSESTree.Identifier>();
  for (const { fn, id } of chunkModuleFunctions(program)) {
    const [module, exports, require] = fn.params;
    if (module?.type === 'Identifier') target.copy([{ key: fieldKey(target.variableKey(module), 'exports')! }], moduleExports(id));
    if (exports?.type === 'Identifier') target.copy([{ key: target.variableKey(exports) }], moduleExports(id));
    if (require?.type === 'Identifier') requires.add(require);
  }
  return requires;
}

/**
 * A call of a module's require parameter: `n("ad34")` is that module's exports; `n.d(e, "a",
 * function () { return r })` (an ES export) gives the exports that field; `n.n(m)` is a getter whose
 * `a` is the module. Undefined for other calls.
 */
export function webpackCall(target: WebpackTarget, node: TSESTree.CallExpression, isRequire: (callee: TSESTree.Node) => boolean): Ref[] | undefined {
  const callee = unwrapTypeScript(node.callee as Node) as TSESTree.Node;
  const [first, second, third] = node.arguments;
  if (isRequire(callee)) {
    const id = webpackModuleId(node);
    if (id === undefined) return undefined;
    return [{ key: target.node(moduleExports(id), node, `webpack module ${id}`) }];
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !isRequire(callee.object)) return undefined;
  if (callee.property.name === 'd' && first && second) {
    const exports = target.expression(first).filter((ref) => !ref.shallow);
    // Webpack 4: `n.d(e, "a", getter)`; webpack 5: `n.d(e, { a: () => x, b: … })`.
    const getters = second.type === 'Literal' && typeof second.value === 'string' && third ? [{ name: second.value, getter: third }] : second.type === 'ObjectExpression' ? objectGetters(second) : [];
    for (const { name, getter } of getters) {
      for (const ref of target.expression(getter)) if (!ref.shallow) for (const into of exports) target.copy([{ key: `${ref.key}#r` }], fieldKey(into.key, keyText(name)) ?? into.key);
    }
    return [];
  }
  if (callee.property.name === 'n' && first) {
    const getter = target.temp(node, '#getter');
    target.copy(target.expression(first), fieldKey(getter, 'a')!);
    return [{ key: getter }];
  }
  return undefined;
}

/** The named getters of webpack 5's `n.d(e, { a: () => x })`. */
function objectGetters(object: TSESTree.ObjectExpression): { name: string; getter: TSESTree.Node }[] {
  return object.properties.flatMap((property) => {
    const name = property.type === 'Property' && !property.computed ? propertyName(property) : undefined;
    return name === undefined ? [] : [{ name, getter: (property as TSESTree.Property).value as TSESTree.Node }];
  });
}
