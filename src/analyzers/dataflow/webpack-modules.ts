import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import { modulesOf } from '../module-scopes.js';
import type { Node } from '../traverse.js';
import { fieldKey, keyText, type Ref } from './fragment.js';

/**
 * The module functions of a compiled app's webpack chunks (uni-app, Taro 2, mpvue builds:
 * `(global.webpackJsonp = …).push([[ids], { "ad34": function (t, e, n) {…} }])`), linked by id
 * across the app's files: a page's `n("ad34")` is module ad34's exports, wherever the build put it
 * (`common/vendor.js`). The ids of one build are unique, so the node `wm:<id>` is the module's.
 */

type ModuleFunction = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

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

/** The module functions the file's chunk registrations hold, with their ids. */
function chunkModules(program: TSESTree.Program): { fn: ModuleFunction; id: string }[] {
  const found: { fn: ModuleFunction; id: string }[] = [];
  for (const statement of program.body) {
    const call = statement.type === 'ExpressionStatement' ? (unwrapTypeScript(statement.expression as Node) as TSESTree.Node) : undefined;
    if (call?.type !== 'CallExpression') continue;
    for (const argument of call.arguments) {
      const tables = argument.type === 'ArrayExpression' ? argument.elements.map((element) => ({ table: element, ancestors: [call, argument] })) : [{ table: argument, ancestors: [call] }];
      for (const { table, ancestors } of tables) {
        if (table?.type !== 'ObjectExpression') continue;
        // A page's chunk may hold its one module: registered with the build, it is a module all the same.
        const starts = new Map(modulesOf(table, ancestors as TSESTree.Node[], 1).map((module) => [module.range[0], module.id]));
        for (const property of table.properties) {
          const value = property.type === 'Property' ? property.value : undefined;
          const id = value && starts.get(value.range[0]);
          if (id !== undefined && (value!.type === 'FunctionExpression' || value!.type === 'ArrowFunctionExpression')) found.push({ fn: value as ModuleFunction, id });
        }
      }
    }
  }
  return found;
}

/**
 * Ties each chunk module's `module.exports` and `exports` parameters to its node, and returns the
 * parameters it requires other modules with (webpack's third).
 */
export function linkWebpackModules(target: WebpackTarget, program: TSESTree.Program): Set<TSESTree.Identifier> {
  const requires = new Set<TSESTree.Identifier>();
  for (const { fn, id } of chunkModules(program)) {
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
    if (node.arguments.length !== 1 || first?.type !== 'Literal' || (typeof first.value !== 'string' && typeof first.value !== 'number')) return undefined;
    const id = String(first.value);
    return [{ key: target.node(moduleExports(id), node, `webpack module ${id}`) }];
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !isRequire(callee.object)) return undefined;
  if (callee.property.name === 'd' && second?.type === 'Literal' && typeof second.value === 'string' && third) {
    const exports = target.expression(first);
    for (const getter of target.expression(third)) {
      if (getter.shallow) continue;
      for (const ref of exports) if (!ref.shallow) target.copy([{ key: `${getter.key}#r` }], fieldKey(ref.key, keyText(second.value)) ?? ref.key);
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
