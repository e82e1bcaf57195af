import type { TSESTree } from '@typescript-eslint/types';
import type { Range } from './tracker-syntax.js';

/** Parameters of a bundler's module function: webpack passes (module, exports, require). */
const MAX_MODULE_PARAMS = 3;
/** A hashed module id the minifier left unquoted (`a9b5`); the table has quoted ids too (`"0029"`). */
const HASHED_ID = /^[0-9a-f]{4,}$/i;
/** Modules visited when following requires from one module: bounds hostile tables. */
const MAX_VISITS = 5_000;

/** One module function of a bundle's module table. */
export interface BundleModule {
  id: string;
  range: Range;
  /** The parameter the module requires other modules with (webpack's third), if it has one. */
  requireName?: string;
}

/** `n("2f3b")`, `n(12)`: a call that may require a module of the same table by id. */
export interface ModuleRequire {
  offset: number;
  callee: string;
  id: string;
}

type ModuleFunction = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isModuleFunction(node: TSESTree.Node | null): node is ModuleFunction {
  return (node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression') && node.params.length <= MAX_MODULE_PARAMS;
}

function moduleOf(id: string, fn: ModuleFunction): BundleModule {
  const required = fn.params[2];
  return { id, range: fn.range, ...(required?.type === 'Identifier' && { requireName: required.name }) };
}

/** The callee of a chunk's registration: `webpackJsonp(…)`, `(global.webpackJsonp = …).push(…)`, `self.webpackChunkapp.push(…)`. */
function isChunkRegistration(callee: TSESTree.Node): boolean {
  if (callee.type === 'Identifier') return /^webpackJsonp/.test(callee.name);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'push';
}

/**
 * Whether a module table is a chunk's: an argument of its registration, alone or in the array
 * `[[chunk ids], {modules}]`. A chunk bundles many packages side by side; a table handed to a
 * bootstrap function (`(function (modules) {…})([…])`) is one build of one library, and stays
 * one scope.
 */
function isChunkTable(node: TSESTree.Node, ancestors: readonly TSESTree.Node[]): boolean {
  let child = node;
  for (let index = ancestors.length - 1; index >= Math.max(0, ancestors.length - 2); index--) {
    const parent = ancestors[index]!;
    if (parent.type === 'CallExpression') return parent.arguments.includes(child as TSESTree.Expression) && isChunkRegistration(parent.callee);
    if (parent.type !== 'ArrayExpression') return false;
    child = parent;
  }
  return false;
}

/**
 * The modules a node defines, if it is a chunk's module table: webpack's
 * `{"2d17": function (e, t, n) {…}, a9b5: function …, 12: function …}` (ids, not names: a page's
 * options are named) or `[function (e, t) {…}, function …]` (ids are positions), or wxapkg's
 * `define("pages/a.js", function (…) {…})`, one source file each.
 */
export function modulesOf(node: TSESTree.Node, ancestors: readonly TSESTree.Node[]): BundleModule[] {
  if ((node.type === 'ObjectExpression' || node.type === 'ArrayExpression') && !isChunkTable(node, ancestors)) return [];
  if (node.type === 'ObjectExpression') {
    if (node.properties.length < 2) return [];
    const modules: BundleModule[] = [];
    let quoted = false;
    for (const property of node.properties) {
      if (property.type !== 'Property' || property.computed || !isModuleFunction(property.value)) return [];
      if (property.key.type === 'Literal') quoted = true;
      else if (property.key.type !== 'Identifier' || !HASHED_ID.test(property.key.name)) return [];
      modules.push(moduleOf(property.key.type === 'Literal' ? String(property.key.value) : property.key.name, property.value));
    }
    return quoted ? modules : [];
  }
  if (node.type === 'ArrayExpression') {
    const functions = node.elements.filter((element) => element !== null);
    if (functions.length < 2 || !functions.every((element) => isModuleFunction(element))) return [];
    return node.elements.flatMap((element, index) => (element && isModuleFunction(element) ? [moduleOf(String(index), element)] : []));
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'define') {
    const [name, factory] = node.arguments;
    if (name?.type === 'Literal' && typeof name.value === 'string' && factory && isModuleFunction(factory)) return [{ id: name.value, range: factory.range }];
  }
  return [];
}

/** A call with one literal argument, by a name some module requires with: a possible require. */
export function moduleRequireOf(call: TSESTree.CallExpression, requireNames: ReadonlySet<string>): ModuleRequire | undefined {
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || call.callee.type !== 'Identifier' || !requireNames.has(call.callee.name) || argument?.type !== 'Literal') return undefined;
  if (typeof argument.value !== 'string' && typeof argument.value !== 'number') return undefined;
  return { offset: call.range[0], callee: call.callee.name, id: String(argument.value) };
}

const contains = (range: Range, offset: number): boolean => range[0] <= offset && offset < range[1];

/**
 * The code that belongs with an offset in a bundle of modules: the modules around it and every
 * module they require, transitively. One library's modules require each other; the libraries a
 * chunk bundles side by side do not. Undefined when the offset is in no module: the whole file.
 */
export function moduleScope(modules: readonly BundleModule[], requires: readonly ModuleRequire[], offset: number): Range[] | undefined {
  const queue = modules.filter((module) => contains(module.range, offset));
  if (queue.length === 0) return undefined;
  const byId = new Map<string, BundleModule[]>();
  for (const module of modules) byId.set(module.id, [...(byId.get(module.id) ?? []), module]);
  const seen = new Set(queue);
  for (let index = 0; index < queue.length && index < MAX_VISITS; index++) {
    const module = queue[index]!;
    for (const required of requires) {
      if (required.callee !== module.requireName || !contains(module.range, required.offset)) continue;
      for (const target of byId.get(required.id) ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return queue.map((module) => module.range);
}

/** Whether an offset lies in a scope; no scope is the whole file. */
export function inScope(scope: readonly Range[] | undefined, offset: number): boolean {
  return !scope || scope.some((range) => contains(range, offset));
}
