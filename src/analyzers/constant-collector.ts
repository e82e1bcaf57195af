import type { TSESTree } from '@typescript-eslint/types';
import type { Region } from '../types.js';
import { requireSpecifier, staticPropertyName, unwrapTypeScript } from './api-calls.js';
import type { Listeners, Node } from './traverse.js';
import { MAX_CAPTURE_DEPTH, Scope, UNKNOWN, type ConstantCollector, type ModuleSummary, type SymValue } from './symbolic-values.js';
import { moduleExportName } from './module-export-name.js';

/** Phase 1 of the constant evaluator (see constants.ts): the per-file collector and the symbolic values it captures. */

export * from './symbolic-values.js';

const MAX_OBJECT_PROPERTIES = 256;

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
  return node.type === 'CallExpression' && node.arguments.length === 1 && requireSpecifier(node) !== undefined;
}

/** `module.exports`, or `exports` itself. */
function isExportsObject(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && staticPropertyName(node) === 'exports';
}

/** The local names an import binds, each to the module's export it stands for. */
function importBindings(declaration: TSESTree.ImportDeclaration, from: string): [string, SymValue][] {
  const specifier = declaration.source.value;
  return declaration.specifiers.map((item) => {
    const name =
      item.type === 'ImportDefaultSpecifier' ? 'default'
      : item.type === 'ImportNamespaceSpecifier' ? '*'
      : moduleExportName(item.imported);
    return [item.local.name, { kind: 'module', specifier, from, name }];
  });
}

/** `export const a = …`, `export { a as b }`, `export { c } from './x'`: the module's named exports. */
function noteNamedExports(module: ModuleSummary, declaration: TSESTree.ExportNamedDeclaration, programScope: Scope): void {
  const inner = declaration.declaration;
  if (inner?.type === 'VariableDeclaration') {
    for (const declarator of inner.declarations) {
      for (const name of patternNames(declarator.id)) module.named.set(name, { kind: 'ref', name, scope: programScope });
    }
  } else if (inner && 'id' in inner && inner.id?.type === 'Identifier') {
    module.named.set(inner.id.name, UNKNOWN);
  }
  for (const item of declaration.specifiers) {
    const exported = moduleExportName(item.exported);
    const local = moduleExportName(item.local);
    module.named.set(
      exported,
      declaration.source ? { kind: 'module', specifier: declaration.source.value, from: module.file, name: local } : { kind: 'ref', name: local, scope: programScope },
    );
  }
}

/** `export * from './x'` re-exports x's names; `export * as ns from './x'` names them. */
function noteExportAll(module: ModuleSummary, declaration: TSESTree.ExportAllDeclaration): void {
  if (declaration.exported) {
    module.named.set(moduleExportName(declaration.exported), { kind: 'module', specifier: declaration.source.value, from: module.file, name: '*' });
  } else module.reexportAll.push(declaration.source.value);
}

/** A default export that declares rather than computes a value (a function, a class, a type). */
function isDeclarationOnly(declaration: TSESTree.ExportDefaultDeclaration['declaration']): boolean {
  return declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration' || declaration.type === 'TSInterfaceDeclaration' || declaration.type === 'TSDeclareFunction';
}

/**
 * Binds the names of `{ a, b: c = 1, ...rest } = init` one by one, in order: a default value may
 * name a binding the same pattern made before it.
 */
function bindObjectPattern(pattern: TSESTree.ObjectPattern, init: SymValue, capture: (node: Node) => SymValue, bindName: (name: string, value: SymValue) => void): void {
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') {
      for (const name of patternNames(property)) bindName(name, UNKNOWN);
      continue;
    }
    const key = propertyKeyName(property);
    const value = property.value;
    if (key !== undefined && value.type === 'Identifier') bindName(value.name, { kind: 'member', object: init, property: key });
    else if (key !== undefined && value.type === 'AssignmentPattern' && value.left.type === 'Identifier') {
      bindName(value.left.name, { kind: 'choice', options: [{ kind: 'member', object: init, property: key }, capture(value.right)] });
    } else for (const name of patternNames(value)) bindName(name, UNKNOWN);
  }
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
        bindObjectPattern(id, init, capture, (name, value) => bind(target, name, value, mutable));
      } else {
        for (const name of patternNames(id)) bind(target, name, UNKNOWN, mutable);
      }
    },
    ImportDeclaration(node) {
      for (const [local, value] of importBindings(node as TSESTree.ImportDeclaration, file.path)) bind(programScope, local, value, false);
    },
    ExportNamedDeclaration(node) {
      noteNamedExports(module, node as TSESTree.ExportNamedDeclaration, programScope);
    },
    ExportAllDeclaration(node) {
      noteExportAll(module, node as TSESTree.ExportAllDeclaration);
    },
    ExportDefaultDeclaration(node) {
      const declaration = (node as TSESTree.ExportDefaultDeclaration).declaration;
      module.defaultExport = isDeclarationOnly(declaration) ? UNKNOWN : capture(declaration);
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
