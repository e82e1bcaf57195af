import { analyze, type Scope, type Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type { FlowLabel } from '../../platforms/flows.js';
import { CONSOLE_METHODS, INERT_METHODS, INERT_PROPERTIES, PASS_THROUGH_FUNCTIONS, PASS_THROUGH_METHODS } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { handleApiCall, labelText, optionValue, staticString, type ApiCallTarget } from './api-flows.js';
import { compactLabel, emptyFragment, fieldKey, keyText, PAGE_STACK, type FlowFragment, type FlowUnit, type Ref } from './fragment.js';
import { sensitiveNameLabel } from './names.js';
import { own } from '../../util/own.js';
import { isConstantName, pageRoute, type ExtractOptions } from './extract-options.js';
import { calleeName, collectIdentifiers, compact, deep, exportName, functionLabel, isAppIdExpression, isChannel, isEmptyValue, isExpressionLike, isNode, isSanitizer, memberName, propertyName, shallow, valueNames, type FunctionNode } from './extract-syntax.js';

export { isConstantName, pageRoute, type ExtractOptions } from './extract-options.js';

type Expression = TSESTree.Expression | TSESTree.PrivateIdentifier | TSESTree.SpreadElement | TSESTree.Super;


const DEFINITIONS = new Set(['Page', 'Component', 'App', 'Behavior']);
const COMPONENT_GROUPS = new Set(['methods', 'lifetimes', 'pageLifetimes', 'observers']);
const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'some', 'every', 'findLast']);
const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally']);
/** Statements whose bodies may run conditionally or repeatedly. */
const COMPOUND_STATEMENTS = new Set(['IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'SwitchStatement', 'TryStatement', 'BlockStatement', 'LabeledStatement', 'WithStatement']);
/** Positions `arguments` and `f.apply(ctx, list)` stand for. */
const SPREAD_ARGUMENTS = 6;

interface Context {
  fn: string | undefined;
  this: string;
}

/**
 * Turns one parsed module into its flow fragment: which values flow where, from which sources to
 * which sinks. Variables are resolved with typescript-eslint's scope analysis (closures, hoisting,
 * shadowing); the walk is one pass over the tree, recursive over expressions.
 */
export function extractFlows(program: Node, options: ExtractOptions): FlowFragment {
  return new Extractor(program as TSESTree.Program, options).run();
}

class Extractor implements ApiCallTarget {
  readonly fragment: FlowFragment;
  private readonly variables = new Map<TSESTree.Identifier, Variable>();
  private readonly keys = new Map<Variable, string>();
  private context: Context;
  /** Branches and loops around the statement being walked, within the current function. */
  private nesting = 0;
  private readonly moduleKey: string;
  private readonly fileId: string;
  private readonly unit: FlowUnit;

  constructor(private readonly program: TSESTree.Program, readonly options: ExtractOptions) {
    this.fragment = emptyFragment(options.file);
    this.unit = { file: options.file, text: options.text, region: options.region };
    this.fileId = options.fileIds.of(options.file);
    this.moduleKey = `m:${this.fileId}`;
    this.context = { fn: undefined, this: this.moduleKey };
  }

  run(): FlowFragment {
    const manager = analyze(this.program, { sourceType: 'module', lib: [] });
    const visit = (scope: Scope): void => {
      for (const reference of scope.references) if (reference.resolved) this.variables.set(reference.identifier as TSESTree.Identifier, reference.resolved);
      for (const variable of scope.variables) for (const def of variable.defs) if (def.name.type === 'Identifier') this.variables.set(def.name, variable);
      for (const child of scope.childScopes) visit(child);
    };
    visit(manager.globalScope!);
    for (const statement of this.program.body) this.statement(statement);
    return this.fragment;
  }

  // ------------------------------------------------------------ nodes and edges

  location(node: { range: readonly [number, number] }) {
    return { file: this.options.file, region: this.options.region(node.range[0], node.range[1]) };
  }

  /** Registers a node at its first occurrence, with the code that names it. */
  node(key: string, at: { range: readonly [number, number] }, label?: string): string {
    // Temporaries (object literals, call results) are never a step of a shown path: no record kept.
    if (key.startsWith('t:')) return key;
    if (!this.fragment.nodes.has(key)) {
      this.fragment.nodes.set(key, { ...(label !== undefined && { label: compactLabel(label) }), unit: this.unit, start: at.range[0], end: at.range[1], ...(this.context.fn && { owner: this.context.fn }) });
    }
    return key;
  }

  copy(refs: readonly Ref[], target: string): void {
    for (const ref of refs) {
      if (ref.key === target) continue;
      this.fragment.copies.push([ref.shallow ? `${ref.key}^` : ref.key, target]);
    }
  }

  temp(at: Node, suffix = ''): string {
    return this.node(`t:${this.fileId}@${at.range[0]}${suffix}`, at);
  }

  source(label: FlowLabel, origin: string, at: Node, named?: FlowLabel): Ref {
    const key = `src:${this.fileId}@${at.range[0]}:${label}`;
    if (!this.fragment.nodes.has(key)) {
      const description = `${labelText(named ?? label)}, ${origin}`;
      this.node(key, at, description);
      this.fragment.sources.push({ key, label, description, origin, location: this.location(at), ...(named && { named }), ...(this.context.fn && { owner: this.context.fn }) });
    }
    return { key };
  }

  /** `'token'`, `'openid'`: a string that names sensitive data, traced in case it becomes a storage key. */
  private keyName(node: TSESTree.Literal, value: string): Ref[] {
    if (value.length > 40 || !/^[\w$.:-]+$/.test(value)) return [];
    const label = sensitiveNameLabel(value);
    if (!label) return [];
    const ref = this.source('key-name', `the key "${value}"`, node, label);
    const record = this.fragment.sources[this.fragment.sources.length - 1];
    if (record?.key === ref.key) record.text = value;
    return [ref];
  }

  /** The string a `const` is initialised with, for storage keys and URLs. */
  constantString(identifier: TSESTree.Identifier): string | undefined {
    const definition = this.variables.get(identifier)?.defs[0];
    if (definition?.type !== 'Variable' || definition.parent?.kind !== 'const') return undefined;
    const init = definition.node.init;
    if (init?.type === 'Literal' && typeof init.value === 'string') return init.value;
    if (init?.type === 'TemplateLiteral' && init.expressions.length === 0) return init.quasis[0]?.value.cooked ?? undefined;
    return undefined;
  }

  get owner(): string | undefined {
    return this.context.fn;
  }

  get thisKey(): string {
    return this.context.this;
  }

  // ------------------------------------------------------------ statements

  statement(node: TSESTree.Node | null | undefined): void {
    if (!node) return;
    const compound = COMPOUND_STATEMENTS.has(node.type);
    if (compound) this.nesting++;
    try {
      this.statementInner(node);
    } finally {
      if (compound) this.nesting--;
    }
  }

  private statementInner(node: TSESTree.Node): void {
    switch (node.type) {
      case 'ExpressionStatement':
        if (this.nesting === 0 && node.expression.type === 'AssignmentExpression' && this.strongUpdate(node.expression)) return;
        this.expression(node.expression);
        return;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.init && this.aliasDeclaration(declarator.id, declarator.init)) continue;
          this.bindPattern(declarator.id, declarator.init ? this.expression(declarator.init) : []);
        }
        return;
      case 'FunctionDeclaration': {
        const fn = this.function(node, this.context.this);
        if (node.id) this.copy([{ key: fn }], this.variableKey(node.id));
        return;
      }
      case 'ReturnStatement':
        if (node.argument) {
          const value = this.expression(node.argument);
          if (this.context.fn) this.copy(value, `${this.context.fn}#r`);
        }
        return;
      case 'IfStatement':
        this.expression(node.test);
        this.statement(node.consequent);
        this.statement(node.alternate);
        return;
      case 'ForOfStatement':
      case 'ForInStatement': {
        const collection = this.expression(node.right);
        const elements = node.type === 'ForOfStatement' ? this.elementsOf(collection) : [];
        const target = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left;
        if (target) this.bindPattern(target, elements);
        this.statement(node.body);
        return;
      }
      case 'SwitchStatement':
        this.guardTest(node.discriminant);
        this.expression(node.discriminant);
        for (const switchCase of node.cases) {
          if (switchCase.test) this.expression(switchCase.test);
          for (const statement of switchCase.consequent) this.statement(statement);
        }
        return;
      case 'ExportNamedDeclaration':
        this.exportNamed(node);
        return;
      case 'ExportDefaultDeclaration': {
        const declaration = node.declaration;
        const value = declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration'
          ? (this.statement(declaration), declaration.id ? [{ key: this.variableKey(declaration.id) }] : declaration.type === 'FunctionDeclaration' ? [{ key: this.function(declaration, this.context.this) }] : [])
          : this.expression(declaration as TSESTree.Expression);
        this.copy(value, `${this.moduleKey}.default`);
        return;
      }
      case 'ImportDeclaration':
        this.importDeclaration(node);
        return;
      case 'ExportAllDeclaration': {
        // `export * from './a'` re-exports a's names; `export * as ns from './a'` nests them.
        const from = this.options.resolve(node.source.value);
        if (!from) return;
        const exported = node.exported ? exportName(node.exported) : undefined;
        this.copy([{ key: `m:${this.options.fileIds.of(from)}` }], exported ? `${this.moduleKey}.${exported}` : this.moduleKey);
        return;
      }
      case 'ClassDeclaration':
        this.classBody(node);
        return;
      default:
        this.children(node);
    }
  }

  /** Visits the children of a node this walker has no rule for. */
  private children(node: TSESTree.Node): void {
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) this.any(item);
      } else if (isNode(value)) this.any(value);
    }
  }

  private any(node: TSESTree.Node): void {
    if (isExpressionLike(node)) this.expression(node as TSESTree.Expression);
    else this.statement(node);
  }

  /**
   * A class is a value whose `prototype` holds its methods; `this` in a method is the prototype,
   * `new C()` is C's prototype, and `extends B` copies B's prototype (inherited methods) into C's.
   */
  private classBody(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string {
    const key = this.node(`t:${this.fileId}@${node.range[0]}`, node);
    const prototype = this.node(fieldKey(key, 'prototype')!, node);
    if (node.superClass) this.copy(this.field(this.expression(node.superClass), 'prototype', node.superClass, false).filter((ref) => !ref.shallow), prototype);
    for (const member of node.body.body) {
      if (member.type === 'MethodDefinition' && member.value.type === 'FunctionExpression') {
        const fn = this.function(member.value, member.static ? key : prototype);
        const name = member.key.type === 'Identifier' ? member.key.name : undefined;
        const holder = fieldKey(member.static ? key : prototype, name ?? '');
        if (name && holder) this.copy([{ key: fn }], holder);
      } else if (member.type === 'PropertyDefinition' && member.value) {
        const value = this.expression(member.value);
        const name = member.key.type === 'Identifier' ? member.key.name : undefined;
        const holder = name ? fieldKey(member.static ? key : prototype, name) : undefined;
        if (holder) this.copy(value, holder);
      }
    }
    if (node.type === 'ClassDeclaration' && node.id) this.copy([{ key }], this.variableKey(node.id));
    return key;
  }

  private exportNamed(node: TSESTree.ExportNamedDeclaration): void {
    if (node.source) {
      const from = this.options.resolve(node.source.value);
      if (!from) return;
      for (const specifier of node.specifiers) {
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : String(specifier.local.value);
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        this.copy([{ key: `m:${this.options.fileIds.of(from)}.${local}` }], `${this.moduleKey}.${exported}`);
      }
      return;
    }
    if (node.declaration) {
      this.statement(node.declaration);
      const names: TSESTree.Identifier[] = [];
      if (node.declaration.type === 'VariableDeclaration') for (const declarator of node.declaration.declarations) collectIdentifiers(declarator.id, names);
      else if ('id' in node.declaration && node.declaration.id?.type === 'Identifier') names.push(node.declaration.id);
      for (const name of names) this.copy([{ key: this.variableKey(name) }], `${this.moduleKey}.${name.name}`);
    }
    for (const specifier of node.specifiers) {
      if (specifier.local.type !== 'Identifier') continue;
      const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
      this.copy([{ key: this.variableKey(specifier.local) }], `${this.moduleKey}.${exported}`);
    }
  }

  private importDeclaration(node: TSESTree.ImportDeclaration): void {
    const from = this.options.resolve(node.source.value);
    if (!from) return;
    for (const specifier of node.specifiers) {
      const local = this.variableKey(specifier.local);
      if (specifier.type === 'ImportNamespaceSpecifier') this.copy([{ key: `m:${this.options.fileIds.of(from)}` }], local);
      else if (specifier.type === 'ImportDefaultSpecifier') this.copy([{ key: `m:${this.options.fileIds.of(from)}.default` }], local);
      else {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        this.copy([{ key: `m:${this.options.fileIds.of(from)}.${imported}` }], local);
      }
    }
  }

  // ------------------------------------------------------------ functions

  /** Analyses a function's body; returns its key. `thisKey` is what `this` means inside (arrows keep the caller's). */
  function(node: FunctionNode, thisKey: string): string {
    const key = this.node(`f:${this.fileId}@${node.range[0]}`, node, functionLabel(node));
    this.fragment.functions.add(key);
    if (this.context.fn) this.fragment.parents.set(key, this.context.fn);
    const saved = this.context;
    const nesting = this.nesting;
    this.nesting = 0;
    this.context = { fn: key, this: node.type === 'ArrowFunctionExpression' ? saved.this : thisKey };
    node.params.forEach((param, index) => {
      const paramKey = this.node(`${key}#p${index}`, param);
      if (param.type !== 'RestElement') {
        this.bindPattern(param, [{ key: paramKey }]);
        return;
      }
      // `...args` collects the arguments from here on into one array.
      const rest = this.temp(param, '#rest');
      for (let position = index; position < index + SPREAD_ARGUMENTS; position++) this.copy([{ key: `${key}#p${position}` }], fieldKey(rest, '[]')!);
      this.bindPattern(param.argument, [{ key: rest }]);
    });
    if (node.body.type === 'BlockStatement') for (const statement of node.body.body) this.statement(statement);
    else this.copy(this.expression(node.body), `${key}#r`);
    this.context = saved;
    this.nesting = nesting;
    return key;
  }

  /** A function's `arguments`: an array of its first parameters, whatever it declares. */
  private argumentsOf(fn: string, at: Node): string {
    const key = `${fn}#args`;
    if (!this.fragment.nodes.has(key)) {
      this.node(key, at, 'arguments');
      for (let index = 0; index < SPREAD_ARGUMENTS; index++) this.copy([{ key: `${fn}#p${index}` }], fieldKey(key, '[]')!);
    }
    return key;
  }

  /** Calls a function value with arguments; returns the result. */
  invoke(callees: readonly Ref[], args: Ref[][], at: Node, receiver?: Ref[], passThrough = false): Ref[] {
    if (callees.length === 0) return [];
    const result = this.temp(at, '#call');
    this.fragment.calls.push({ callees: callees.map((callee) => callee.key), args, result, ...(receiver && { receiver }), ...(passThrough && { passThrough }), ...(this.context.fn && { owner: this.context.fn }) });
    return [{ key: result }];
  }

  // ------------------------------------------------------------ patterns

  /**
   * `x = value` as a statement of a function's own body (no branch or loop around it), for a local
   * that no closure sees: from here on `x` is the new value only. The one place the analysis follows
   * statement order, so that a value overwritten before use is not reported.
   */
  private strongUpdate(assignment: TSESTree.AssignmentExpression): boolean {
    if (assignment.operator !== '=' || assignment.left.type !== 'Identifier') return false;
    const variable = this.variables.get(assignment.left);
    const definition = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable') return false;
    const home = variable.scope.variableScope;
    if (!variable.references.every((reference) => reference.from.variableScope === home)) return false;
    this.variableKey(assignment.left);
    const value = this.expression(assignment.right);
    const key = this.node(`v:${this.fileId}@${assignment.left.range[0]}`, assignment.left, assignment.left.name);
    this.keys.set(variable, key);
    this.copy(value, key);
    return true;
  }

  variableKey(identifier: TSESTree.Identifier): string {
    const variable = this.variables.get(identifier);
    if (!variable) return this.node(`g:${identifier.name}`, identifier);
    let key = this.keys.get(variable);
    if (!key) {
      const declaration = variable.defs[0]?.name ?? identifier;
      key = `v:${this.fileId}@${declaration.range[0]}`;
      this.keys.set(variable, key);
      this.node(key, declaration, identifier.name);
    }
    return key;
  }

  bindPattern(pattern: TSESTree.Node, value: Ref[]): void {
    switch (pattern.type) {
      case 'Identifier':
        this.copy(value, this.variableKey(pattern));
        return;
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, [...value, ...this.expression(pattern.right)]);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') this.bindPattern(property.argument, value);
          else {
            const name = property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
            this.bindPattern(property.value, name ? this.field(value, name, property.key) : shallow(value));
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(element.type === 'RestElement' ? element.argument : element, this.elementsOf(value));
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument, value);
        return;
      case 'MemberExpression':
        for (const target of this.targets(pattern)) this.copy(value, target);
        return;
      default:
        if ('expression' in pattern && pattern.expression) this.bindPattern(pattern.expression as TSESTree.Node, value);
    }
  }

  /** The nodes an assignment target writes. */
  private targets(target: TSESTree.Node): string[] {
    const node = unwrapTypeScript(target) as TSESTree.Node;
    if (node.type === 'Identifier') return [this.variableKey(node)];
    if (node.type !== 'MemberExpression') return [];
    if (this.isModuleExports(node)) return [this.moduleKey];
    const name = memberName(node);
    if (name === undefined) this.expression(node.property as TSESTree.Expression);
    const bases = this.expression(node.object as TSESTree.Expression).filter((ref) => !ref.shallow);
    const keys: string[] = [];
    for (const base of bases) {
      const key = fieldKey(base.key, this.fieldName(base.key, name ?? '[]'));
      if (key) keys.push(this.node(key, node));
    }
    return keys;
  }

  /** Component `properties` and `data` are one namespace (`this.properties.x` is `this.data.x`). */
  private fieldName(base: string, name: string): string {
    return name === 'properties' && base.startsWith('i:') && !base.includes('.') ? 'data' : name;
  }

  /** The value of `base.name`: the field, and the whole base's own value. */
  field(base: readonly Ref[], name: string, at: Node, byName = true): Ref[] {
    if (INERT_PROPERTIES.has(name)) return [];
    const refs: Ref[] = [];
    for (const ref of base) {
      if (ref.shallow) {
        refs.push(ref);
        continue;
      }
      const key = fieldKey(ref.key, this.fieldName(ref.key, name));
      if (key) refs.push({ key: this.node(key, at) });
      refs.push({ key: ref.key, shallow: true });
    }
    // `KEYS.TOKEN` names a constant (a storage key), not the token itself.
    const label = byName && !isConstantName(name) ? sensitiveNameLabel(name) : undefined;
    if (label && base.length > 0) refs.push(this.source('named', `a value named ${name}`, at, label));
    return refs;
  }

  elementsOf(collection: readonly Ref[]): Ref[] {
    return collection.flatMap((ref) => (ref.shallow ? [ref] : [{ key: fieldKey(ref.key, '[]') ?? ref.key }, { key: ref.key, shallow: true }]));
  }

  // ------------------------------------------------------------ expressions

  expression(raw: Expression | TSESTree.Node | null | undefined): Ref[] {
    if (!raw) return [];
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    switch (node.type) {
      case 'Identifier':
        if (node.name === 'arguments' && this.context.fn && !this.variables.get(node)?.defs.length) return [{ key: this.argumentsOf(this.context.fn, node) }];
        if (!this.variables.has(node)) {
          // CommonJS: `exports` is the module's exports; `module.exports` is handled as a member.
          if (node.name === 'exports') return [{ key: this.moduleKey }];
          if (node.name === 'undefined' || this.options.namespaces.has(node.name)) return [];
        }
        return [{ key: this.variableKey(node) }];
      case 'ThisExpression':
        // A function's own `this` (not a Page's or the App's) is registered: calls bind a receiver only to a `this` that is used.
        if (this.context.this.endsWith('#this')) this.node(this.context.this, node, 'this');
        return [{ key: this.context.this }];
      case 'Literal':
        return typeof node.value === 'string' ? this.keyName(node, node.value) : [];
      case 'TemplateLiteral':
        return deep(node.expressions.flatMap((expression) => this.expression(expression)));
      case 'TaggedTemplateExpression':
        return deep([...this.expression(node.tag), ...node.quasi.expressions.flatMap((expression) => this.expression(expression))]);
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression':
        return this.expression(node.expression);
      case 'CallExpression':
        return this.call(node);
      case 'NewExpression':
        return this.newExpression(node);
      case 'AssignmentExpression': {
        const value = this.expression(node.right);
        const written = node.operator === '=' ? value : deep(value);
        if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern') this.bindPattern(node.left, written);
        else for (const target of this.targets(node.left)) this.copy(written, target);
        return value;
      }
      case 'ObjectExpression':
        return [{ key: this.object(node) }];
      case 'ArrayExpression': {
        const key = this.temp(node);
        const elements = fieldKey(key, '[]')!;
        for (const element of node.elements) {
          if (!element) continue;
          this.copy(element.type === 'SpreadElement' ? this.elementsOf(this.expression(element.argument)) : this.expression(element), elements);
        }
        return [{ key }];
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return [{ key: this.function(node, `f:${this.fileId}@${node.range[0]}#this`) }];
      case 'ClassExpression':
        return [{ key: this.classBody(node) }];
      case 'ConditionalExpression':
        this.expression(node.test);
        return [...this.expression(node.consequent), ...this.expression(node.alternate)];
      case 'LogicalExpression':
        return [...this.expression(node.left), ...this.expression(node.right)];
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression':
        this.expression(node.argument);
        return [];
      case 'UpdateExpression':
        this.expression(node.argument);
        return [];
      case 'AwaitExpression':
        return this.expression(node.argument);
      case 'YieldExpression':
        return this.expression(node.argument);
      case 'SequenceExpression': {
        let last: Ref[] = [];
        for (const expression of node.expressions) last = this.expression(expression);
        return last;
      }
      case 'SpreadElement':
        return this.expression(node.argument);
      case 'ImportExpression':
        return typeof (node.source as TSESTree.Literal).value === 'string' ? this.moduleRef((node.source as TSESTree.Literal).value as string) : [];
      default:
        this.children(node);
        return [];
    }
  }

  /**
   * `const that = this`, `const app = getApp()`: a name for one object, not a copy of it. Writes
   * through the name (`that.x = …`, `app.globalData.x = …`) are writes to the object itself.
   */
  private aliasDeclaration(id: TSESTree.Identifier, init: TSESTree.Expression): boolean {
    const value = unwrapTypeScript(init) as TSESTree.Node;
    const target = value.type === 'ThisExpression' ? this.context.this : this.isGlobalCall(value, 'getApp') ? this.node('app', value, 'getApp()') : this.pagesAlias(value);
    if (target === undefined) return false;
    const variable = this.variables.get(id);
    if (!variable || variable.references.filter((reference) => reference.isWrite()).length > 1) return false;
    this.keys.set(variable, target);
    return true;
  }

  private isGlobalCall(node: TSESTree.Node, name: string): boolean {
    return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === name && !this.variables.has(node.callee);
  }

  /**
   * `getCurrentPages()` and an element of it (`pages[pages.length - 2]`): every page instance at
   * once, so `prev.setData({ address })` writes the data of the page that reads it.
   */
  private pagesAlias(node: TSESTree.Node): string | undefined {
    if (this.isGlobalCall(node, 'getCurrentPages')) return PAGE_STACK;
    if (node.type !== 'MemberExpression' || !node.computed) return undefined;
    const object = unwrapTypeScript(node.object) as TSESTree.Node;
    const stack = this.isGlobalCall(object, 'getCurrentPages') || (object.type === 'Identifier' && this.keys.get(this.variables.get(object)!) === PAGE_STACK);
    if (!stack) return undefined;
    this.expression(node.property as TSESTree.Expression);
    return fieldKey(PAGE_STACK, '[]');
  }

  /** The API namespace an identifier stands for: `wx`, or `api` after `const api = wx`. */
  private namespaceAlias(identifier: TSESTree.Identifier, depth = 0): string | undefined {
    const variable = this.variables.get(identifier);
    if (!variable) return this.options.namespaces.has(identifier.name) ? identifier.name : undefined;
    const definition = variable.defs[0];
    if (depth > 4 || variable.defs.length !== 1 || definition?.type !== 'Variable' || definition.node.id.type !== 'Identifier') return undefined;
    const init = definition.node.init && (unwrapTypeScript(definition.node.init) as TSESTree.Node);
    return init?.type === 'Identifier' ? this.namespaceAlias(init, depth + 1) : undefined;
  }

  /** The API a plain function name stands for: `const { setStorageSync } = wx` or `const save = wx.setStorageSync`. */
  private apiAlias(identifier: TSESTree.Identifier): { namespace: string; method: string } | undefined {
    const definition = this.variables.get(identifier)?.defs[0];
    if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
    const init = unwrapTypeScript(definition.node.init) as TSESTree.Node;
    if (definition.node.id.type === 'ObjectPattern' && init.type === 'Identifier') {
      const namespace = this.namespaceAlias(init);
      const property = definition.node.id.properties.find((candidate) => candidate.type === 'Property' && candidate.value === definition.name);
      const method = property?.type === 'Property' && property.key.type === 'Identifier' ? property.key.name : undefined;
      return namespace && method ? { namespace, method } : undefined;
    }
    if (definition.node.id.type === 'Identifier' && init.type === 'MemberExpression' && init.object.type === 'Identifier') {
      const namespace = this.namespaceAlias(init.object);
      const method = memberName(init);
      return namespace && method ? { namespace, method } : undefined;
    }
    return undefined;
  }

  private moduleRef(specifier: string): Ref[] {
    const path = this.options.resolve(specifier);
    return path ? [{ key: `m:${this.options.fileIds.of(path)}` }] : [];
  }

  private binary(node: TSESTree.BinaryExpression): Ref[] {
    if (node.operator === '+') return this.concatenation(node);
    const left = node.left.type === 'PrivateIdentifier' ? [] : this.expression(node.left);
    this.expression(node.right);
    if (/^(?:[!=]==?|in)$/.test(node.operator) && !isEmptyValue(node.left) && !isEmptyValue(node.right)) this.guardTest(node);
    return [];
  }

  /**
   * `a + b + c + …`: the whole left-nested chain at once, each operand evaluated once, in source order.
   * Walking it level by level would copy every operand's references at every level (a 3,000-term
   * concatenation took 36 s and 3 GB); this is linear in the chain.
   */
  private concatenation(node: TSESTree.BinaryExpression): Ref[] {
    const rights: TSESTree.Expression[] = [];
    let leftmost = node as TSESTree.Expression | TSESTree.PrivateIdentifier;
    while (leftmost.type === 'BinaryExpression' && leftmost.operator === '+') {
      rights.push(leftmost.right);
      leftmost = leftmost.left;
    }
    const refs = leftmost.type === 'PrivateIdentifier' ? [] : [...this.expression(leftmost)];
    for (let i = rights.length - 1; i >= 0; i--) refs.push(...this.expression(rights[i]!));
    return deep(refs);
  }

  /** A comparison with an app id (`referrerInfo.appId === 'wx…'`, `ALLOWED.includes(appId)`) guards referrer data. */
  private guardTest(node: TSESTree.Node): void {
    if (this.context.fn && /appid/i.test(this.options.text.slice(node.range[0], node.range[1]))) this.fragment.guarded.add(this.context.fn);
  }

  private isModuleExports(node: TSESTree.MemberExpression): boolean {
    return node.object.type === 'Identifier' && node.object.name === 'module' && !this.variables.has(node.object) && memberName(node) === 'exports';
  }

  private member(node: TSESTree.MemberExpression): Ref[] {
    if (this.isModuleExports(node)) return [{ key: this.moduleKey }];
    const name = memberName(node);
    const namespace = node.object.type === 'Identifier' ? this.namespaceAlias(node.object) : undefined;
    if (namespace && name) return this.apiValue(namespace, name, node);
    if (name === undefined) this.expression(node.property as TSESTree.Expression);
    const base = this.expression(node.object as TSESTree.Expression);
    return this.field(base, name ?? '[]', node);
  }

  private object(node: TSESTree.ObjectExpression, thisKey?: string): string {
    const key = this.temp(node);
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        this.copy(this.expression(property.argument), key);
        continue;
      }
      const name = propertyName(property);
      const value = property.value;
      const refs = thisKey && (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression')
        ? [{ key: this.function(value, thisKey) }]
        : this.expression(value as TSESTree.Expression);
      if (name === undefined) continue;
      const target = fieldKey(key, name);
      if (target) this.copy(refs, this.node(target, property));
    }
    return key;
  }

  /** `Page({...})`, `Component({...})`, `App({...})`: methods get the instance as `this`. */
  private definition(kind: string, options: TSESTree.ObjectExpression): void {
    const instance = kind === 'App' ? 'app' : `i:${this.fileId}`;
    this.node(instance, options, kind === 'App' ? 'getApp()' : 'this');
    if (kind === 'Page') this.fragment.pages.add(instance);
    for (const property of options.properties) {
      if (property.type !== 'Property') {
        this.copy(this.expression(property.argument), instance);
        continue;
      }
      const name = propertyName(property);
      const value = property.value;
      if (name === 'behaviors' || name === 'mixins') {
        for (const behavior of this.elementsOf(this.expression(value as TSESTree.Expression))) if (!behavior.shallow) this.copy([behavior], instance);
        continue;
      }
      if (name && COMPONENT_GROUPS.has(name) && value.type === 'ObjectExpression' && kind !== 'Page') {
        this.copy([{ key: this.object(value, instance) }], instance);
        continue;
      }
      const isFunction = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression';
      if (isFunction && name) this.lifecycle(kind, name, value);
      const refs = isFunction
        ? [{ key: this.function(value, instance) }]
        : value.type === 'ObjectExpression' && name === 'properties'
          ? (this.expression(value), [])
          : this.expression(value as TSESTree.Expression);
      if (name) this.copy(refs, this.node(`${instance}.${name}`, property));
    }
  }

  /** `Page(Object.assign({}, mixin, {...}))`: literal parts are definitions, the rest is merged into the instance. */
  private definitionArgument(kind: string, raw: TSESTree.Node): void {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (node.type === 'ObjectExpression') {
      this.definition(kind, node);
      return;
    }
    const callee = node.type === 'CallExpression' ? node.callee : undefined;
    if (node.type === 'CallExpression' && callee?.type === 'MemberExpression' && this.options.text.slice(callee.range[0], callee.range[1]).replace(/\s+/g, '') === 'Object.assign') {
      for (const argument of node.arguments) this.definitionArgument(kind, argument);
      return;
    }
    this.copy(this.expression(node), kind === 'App' ? 'app' : `i:${this.fileId}`);
  }

  /**
   * What the runtime hands lifecycle methods: App.onLaunch/onShow get the launch options, whose
   * referrerInfo.extraData comes from another mini-app; Page.onLoad gets the page's query.
   */
  private lifecycle(kind: string, name: string, fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
    const key = `f:${this.fileId}@${fn.range[0]}`;
    const param = fn.params[0];
    if (!param) return;
    if (kind === 'App' && (name === 'onLaunch' || name === 'onShow')) {
      const referrer = this.source('referrer', `referrerInfo.extraData of App.${name}`, param);
      this.copy([referrer], this.node(`${key}#p0.referrerInfo.extraData`, param));
      this.copy([this.source('launch-query', `the launch query of App.${name}`, param)], this.node(`${key}#p0.query`, param));
    } else if (kind === 'Page' && name === 'onLoad') {
      const page = pageRoute(this.options.file, this.options.appRoot);
      this.copy([{ key: this.node(`q:${keyText(page)}`, param, `query of ${page}`) }], this.node(`${key}#p0`, param));
    }
  }

  private call(node: TSESTree.CallExpression): Ref[] {
    const callee = unwrapTypeScript(node.callee) as TSESTree.Node;
    const trackerKind = this.options.trackerCalls.get(`${node.range[0]}:${node.range[1]}`);
    if (trackerKind) return this.sinkCall(node, trackerKind);

    if (callee.type === 'Identifier' && !this.variables.has(callee)) {
      const special = this.globalCall(callee.name, node);
      if (special) return special;
    }
    if (callee.type === 'Identifier') {
      const api = this.apiAlias(callee);
      if (api) return handleApiCall(this, api.method, `${api.namespace}.${api.method}`, node);
    }
    if (callee.type === 'MemberExpression') {
      const handled = this.memberCall(callee, node);
      if (handled) return handled;
    }
    const name = calleeName(callee);
    // `isTrustedPartner(referrerInfo.appId)`: handing the app id to a check of its own counts as checking it.
    if (node.arguments.some((argument) => isAppIdExpression(argument))) this.guardTest(node);
    const args = node.arguments.map((argument) => this.expression(argument));
    if (name && isSanitizer(name)) return [];
    if (callee.type === 'MemberExpression') {
      const method = memberName(callee);
      const receiver = this.expression(callee.object as TSESTree.Expression);
      if (method && INERT_METHODS.has(method)) {
        this.guardTest(node);
        return [];
      }
      return this.invoke(this.field(receiver, method ?? '[]', callee).filter((ref) => !ref.shallow), args, node, receiver, method !== undefined && PASS_THROUGH_METHODS.has(method));
    }
    const passThrough = callee.type === 'Identifier' && !this.variables.has(callee) && PASS_THROUGH_FUNCTIONS.has(callee.name);
    return this.invoke(this.expression(callee as TSESTree.Expression), args, node, undefined, passThrough);
  }

  /** Calls of globals: require, getApp, Page/Component/App, console, interop helpers. */
  private globalCall(name: string, node: TSESTree.CallExpression): Ref[] | undefined {
    const first = node.arguments[0];
    if (name === 'require') return first && first.type === 'Literal' && typeof first.value === 'string' ? this.moduleRef(first.value) : [];
    if (name === 'getApp') return [{ key: this.node('app', node, 'getApp()') }];
    if (name === 'Behavior' && first?.type === 'ObjectExpression') {
      // A behavior's methods run with the component that uses it as `this`: bound at each call.
      const behavior = this.object(first);
      for (const group of ['methods', 'lifetimes', 'pageLifetimes']) this.copy([{ key: `${behavior}.${group}` }], behavior);
      return [{ key: behavior }];
    }
    if (DEFINITIONS.has(name) && first) {
      this.definitionArgument(name, first);
      return [];
    }
    if (/^_*interopRequire(?:Default|Wildcard)$|^__importDefault$|^__importStar$/.test(name) && first) {
      // Babel/TypeScript interop: a CommonJS module's exports are also its `default`.
      const module = this.expression(first);
      for (const ref of module) this.copy([ref], `${ref.key}.default`);
      return module;
    }
    return undefined;
  }

  private memberCall(callee: TSESTree.MemberExpression, node: TSESTree.CallExpression): Ref[] | undefined {
    const method = memberName(callee);
    const object = unwrapTypeScript(callee.object) as TSESTree.Node;
    if (!method) return undefined;
    const namespace = object.type === 'Identifier' ? this.namespaceAlias(object) : undefined;
    if (namespace) return handleApiCall(this, method, `${namespace}.${method}`, node);
    if (object.type === 'Identifier' && !this.variables.has(object)) {
      if (object.name === 'console' && CONSOLE_METHODS.has(method)) return this.sinkCall(node, 'log', `console.${method}`);
      if (object.name === 'JSON' || object.name === 'Object' && method === 'assign') {
        const args = node.arguments.map((argument) => this.expression(argument));
        if (method === 'assign' && args[0]) for (const source of args.slice(1)) for (const target of args[0]) this.copy(source, target.key);
        return method === 'assign' ? args[0] ?? [] : deep(args.flat());
      }
      if (object.name === 'Promise' && (method === 'resolve' || method === 'all' || method === 'race' || method === 'allSettled' || method === 'any')) {
        return node.arguments.flatMap((argument) => this.expression(argument));
      }
    }
    if (object.type === 'ThisExpression' || object.type === 'Identifier' || object.type === 'MemberExpression') {
      if (method === 'setData' && node.arguments[0]?.type === 'ObjectExpression') {
        const base = this.expression(object as TSESTree.Expression);
        this.setData(base, node.arguments[0]);
        for (const argument of node.arguments.slice(1)) this.expression(argument);
        return [];
      }
      if (method === 'triggerEvent' && object.type === 'ThisExpression') {
        const event = node.arguments[0] ? staticString(this, node.arguments[0]) : undefined;
        const detail = node.arguments[1] ? this.expression(node.arguments[1]) : [];
        if (event) this.copy(detail, this.node(`e:${this.fileId}:${keyText(event.toLowerCase())}`, node, `event "${event}"`));
        return [];
      }
    }
    if ((method === 'emit' || method === 'on' || method === 'once') && this.isChannelReceiver(callee.object as TSESTree.Node)) {
      this.expression(callee.object as TSESTree.Expression);
      const event = node.arguments[0] ? staticString(this, node.arguments[0]) : undefined;
      const channel = event === undefined ? undefined : this.node(`c:${keyText(event)}`, node, `event channel "${event}"`);
      const payload = node.arguments.slice(1).map((argument) => this.expression(argument));
      if (!channel) return [];
      if (method === 'emit') for (const value of payload) this.copy(value, channel);
      else for (const listener of payload) this.invoke(listener, [[{ key: channel }]], node);
      return [];
    }
    const receiver = () => this.expression(callee.object as TSESTree.Expression);
    if ((method === 'call' || method === 'apply') && callee.object.type !== 'Super') return this.callOrApply(method, callee.object as TSESTree.Expression, node);
    // `this.save.bind(this)`: the same function (its bound `this` aside).
    if (method === 'bind' && callee.object.type !== 'Super') {
      for (const argument of node.arguments) this.expression(argument);
      return receiver().filter((ref) => !ref.shallow);
    }
    if (method === 'push' || method === 'unshift') {
      const target = receiver();
      const values = node.arguments.map((argument) => this.expression(argument));
      for (const ref of target) if (!ref.shallow) for (const value of values) this.copy(value, fieldKey(ref.key, '[]') ?? ref.key);
      return [];
    }
    if (ARRAY_CALLBACKS.has(method) && node.arguments[0]) {
      // `ALLOWED.some((id) => id === referrerInfo.appId)` checks an app id like `includes` does.
      if (INERT_METHODS.has(method)) this.guardTest(node);
      const elements = this.elementsOf(receiver());
      const callback = this.expression(node.arguments[0]);
      const result = this.invoke(callback, [elements], node);
      if (method === 'map' || method === 'flatMap') {
        const array = this.temp(node, '#map');
        this.copy(result, fieldKey(array, '[]')!);
        return [{ key: array }];
      }
      return method === 'filter' ? elements.map((ref) => (ref.key.endsWith('.[]') ? { key: ref.key.slice(0, -3) } : ref)) : method === 'find' || method === 'findLast' ? elements : [];
    }
    if (method === 'reduce' && node.arguments[0]) {
      const elements = this.elementsOf(receiver());
      const initial = node.arguments[1] ? this.expression(node.arguments[1]) : [];
      return this.invoke(this.expression(node.arguments[0]), [initial, elements], node);
    }
    if (PROMISE_CALLBACKS.has(method)) {
      const value = receiver();
      const results = node.arguments.map((argument) => this.invoke(this.expression(argument), [method === 'then' ? value : []], node));
      return method === 'finally' ? value : results.flat();
    }
    return undefined;
  }

  /** `res.eventChannel`, `this.getOpenerEventChannel()`, or a const bound to one of these. */
  private isChannelReceiver(node: TSESTree.Node): boolean {
    if (isChannel(this.options.text.slice(node.range[0], node.range[1]))) return true;
    const definition = node.type === 'Identifier' ? this.variables.get(node)?.defs[0] : undefined;
    return definition?.type === 'Variable' && !!definition.node.init && isChannel(this.options.text.slice(definition.node.init.range[0], definition.node.init.range[1]));
  }

  /**
   * `promisify(wx.getLocation)`: a source API handed on as a value is a function whose options'
   * `success` gets the value, and whose result is the value; calls reach it through the graph.
   */
  private apiValue(namespace: string, method: string, node: TSESTree.MemberExpression): Ref[] {
    const label = own(this.options.catalog.sourceApis, method);
    if (!label) return [];
    const fn = this.node(`f:${this.fileId}@${node.range[0]}`, node, `${namespace}.${method}`);
    this.fragment.functions.add(fn);
    const source = this.source(label, `from ${namespace}.${method}`, node);
    this.copy([source], `${fn}#r`);
    for (const callback of ['success', 'complete']) this.fragment.calls.push({ callees: [`${fn}#p0.${callback}`], args: [[source]], result: `${fn}#${callback}` });
    return [{ key: fn }];
  }

  /** `f.call(ctx, a, b)` and `f.apply(ctx, args)`: a call of f with `ctx` as `this`. */
  private callOrApply(method: 'call' | 'apply', target: TSESTree.Expression, node: TSESTree.CallExpression): Ref[] {
    const [context, ...rest] = node.arguments.map((argument) => this.expression(argument));
    const args = method === 'call' ? rest : Array.from({ length: SPREAD_ARGUMENTS }, () => this.elementsOf(rest[0] ?? []));
    const inner = unwrapTypeScript(target) as TSESTree.Node;
    if (inner.type === 'MemberExpression' && this.isLogWrite(inner)) {
      this.fragment.sinks.push({
        kind: 'log',
        api: compact(this.options.text.slice(inner.range[0], inner.range[1])),
        inputs: deep(args.flat()),
        location: this.location(node),
        ...(this.options.thirdParty && { thirdParty: true }),
        ...(this.context.fn && { owner: this.context.fn }),
      });
      return [];
    }
    return this.invoke(this.expression(target).filter((ref) => !ref.shallow), args, node, context);
  }

  /** `console.log`, or a method of a log manager held in a variable (`const log = wx.getRealtimeLogManager()`). */
  private isLogWrite(member: TSESTree.MemberExpression): boolean {
    const object = member.object;
    if (object.type !== 'Identifier') return false;
    const method = memberName(member);
    if (!method || !CONSOLE_METHODS.has(method)) return false;
    if (object.name === 'console' && !this.variables.has(object)) return true;
    const definition = this.variables.get(object)?.defs[0];
    const init = definition?.type === 'Variable' ? definition.node.init : undefined;
    if (init?.type !== 'CallExpression' || init.callee.type !== 'MemberExpression') return false;
    const api = memberName(init.callee);
    return !!api && this.options.catalog.logManagerApis.includes(api) && init.callee.object.type === 'Identifier' && this.namespaceAlias(init.callee.object) !== undefined;
  }

  /** `this.setData({ 'a.b': v, list: xs })` writes `data.a.b` and `data.list` of the instance. */
  private setData(base: readonly Ref[], data: TSESTree.ObjectExpression): void {
    for (const property of data.properties) {
      if (property.type !== 'Property') {
        this.expression(property.argument);
        continue;
      }
      const value = this.expression(property.value as TSESTree.Expression);
      const name = propertyName(property);
      if (!name) continue;
      for (const ref of base) {
        if (ref.shallow) continue;
        let key: string | undefined = fieldKey(ref.key, 'data');
        for (const part of name.replace(/\[\d+\]/g, '.[]').split('.').filter(Boolean)) key = key && fieldKey(key, part);
        if (key) this.copy(value, this.node(key, property));
      }
    }
  }

  /** A call whose arguments all leave the app: tracking SDKs, log managers, console. */
  sinkCall(node: TSESTree.CallExpression, kind: 'tracker' | 'log', api?: string): Ref[] {
    const inputs = deep(node.arguments.flatMap((argument) => this.expression(argument)));
    if (!api) this.expression(node.callee);
    const calleeText = api ?? compact(this.options.text.slice(node.callee.range[0], node.callee.range[1])).replace(/\.(?:apply|call)$/, '');
    this.fragment.sinks.push({
      kind,
      api: calleeText,
      inputs,
      location: this.location(node),
      valueNames: node.arguments.flatMap((argument) => valueNames(argument)),
      ...(this.options.thirdParty && { thirdParty: true }),
      ...(this.context.fn && { owner: this.context.fn }),
    });
    return [];
  }

  private newExpression(node: TSESTree.NewExpression): Ref[] {
    const callee = node.callee;
    const executor = node.arguments[0];
    if (callee.type === 'Identifier' && callee.name === 'Promise' && executor && (executor.type === 'FunctionExpression' || executor.type === 'ArrowFunctionExpression')) {
      const fn = this.function(executor, this.context.this);
      // resolve(x) calls parameter 0: its call node's argument is the promise's value.
      const resolved = this.temp(node, '#resolved');
      this.fragment.functions.add(`${resolved}!`);
      this.copy([{ key: `${resolved}!` }], `${fn}#p0`);
      this.copy([{ key: `${resolved}!#p0` }], resolved);
      return [{ key: resolved }];
    }
    const args = node.arguments.map((argument) => this.expression(argument));
    const classes = this.expression(callee);
    if (callee.type === 'Identifier' && !this.variables.has(callee)) return deep(args.flat());
    // `new C(a)`: the instance is C's prototype; its constructor gets the arguments.
    const instance = this.field(classes, 'prototype', node, false).filter((ref) => !ref.shallow);
    // A constructor the graph cannot find (a library class) passes its arguments to the object it makes.
    const made = this.invoke(this.field(instance, 'constructor', node, false).filter((ref) => !ref.shallow), args, node, instance);
    return [...instance, ...made];
  }
}

export { optionValue };
export { deep, valueNames } from './extract-syntax.js';
