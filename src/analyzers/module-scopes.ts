import type { TSESTree } from '@typescript-eslint/types';
import type { Range } from './tracker-syntax.js';
import { lowerBound } from '../util/lower-bound.js';
import { staticPropertyName } from './api-calls.js';
import { webpackModuleId } from './framework-modules.js';
import type { Node } from './traverse.js';

/** Parameters of a bundler's module function: webpack passes (module, exports, require). */
const MAX_MODULE_PARAMS = 3;
/** A hashed module id the minifier left unquoted (`a9b5`); the table has quoted ids too (`"0029"`). */
const HASHED_ID = /^[0-9a-f]{4,}$/i;
/** A quoted module id: a number, a hash, or a path (`"./src/a.js"`); `"init"` and `"send"` are names. */
const MODULE_ID = /^(?:[0-9a-f]+|[^\s]*\/[^\s]*)$/i;
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

/** The callee of a chunk's registration: `webpackJsonp(…)`, `global.webpackJsonp(…)` (webpack 3, mpvue), `(global.webpackJsonp = …).push(…)`, `self.webpackChunkapp.push(…)`. */
function isChunkRegistration(callee: TSESTree.Node): boolean {
  if (callee.type === 'Identifier') return /^webpackJsonp/.test(callee.name);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  return callee.property.name === 'push' || /^webpackJsonp/.test(callee.property.name);
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
 * `{"2d17": function (e, t, n) {…}, a9b5: function …, "./src/a.js": function …}` (ids, not names:
 * a page's options are named) or `[function (e, t) {…}, function …]` (ids are positions). A
 * wxapkg's `define("pages/a.js", …)` modules are analysed as files of their own already. `minModules`:
 * fewer make no table (one module alone is a single library's scope for the tracker scoping).
 */
export function modulesOf(node: TSESTree.Node, ancestors: readonly TSESTree.Node[], minModules = 2): BundleModule[] {
  if ((node.type === 'ObjectExpression' || node.type === 'ArrayExpression') && !isChunkTable(node, ancestors)) return [];
  if (node.type === 'ObjectExpression') {
    if (node.properties.length < minModules) return [];
    const modules: BundleModule[] = [];
    let quoted = false;
    for (const property of node.properties) {
      if (property.type !== 'Property' || property.computed || !isModuleFunction(property.value)) return [];
      if (property.key.type === 'Literal' && MODULE_ID.test(String(property.key.value))) quoted = true;
      else if (property.key.type !== 'Identifier' || !HASHED_ID.test(property.key.name)) return [];
      modules.push(moduleOf(property.key.type === 'Literal' ? String(property.key.value) : property.key.name, property.value));
    }
    return quoted ? modules : [];
  }
  if (node.type === 'ArrayExpression') {
    const functions = node.elements.filter((element) => element !== null);
    if (functions.length < minModules || !functions.every((element) => isModuleFunction(element))) return [];
    return node.elements.flatMap((element, index) => (element && isModuleFunction(element) ? [moduleOf(String(index), element)] : []));
  }
  return [];
}

/** The module functions a file's top-level chunk registrations hold, with their ids (webpack-modules.ts links them). */
export function chunkModuleFunctions(program: TSESTree.Program): { fn: ModuleFunction; id: string }[] {
  const found: { fn: ModuleFunction; id: string }[] = [];
  for (const statement of program.body) {
    const call = statement.type === 'ExpressionStatement' ? (statement.expression as TSESTree.Node) : undefined;
    if (call?.type !== 'CallExpression') continue;
    for (const argument of call.arguments) {
      const tables = argument.type === 'ArrayExpression' ? argument.elements.map((element) => ({ table: element, ancestors: [call, argument] })) : [{ table: argument, ancestors: [call] }];
      for (const { table, ancestors } of tables) {
        // Modules by id (`{ "ad34": function … }`), or by position (`[ /* 0 */ function … ]`, a development build's main chunk).
        if (table?.type !== 'ObjectExpression' && table?.type !== 'ArrayExpression') continue;
        // A page's chunk may hold its one module: registered with the build, it is a module all the same.
        const starts = new Map(modulesOf(table, ancestors as TSESTree.Node[], 1).map((module) => [module.range[0], module.id]));
        const values = table.type === 'ObjectExpression' ? table.properties.map((property) => (property.type === 'Property' ? property.value : undefined)) : table.elements;
        for (const value of values) {
          const id = value ? starts.get(value.range[0]) : undefined;
          if (id !== undefined && (value!.type === 'FunctionExpression' || value!.type === 'ArrowFunctionExpression')) found.push({ fn: value as ModuleFunction, id });
        }
      }
    }
  }
  return found;
}

/** A call with one literal argument, by a name some module requires with: a possible require. */
export function moduleRequireOf(call: TSESTree.CallExpression, requireNames: ReadonlySet<string>): ModuleRequire | undefined {
  if (call.callee.type !== 'Identifier' || !requireNames.has(call.callee.name)) return undefined;
  const id = webpackModuleId(call);
  return id === undefined ? undefined : { offset: call.range[0], callee: call.callee.name, id };
}

/**
 * `}).call(this, n("543d").default)`: a require that webpack's ProvidePlugin hands a module's code as
 * a global (`uni`, `wx`, `global`). The module uses the platform's runtime through it, but does not
 * require that library as one of its own: the runtime's lists of lifecycle handlers are not the
 * module's.
 */
export function isProvidedGlobal(call: TSESTree.CallExpression, ancestors: readonly Node[]): boolean {
  let child: Node = call;
  let index = ancestors.length - 1;
  const parent = ancestors[index];
  if (parent?.type === 'MemberExpression' && parent.object === child) {
    child = parent;
    index--;
  }
  const wrapper = ancestors[index];
  if (wrapper?.type !== 'CallExpression' || !wrapper.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  const callee = wrapper.callee;
  return callee.type === 'MemberExpression' && staticPropertyName(callee) === 'call' && callee.object.type === 'FunctionExpression';
}

const contains = (range: Range, offset: number): boolean => range[0] <= offset && offset < range[1];

/**
 * The modules of one file and the requires between them, indexed once: which module requires
 * which, by id. One library's modules require each other; the libraries a chunk bundles side by
 * side do not.
 */
export class ModuleGraph {
  private readonly byId = new Map<string, BundleModule[]>();
  private readonly required = new Map<BundleModule, BundleModule[]>();
  private readonly scopes = new Map<BundleModule, Range[]>();

  constructor(private readonly modules: readonly BundleModule[], requires: readonly ModuleRequire[]) {
    for (const module of modules) this.byId.set(module.id, [...(this.byId.get(module.id) ?? []), module]);
    const sorted = [...requires].sort((a, b) => a.offset - b.offset);
    for (const module of modules) {
      const targets: BundleModule[] = [];
      for (let index = firstAtOrAfter(sorted, module.range[0]); index < sorted.length && sorted[index]!.offset < module.range[1]; index++) {
        const require = sorted[index]!;
        if (require.callee === module.requireName) targets.push(...(this.byId.get(require.id) ?? []));
      }
      this.required.set(module, targets);
    }
  }

  /** The modules around an offset and every module they require, transitively; undefined outside every module (the whole file). */
  scopeAround(offset: number): Range[] | undefined {
    const around = this.modules.filter((module) => contains(module.range, offset));
    if (around.length === 0) return undefined;
    return around.flatMap((module) => this.scopeOf(module));
  }

  private scopeOf(start: BundleModule): Range[] {
    const cached = this.scopes.get(start);
    if (cached) return cached;
    const queue = [start];
    const seen = new Set(queue);
    for (let index = 0; index < queue.length && index < MAX_VISITS; index++) {
      for (const target of this.required.get(queue[index]!) ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    }
    const scope = queue.map((module) => module.range);
    this.scopes.set(start, scope);
    return scope;
  }
}

function firstAtOrAfter(sorted: readonly ModuleRequire[], offset: number): number {
  return lowerBound(sorted, (require) => require.offset < offset);
}

/** Whether an offset lies in a scope; no scope is the whole file. */
export function inScope(scope: readonly Range[] | undefined, offset: number): boolean {
  return !scope || scope.some((range) => contains(range, offset));
}
