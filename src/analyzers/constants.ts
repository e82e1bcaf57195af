import type { TSESTree } from '@typescript-eslint/types';
import type { Region } from '../types.js';
import { staticPropertyName, unwrapTypeScript } from './api-calls.js';
import type { Listeners, Node } from './traverse.js';

/**
 * A small, bounded constant evaluator for the strings rules care about (URLs, code passed to eval).
 *
 * Two phases, so that it fits the one shared traversal per file:
 * 1. While a script is traversed, `createConstantCollector` records a {@link ModuleSummary}: the
 *    bindings of every scope (`const`, and `let`/`var` that are never assigned again), what the
 *    module exports (ES `export`, CommonJS `module.exports`/`exports.x`) and what it imports
 *    (`import`, `require`), and the object passed to `App({...})`. Rules turn the expressions
 *    they care about into symbolic values with `capture(node)`; nothing is evaluated yet.
 * 2. A {@link ConstantResolver} evaluates symbolic values to the strings they can be, following
 *    bindings within the file and, when given the summaries of the other files of the bundle,
 *    imports across modules (relative, root-absolute and bare specifiers among the bundle's files)
 *    and `getApp().globalData.x` into app.js.
 *
 * What it understands: string, number and template literals; `+` concatenation; `a ? b : c`,
 * `a || b`, `a ?? b` (every branch is a possible value); object literals with static keys and
 * member access on them; TypeScript-only wrappers. Everything else (calls, parameters, values
 * assigned after declaration, computed keys, array methods) is unknown, shown as a hole.
 *
 * Bounds: at most {@link MAX_ALTERNATIVES} alternatives per value, {@link MAX_STEPS} evaluation
 * steps per query, expressions captured at most {@link MAX_CAPTURE_DEPTH} levels deep, and cycles
 * (`a = b + ''; b = a`) cut. All of it is deterministic: same input, same alternatives, same order.
 */

export const MAX_ALTERNATIVES = 16;
export const MAX_STEPS = 4_000;
export const MAX_CAPTURE_DEPTH = 24;
const MAX_OBJECT_PROPERTIES = 256;

/** Where a string literal stands: file and 0-based offsets of the literal, quotes included. */
export interface Origin {
  file: string;
  start: number;
  end: number;
}

export type SymValue =
  | { kind: 'string'; value: string; origin?: Origin }
  | { kind: 'concat'; parts: readonly SymValue[] }
  | { kind: 'choice'; options: readonly SymValue[] }
  | { kind: 'ref'; name: string; scope: Scope }
  | { kind: 'member'; object: SymValue; property: string }
  | { kind: 'object'; properties: ReadonlyMap<string, SymValue> }
  /** An import: `name` is an export name, `default`, or `*` for the whole module (`require`, `import * as`). */
  | { kind: 'module'; specifier: string; from: string; name: string }
  /** `getApp()`. */
  | { kind: 'app' }
  | { kind: 'unknown' };

export const UNKNOWN: SymValue = Object.freeze({ kind: 'unknown' });

interface Binding {
  value: SymValue;
  /** `let`, `var`: constant only if the file never assigns the name again. */
  mutable: boolean;
}

/** A lexical scope of one file. Bindings are added while the file is traversed and looked up afterwards. */
export class Scope {
  private table: Map<string, Binding> | undefined;

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
    /** Names the file assigns to (`x = …`, `x++`, `for (x of …)`), shared by all scopes of the file. */
    readonly reassigned: Set<string>,
    /** `name.property` the file assigns to (`config.base = …`), or `name.*` (`Object.assign(config, …)`, `config[k] = …`). */
    readonly mutated: Set<string>,
  ) {}

  /** Bindings of this scope alone (most block scopes have none: the map is made on first use). */
  get bindings(): Map<string, Binding> {
    return (this.table ??= new Map());
  }

  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const binding = scope.table?.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }
}

/** What one module defines and exports, for evaluation after the traversal. */
export interface ModuleSummary {
  /** POSIX path relative to the scanned root. */
  file: string;
  thirdParty: boolean;
  /** Turns offsets of this file into a region (kept so findings can point into any module later). */
  region(start: number, end: number): Region;
  named: Map<string, SymValue>;
  defaultExport?: SymValue;
  /** `module.exports = …`. */
  cjsExports?: SymValue;
  /** `exports.x = …`, `module.exports.x = …`. */
  cjsProperties: Map<string, SymValue>;
  /** `export * from '…'`. */
  reexportAll: string[];
  /** The object passed to `App({...})`. */
  appOptions?: SymValue;
}

export interface ConstantCollector {
  readonly listeners: Listeners;
  readonly module: ModuleSummary;
  /** The symbolic value of an expression at the current point of the traversal (its scope is remembered). */
  capture(node: Node): SymValue;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const FUNCTION_TYPES = 'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression';
const BLOCK_TYPES = 'BlockStatement, ForStatement, ForInStatement, ForOfStatement, CatchClause, SwitchStatement, StaticBlock';

/** Names a binding pattern introduces (`a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`). */
export function patternNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) patternNames(property.type === 'RestElement' ? property : property.value, out);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) patternNames(element, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
    default:
      break;
  }
  return out;
}

function propertyKeyName(property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export { propertyKeyName };

function isRequire(node: Node): boolean {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]!.type === 'Literal' &&
    typeof node.arguments[0]!.value === 'string'
  );
}

/** `module.exports`, or `exports` itself. */
function isExportsObject(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && staticPropertyName(node) === 'exports';
}

/** Records one file's scopes, bindings, exports and imports during the shared traversal. */
export function createConstantCollector(file: { path: string; thirdParty: boolean }, region: (start: number, end: number) => Region): ConstantCollector {
  const reassigned = new Set<string>();
  const mutated = new Set<string>();
  const module: ModuleSummary = {
    file: file.path,
    thirdParty: file.thirdParty,
    region,
    named: new Map(),
    cjsProperties: new Map(),
    reexportAll: [],
  };
  let programScope = new Scope(undefined, true, reassigned, mutated);
  let scope = programScope;
  /** The node that opened each scope on the stack, innermost last. */
  const openedBy: Node[] = [];

  const push = (node: Node, isFunction: boolean): Scope => {
    scope = new Scope(scope, isFunction, reassigned, mutated);
    openedBy.push(node);
    return scope;
  };
  const pop = (node: Node): void => {
    if (openedBy[openedBy.length - 1] !== node || !scope.parent) return;
    openedBy.pop();
    scope = scope.parent;
  };
  const bind = (target: Scope, name: string, value: SymValue, mutable: boolean): void => {
    const existing = target.bindings.get(name);
    // `var a = 1; var a = 2;` — either may hold: not a constant.
    target.bindings.set(name, existing ? { value: UNKNOWN, mutable: true } : { value, mutable });
  };

  const capture = (node: Node): SymValue => toSym(node, scope, file.path, 0);
  /** `a.b = …`, `a.b.c = …`, `a[k] = …`: remembers that `a.b` (or every property of `a`) changes. */
  const noteMutation = (target: TSESTree.MemberExpression, whole = false): void => {
    let member = target;
    while (member.object.type === 'MemberExpression') member = member.object;
    const root = unwrapTypeScript(member.object);
    if (root.type !== 'Identifier') return;
    const property = whole && member === target ? undefined : staticPropertyName(member);
    mutated.add(`${root.name}.${property ?? '*'}`);
  };

  const listeners: Listeners = {
    Program(node) {
      programScope = new Scope(undefined, true, reassigned, mutated);
      scope = programScope;
      openedBy.length = 0;
      void node;
    },
    [FUNCTION_TYPES](node) {
      const fn = node as FunctionNode;
      if (fn.type === 'FunctionDeclaration' && fn.id) bind(scope, fn.id.name, UNKNOWN, false);
      const inner = push(fn, true);
      if (fn.type === 'FunctionExpression' && fn.id) bind(inner, fn.id.name, UNKNOWN, false);
      for (const param of fn.params) for (const name of patternNames(param)) bind(inner, name, UNKNOWN, false);
    },
    [`${FUNCTION_TYPES}:exit`](node) {
      pop(node);
    },
    [BLOCK_TYPES](node) {
      const inner = push(node, false);
      if (node.type === 'CatchClause') for (const name of patternNames(node.param)) bind(inner, name, UNKNOWN, false);
    },
    [`${BLOCK_TYPES}:exit`](node) {
      pop(node);
    },
    'ClassDeclaration'(node) {
      const id = (node as TSESTree.ClassDeclaration).id;
      if (id) bind(scope, id.name, UNKNOWN, false);
    },
    VariableDeclarator(node, ancestors) {
      const declarator = node as TSESTree.VariableDeclarator;
      const declaration = ancestors[ancestors.length - 1];
      const kind = declaration?.type === 'VariableDeclaration' ? declaration.kind : 'var';
      const target = kind === 'var' ? scope.functionScope() : scope;
      const mutable = kind === 'let' || kind === 'var';
      const init = declarator.init ? capture(declarator.init) : UNKNOWN;
      const id = declarator.id;
      if (id.type === 'Identifier') {
        bind(target, id.name, declarator.init ? init : UNKNOWN, mutable);
      } else if (id.type === 'ObjectPattern') {
        for (const property of id.properties) {
          if (property.type === 'RestElement') {
            for (const name of patternNames(property)) bind(target, name, UNKNOWN, mutable);
            continue;
          }
          const key = propertyKeyName(property);
          const value = property.value;
          if (key !== undefined && value.type === 'Identifier') bind(target, value.name, { kind: 'member', object: init, property: key }, mutable);
          else if (key !== undefined && value.type === 'AssignmentPattern' && value.left.type === 'Identifier') {
            bind(target, value.left.name, { kind: 'choice', options: [{ kind: 'member', object: init, property: key }, capture(value.right)] }, mutable);
          } else for (const name of patternNames(value)) bind(target, name, UNKNOWN, mutable);
        }
      } else {
        for (const name of patternNames(id)) bind(target, name, UNKNOWN, mutable);
      }
    },
    ImportDeclaration(node) {
      const declaration = node as TSESTree.ImportDeclaration;
      const specifier = declaration.source.value;
      for (const item of declaration.specifiers) {
        const name =
          item.type === 'ImportDefaultSpecifier' ? 'default'
          : item.type === 'ImportNamespaceSpecifier' ? '*'
          : item.imported.type === 'Identifier' ? item.imported.name : String(item.imported.value);
        bind(programScope, item.local.name, { kind: 'module', specifier, from: file.path, name }, false);
      }
    },
    ExportNamedDeclaration(node) {
      const declaration = node as TSESTree.ExportNamedDeclaration;
      const inner = declaration.declaration;
      if (inner?.type === 'VariableDeclaration') {
        for (const declarator of inner.declarations) {
          for (const name of patternNames(declarator.id)) module.named.set(name, { kind: 'ref', name, scope: programScope });
        }
      } else if (inner && 'id' in inner && inner.id?.type === 'Identifier') {
        module.named.set(inner.id.name, UNKNOWN);
      }
      for (const item of declaration.specifiers) {
        const exported = item.exported.type === 'Identifier' ? item.exported.name : String(item.exported.value);
        const local = item.local.type === 'Identifier' ? item.local.name : String((item.local as TSESTree.StringLiteral).value);
        module.named.set(
          exported,
          declaration.source ? { kind: 'module', specifier: declaration.source.value, from: file.path, name: local } : { kind: 'ref', name: local, scope: programScope },
        );
      }
    },
    ExportAllDeclaration(node) {
      const declaration = node as TSESTree.ExportAllDeclaration;
      if (declaration.exported) {
        const exported = declaration.exported as TSESTree.Identifier | TSESTree.StringLiteral;
        const name = exported.type === 'Identifier' ? exported.name : exported.value;
        module.named.set(name, { kind: 'module', specifier: declaration.source.value, from: file.path, name: '*' });
      } else module.reexportAll.push(declaration.source.value);
    },
    ExportDefaultDeclaration(node) {
      const declaration = (node as TSESTree.ExportDefaultDeclaration).declaration;
      module.defaultExport =
        declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration' || declaration.type === 'TSInterfaceDeclaration' || declaration.type === 'TSDeclareFunction'
          ? UNKNOWN
          : capture(declaration);
    },
    AssignmentExpression(node) {
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      for (const name of left.type === 'MemberExpression' ? [] : patternNames(left)) reassigned.add(name);
      if (left.type === 'MemberExpression') noteMutation(left);
      if (assignment.operator !== '=' || left.type !== 'MemberExpression') return;
      if (isExportsObject(left) && left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module') {
        module.cjsExports = capture(assignment.right);
        module.cjsProperties.clear();
        return;
      }
      const property = staticPropertyName(left);
      if (property !== undefined && isExportsObject(left.object)) module.cjsProperties.set(property, capture(assignment.right));
    },
    UpdateExpression(node) {
      const argument = (node as TSESTree.UpdateExpression).argument;
      if (argument.type === 'Identifier') reassigned.add(argument.name);
      else if (argument.type === 'MemberExpression') noteMutation(argument);
    },
    'UnaryExpression[operator="delete"]'(node) {
      const argument = (node as TSESTree.UnaryExpression).argument;
      if (argument.type === 'MemberExpression') noteMutation(argument);
    },
    'ForInStatement, ForOfStatement'(node) {
      const left = (node as TSESTree.ForInStatement).left;
      if (left.type !== 'VariableDeclaration') for (const name of patternNames(left)) reassigned.add(name);
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      // Object.assign(config, …), Object.defineProperty(config, …): any property may change.
      if (call.callee.type === 'MemberExpression' && call.callee.object.type === 'Identifier' && call.callee.object.name === 'Object') {
        const target = call.arguments[0];
        if (target?.type === 'Identifier') mutated.add(`${target.name}.*`);
        else if (target?.type === 'MemberExpression') noteMutation(target, true);
      }
      if (call.callee.type === 'Identifier' && call.callee.name === 'App' && call.arguments[0]?.type === 'ObjectExpression' && scope.functionScope() === programScope) {
        module.appOptions = capture(call.arguments[0]);
      }
    },
  };

  return { listeners, module, capture };
}

/** The symbolic value of an expression; `depth` bounds the recursion. */
function toSym(input: Node, scope: Scope, file: string, depth: number): SymValue {
  if (depth > MAX_CAPTURE_DEPTH) return UNKNOWN;
  const node = unwrapTypeScript(input);
  const next = (child: Node): SymValue => toSym(child, scope, file, depth + 1);
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') return { kind: 'string', value: node.value, origin: { file, start: node.range[0], end: node.range[1] } };
      if (typeof node.value === 'number' || typeof node.value === 'boolean' || node.value === null) return { kind: 'string', value: String(node.value) };
      return UNKNOWN;
    case 'TemplateLiteral': {
      const parts: SymValue[] = [];
      node.quasis.forEach((quasi, index) => {
        const cooked = quasi.value.cooked;
        if (cooked === null || cooked === undefined) parts.push(UNKNOWN);
        else if (cooked !== '') parts.push({ kind: 'string', value: cooked, origin: { file, start: index === 0 ? node.range[0] : quasi.range[0], end: quasi.range[1] } });
        const expression = node.expressions[index];
        if (expression) parts.push(next(expression));
      });
      return parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
    }
    case 'BinaryExpression':
      if (node.operator !== '+') return UNKNOWN;
      return { kind: 'concat', parts: [next(node.left), next(node.right)] };
    case 'ConditionalExpression':
      return { kind: 'choice', options: [next(node.consequent), next(node.alternate)] };
    case 'LogicalExpression':
      return node.operator === '&&' ? next(node.right) : { kind: 'choice', options: [next(node.left), next(node.right)] };
    case 'Identifier':
      return node.name === 'undefined' ? UNKNOWN : { kind: 'ref', name: node.name, scope };
    case 'MemberExpression': {
      const property = staticPropertyName(node);
      if (property === undefined) return UNKNOWN;
      return { kind: 'member', object: next(node.object), property };
    }
    case 'ObjectExpression': {
      const properties = new Map<string, SymValue>();
      for (const property of node.properties) {
        if (properties.size >= MAX_OBJECT_PROPERTIES) break;
        if (property.type !== 'Property') continue; // spreads: their keys are unknown
        const key = propertyKeyName(property);
        if (key === undefined) continue;
        properties.set(key, property.kind === 'init' && !property.method ? next(property.value) : UNKNOWN);
      }
      return { kind: 'object', properties };
    }
    case 'CallExpression': {
      if (isRequire(node)) return { kind: 'module', specifier: (node.arguments[0] as TSESTree.StringLiteral).value, from: file, name: '*' };
      if (node.callee.type === 'Identifier' && node.callee.name === 'getApp' && node.arguments.length === 0) return { kind: 'app' };
      // String(x), x.toString(): the same text.
      if (node.callee.type === 'Identifier' && node.callee.name === 'String' && node.arguments.length === 1) return next(node.arguments[0]!);
      if (node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'concat' && node.arguments.every((a) => a.type !== 'SpreadElement')) {
        return { kind: 'concat', parts: [next(node.callee.object), ...node.arguments.map(next)] };
      }
      return UNKNOWN;
    }
    case 'SequenceExpression':
      return next(node.expressions[node.expressions.length - 1]!);
    default:
      return UNKNOWN;
  }
}

// ---------------------------------------------------------------- resolution

/** A piece of a string: known text (with the literal it came from), or a hole known only at run time. */
export type Piece = { text: string; origin?: Origin } | { hole: true };
/** One possible value of a string: its pieces in order. */
export type Alternative = readonly Piece[];

export interface StringValues {
  alternatives: Alternative[];
  /** Some import could not be followed because its module is not among those the resolver was given. */
  external: boolean;
  /** Alternatives beyond the limit, or the step budget, were cut: there may be more values. */
  truncated: boolean;
}

type Atom =
  | { t: 'str'; pieces: Alternative }
  | { t: 'obj'; properties: ReadonlyMap<string, SymValue> }
  | { t: 'ns'; module: ModuleSummary }
  | { t: 'app' }
  | { t: 'unknown' };

const HOLE: Piece = Object.freeze({ hole: true as const });
const UNKNOWN_ATOM: Atom = Object.freeze({ t: 'unknown' as const });

export interface ResolverOptions {
  /** POSIX path of the mini-app root relative to the scanned root ('' when they coincide), for `/abs` specifiers and app.js. */
  appRoot?: string;
  /**
   * One file on its own: imports and `getApp()` are unknown and mark the result `external`, so the
   * caller knows a project-wide resolution could say more.
   */
  local?: boolean;
}

const EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '/index.js', '/index.ts'];

function normalise(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(base: string, relative: string): string {
  return base === '' ? relative : `${base}/${relative}`;
}

/** Evaluates symbolic values to the strings they may be, across the modules it is given. */
export class ConstantResolver {
  private readonly modules: ReadonlyMap<string, ModuleSummary>;
  private readonly appRoot: string;
  private readonly local: boolean;
  private appModule: ModuleSummary | undefined | null = null;
  private steps = 0;
  private external = false;
  private truncated = false;
  private readonly active = new Set<SymValue>();

  constructor(modules: ReadonlyMap<string, ModuleSummary> | readonly ModuleSummary[], options: ResolverOptions = {}) {
    this.modules = Array.isArray(modules) ? new Map(modules.map((m) => [m.file, m])) : (modules as ReadonlyMap<string, ModuleSummary>);
    this.appRoot = options.appRoot ?? '';
    this.local = options.local ?? false;
  }

  /** The possible string values of `value`; a value that is not a string becomes a single hole. */
  strings(value: SymValue): StringValues {
    this.steps = 0;
    this.external = false;
    this.truncated = false;
    const alternatives = this.evaluate(value).map((atom) => (atom.t === 'str' ? atom.pieces : [HOLE]));
    return { alternatives: dedupe(alternatives), external: this.external, truncated: this.truncated };
  }

  /** The module a specifier names, seen from `from`, if it is one of the resolver's modules. */
  resolveSpecifier(specifier: string, from: string): ModuleSummary | undefined {
    const candidates: string[] = [];
    if (specifier.startsWith('./') || specifier.startsWith('../')) candidates.push(join(dirname(from), specifier));
    else if (specifier.startsWith('/')) candidates.push(join(this.appRoot, specifier.slice(1)));
    else {
      // WeChat resolves a bare specifier against the file's folder when no npm package matches.
      candidates.push(join(dirname(from), specifier), join(this.appRoot, specifier), join(this.appRoot, `miniprogram_npm/${specifier}`));
    }
    for (const candidate of candidates) {
      const base = normalise(candidate);
      if (base === undefined) continue;
      for (const extension of EXTENSIONS) {
        const found = this.modules.get(base + extension);
        if (found) return found;
      }
    }
    return undefined;
  }

  private app(): ModuleSummary | undefined {
    if (this.appModule === null) {
      this.appModule = undefined;
      for (const extension of ['.js', '.ts']) {
        const found = this.modules.get(join(this.appRoot, `app${extension}`));
        if (found?.appOptions) {
          this.appModule = found;
          break;
        }
      }
    }
    return this.appModule;
  }

  private evaluate(value: SymValue): Atom[] {
    if (++this.steps > MAX_STEPS) {
      this.truncated = true;
      return [UNKNOWN_ATOM];
    }
    switch (value.kind) {
      case 'string':
        return [{ t: 'str', pieces: [value.origin ? { text: value.value, origin: value.origin } : { text: value.value }] }];
      case 'unknown':
        return [UNKNOWN_ATOM];
      case 'object':
        return [{ t: 'obj', properties: value.properties }];
      case 'app': {
        const app = this.local ? undefined : this.app();
        if (!app?.appOptions) {
          if (this.local) this.external = true;
          return [UNKNOWN_ATOM];
        }
        return this.evaluate(app.appOptions);
      }
      case 'choice':
        return this.limit(value.options.flatMap((option) => this.evaluate(option)));
      case 'concat': {
        let combined: Alternative[] = [[]];
        for (const part of value.parts) {
          const options = this.evaluate(part).map((atom): Alternative => (atom.t === 'str' ? atom.pieces : [HOLE]));
          const product: Alternative[] = [];
          for (const left of combined) for (const right of options) product.push([...left, ...right]);
          combined = this.limitAlternatives(dedupe(product));
        }
        return combined.map((pieces) => ({ t: 'str', pieces }));
      }
      case 'ref': {
        const binding = value.scope.lookup(value.name);
        if (!binding || (binding.mutable && value.scope.reassigned.has(value.name))) return [UNKNOWN_ATOM];
        return this.guarded(binding.value, () => this.evaluate(binding.value));
      }
      case 'member':
        if (value.object.kind === 'ref' && this.isMutated(value.object, value.property)) return [UNKNOWN_ATOM];
        return this.limit(this.evaluate(value.object).flatMap((atom) => this.member(atom, value.property)));
      case 'module': {
        const target = this.local ? undefined : this.resolveSpecifier(value.specifier, value.from);
        if (!target) {
          if (this.local) this.external = true;
          return [UNKNOWN_ATOM];
        }
        if (value.name === '*') return [{ t: 'ns', module: target }];
        if (value.name === 'default') {
          if (target.defaultExport) return this.guarded(target.defaultExport, () => this.evaluate(target.defaultExport!));
          return [{ t: 'ns', module: target }];
        }
        return this.exportOf(target, value.name, new Set());
      }
    }
  }

  /** `config.base` where the file also assigns `config.base` (or any property of `config`): not a constant. */
  private isMutated(ref: Extract<SymValue, { kind: 'ref' }>, property: string): boolean {
    const { mutated } = ref.scope;
    return mutated.has(`${ref.name}.${property}`) || mutated.has(`${ref.name}.*`);
  }

  private member(atom: Atom, property: string): Atom[] {
    switch (atom.t) {
      case 'obj': {
        const found = atom.properties.get(property);
        return found ? this.evaluate(found) : [UNKNOWN_ATOM];
      }
      case 'ns':
        if (property === 'default' && atom.module.defaultExport) return this.evaluate(atom.module.defaultExport);
        return this.exportOf(atom.module, property, new Set());
      default:
        return [UNKNOWN_ATOM];
    }
  }

  private exportOf(module: ModuleSummary, name: string, seen: Set<ModuleSummary>): Atom[] {
    if (seen.has(module)) return [UNKNOWN_ATOM];
    seen.add(module);
    const direct = module.named.get(name) ?? module.cjsProperties.get(name);
    if (direct) return this.guarded(direct, () => this.evaluate(direct));
    if (module.cjsExports) {
      const exports = module.cjsExports;
      return this.guarded(exports, () => this.limit(this.evaluate(exports).flatMap((atom) => this.member(atom, name))));
    }
    for (const specifier of module.reexportAll) {
      const target = this.resolveSpecifier(specifier, module.file);
      if (!target) continue;
      const found = this.exportOf(target, name, seen);
      if (found.some((atom) => atom.t !== 'unknown')) return found;
    }
    return [UNKNOWN_ATOM];
  }

  /** Evaluates with `key` marked active, so a cycle back to it yields unknown instead of looping. */
  private guarded(key: SymValue, run: () => Atom[]): Atom[] {
    if (this.active.has(key)) return [UNKNOWN_ATOM];
    this.active.add(key);
    try {
      return run();
    } finally {
      this.active.delete(key);
    }
  }

  private limit(atoms: Atom[]): Atom[] {
    if (atoms.length <= MAX_ALTERNATIVES) return atoms;
    this.truncated = true;
    return atoms.slice(0, MAX_ALTERNATIVES);
  }

  private limitAlternatives(alternatives: Alternative[]): Alternative[] {
    if (alternatives.length <= MAX_ALTERNATIVES) return alternatives;
    this.truncated = true;
    return alternatives.slice(0, MAX_ALTERNATIVES);
  }
}

function pieceKey(piece: Piece): string {
  return 'hole' in piece ? '\u0000' : `${piece.text}\u0001${piece.origin ? `${piece.origin.file}:${piece.origin.start}` : ''}`;
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  const out: Alternative[] = [];
  for (const alternative of alternatives) {
    const key = alternative.map(pieceKey).join('\u0002');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alternative);
  }
  return out;
}

/** The text an alternative starts with, up to its first hole, and whether it has no hole at all. */
export function knownPrefix(alternative: Alternative): { text: string; complete: boolean; first?: Piece } {
  let text = '';
  for (const piece of alternative) {
    if ('hole' in piece) return { text, complete: false, first: alternative[0] };
    text += piece.text;
  }
  return { text, complete: true, first: alternative[0] };
}

/** True when every alternative is fully known text: the value is fixed when the bundle is built. */
export function isConstant(values: StringValues): boolean {
  return !values.external && !values.truncated && values.alternatives.length > 0 && values.alternatives.every((alternative) => alternative.every((piece) => !('hole' in piece)));
}
