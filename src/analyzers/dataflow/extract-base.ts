import { analyze, type Scope, type Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type { FlowLabel } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { argumentFacts, chainText, labelText } from './api-flows.js';
import type { ApiCallTarget } from './api-target.js';
import { compactLabel, emptyFragment, fieldKey, type FlowFragment, type FlowUnit, type Ref } from './fragment.js';
import { sensitiveNameLabel } from './names.js';
import type { ExtractOptions } from './extract-options.js';
import { exportNamed, importDeclaration } from './extract-modules.js';
import { summariseHelper } from './pure-functions.js';
import { isCompiledClassPage } from './compiled-class-pages.js';
import { entryFlows, entryFunction } from './cloud-flows.js';
import { compact, deep, propertyName, exportName, functionLabel, INSECURE_URL_START, MAX_URL_TEXT, isExpressionLike, isNode, type FunctionNode } from './extract-syntax.js';

/** Values whose writes are counted for {@link FlowFragment.rewritten}: strings and what is built from them, not objects or functions. */
const PLAIN_VALUES = new Set(['Literal', 'TemplateLiteral', 'BinaryExpression', 'Identifier', 'MemberExpression', 'ConditionalExpression', 'LogicalExpression']);

/** What a string expression starts with: the left end of a `+` chain or of a template with no leading text. */
function leftmostOperand(raw: TSESTree.Node): TSESTree.Node {
  let node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  for (;;) {
    if (node.type === 'BinaryExpression' && node.operator === '+') node = unwrapTypeScript(node.left as Node) as TSESTree.Node;
    else if (node.type === 'TemplateLiteral' && node.quasis[0]?.value.cooked === '' && node.expressions[0]) node = unwrapTypeScript(node.expressions[0] as Node) as TSESTree.Node;
    else return node;
  }
}

export type Expression = TSESTree.Expression | TSESTree.PrivateIdentifier | TSESTree.SpreadElement | TSESTree.Super;


export const DEFINITIONS = new Set(['Page', 'Component', 'App', 'Behavior']);
/**
 * A framework's or the app's own wrapper of Page or Component, called with the options as an
 * object literal: x-mini's `xPage({…})`, `createPage({…})`, `BasePage({…})`,
 * `app.createComponent({…})`. It hands the options on to Page/Component, so they are read as a
 * definition when they hold a lifecycle function.
 */
export const DEFINITION_WRAPPER = /^(?:[a-z]+|[A-Z][a-z]+)(Page|Component)$/;
export const COMPONENT_GROUPS = new Set(['methods', 'lifetimes', 'pageLifetimes', 'observers']);
export const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'some', 'every', 'findLast']);
export const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally']);
/** Statements whose bodies may run conditionally or repeatedly. */
export const COMPOUND_STATEMENTS = new Set(['IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'SwitchStatement', 'TryStatement', 'BlockStatement', 'LabeledStatement', 'WithStatement']);
/** Positions `arguments` and `f.apply(ctx, list)` stand for. */
export const SPREAD_ARGUMENTS = 6;

/** `this` of a page, a component, the app or a module: one object already, so nothing a method writes on it needs giving back (see FlowFragment.thisWrites). */
export const PLAIN_THIS = /^(?:i:|app$|m:)/;

/** Names and fields read from one `if` test that count as its condition. */
const MAX_CONDITION_READS = 16;

/** A string that may name a page or a route: letters, digits, `-`, `_` and `/`, short. */
const NAME_LIKE = /^\/?[\w-]{1,40}(?:\/[\w-]{1,40}){0,6}$/;

export interface Context {
  fn: string | undefined;
  this: string;
  /** The function whose `this` `this` is (an arrow function's is the enclosing one's). */
  thisOwner?: string;
}

/** The walk's state and its statements, patterns and functions; expressions and calls come in the subclasses. */
export abstract class ExtractorBase implements ApiCallTarget {
  abstract expression(raw: Expression | TSESTree.Node | null | undefined): Ref[];
  protected abstract aliasDeclaration(id: TSESTree.Identifier, init: TSESTree.Expression): boolean;
  protected abstract isModuleExports(node: TSESTree.MemberExpression): boolean;
  protected abstract guardTest(node: TSESTree.Node): void;

  readonly fragment: FlowFragment;
  protected readonly variables = new Map<TSESTree.Identifier, Variable>();
  /** The parameter of the current function whose truth the statement being walked depends on (`if (persist) …`). */
  switchParameter: { position: number; onByDefault: boolean } | undefined;
  protected readonly keys = new Map<Variable, string>();
  protected context: Context;
  /** Branches and loops around the statement being walked, within the current function. */
  protected nesting = 0;
  readonly moduleKey: string;
  protected readonly fileId: string;
  protected readonly unit: FlowUnit;

  constructor(private readonly program: TSESTree.Program, readonly options: ExtractOptions) {
    this.fragment = emptyFragment(options.file);
    this.unit = { file: options.file, text: options.text, region: options.region };
    this.fileId = options.fileIds.of(options.file);
    this.moduleKey = `m:${this.fileId}`;
    this.context = { fn: undefined, this: this.moduleKey };
    this.classPage = isCompiledClassPage(program);
  }

  /** This file's Page or Component instance (`this` in its methods, what its template binds under `.data`). */
  protected get instance(): string {
    return `i:${this.fileId}`;
  }

  /** The node of a function literal of this file. */
  protected functionKey(fn: { range: readonly [number, number] }): string {
    return `f:${this.fileId}@${fn.range[0]}`;
  }

  /** The file is a page or component compiled from a class (compiled-class-pages.ts): its methods' `this` is the instance. */
  protected readonly classPage: 'Page' | 'Component' | undefined;

  run(): FlowFragment {
    const manager = analyze(this.program, { sourceType: 'module', lib: [] });
    const visit = (scope: Scope): void => {
      for (const reference of scope.references) if (reference.resolved) this.variables.set(reference.identifier as TSESTree.Identifier, reference.resolved);
      for (const variable of scope.variables) for (const def of variable.defs) if (def.name.type === 'Identifier') this.variables.set(def.name, variable);
      for (const child of scope.childScopes) visit(child);
    };
    visit(manager.globalScope!);
    for (const statement of this.program.body) this.statement(statement);
    this.cloudEntry();
    for (const [key, count] of this.writes) if (count > 1) this.fragment.rewritten.add(key);
    return this.fragment;
  }

  /** A cloud function's entry: its `main` receives what clients send and returns what they get (cloud-flows.ts). */
  private cloudEntry(): void {
    const cloud = this.options.cloudFunction;
    if (!cloud) return;
    for (const sink of this.fragment.sinks) sink.server = true;
    if (!cloud.entry) return;
    const fn = entryFunction(this.program);
    if (fn) entryFlows(this, cloud.name, fn, this.functionKey(fn));
  }

  /** How often each variable or field is given a plain value (a string, a name, an operator on them): see {@link FlowFragment.rewritten}. */
  private readonly writes = new Map<string, number>();

  /** What each counted write of a key starts with, as written (`url` of `url + '?' + query`). */
  private readonly writeStarts = new Map<string, Set<string>>();

  /** `map.page = 'web-view'` in a function: a page a router called with `map.page` there may open (see FlowFragment.literalWrites). */
  protected noteLiteralWrite(target: TSESTree.Node, raw: TSESTree.Node): void {
    const value = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (this.context.fn === undefined || value.type !== 'Literal' || typeof value.value !== 'string' || !NAME_LIKE.test(value.value)) return;
    const chain = chainText(target);
    if (chain !== undefined) this.fragment.literalWrites.push([`${this.context.fn}\0${chain}`, value.value]);
  }

  protected countWrite(key: string, value: TSESTree.Node | null | undefined): void {
    if (!value || !PLAIN_VALUES.has((unwrapTypeScript(value as Node) as TSESTree.Node).type)) return;
    // `fixUrl = url; … fixUrl = url + '?' + query`: a write that starts with an earlier one's value extends it, not replaces it.
    const start = leftmostOperand(value);
    const text = this.options.text.slice(start.range[0], start.range[1]);
    const starts = this.writeStarts.get(key) ?? new Set<string>();
    const extension = starts.has(text);
    starts.add(text);
    this.writeStarts.set(key, starts);
    if (!extension) this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  /** `const settings = { upload: '…' }`: each property is a first write of `settings.upload`. */
  protected countObjectWrites(key: string, init: TSESTree.Node): void {
    const object = unwrapTypeScript(init as Node) as TSESTree.Node;
    if (object.type !== 'ObjectExpression') return this.countWrite(key, init);
    for (const property of object.properties) {
      const name = property.type === 'Property' ? propertyName(property) : undefined;
      const field = name === undefined ? undefined : fieldKey(key, name);
      if (field && property.type === 'Property') this.countWrite(field, property.value);
    }
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

  source(label: FlowLabel, origin: string, at: Node, named?: FlowLabel, text?: string, page?: string): Ref {
    // Several sources of one label at one place differ by what they stand for (the fields of a cloud function's `event`).
    const key = `src:${this.fileId}@${at.range[0]}:${label}${label === 'client-identity' || label === 'caller-identity' ? `:${text}` : ''}`;
    if (!this.fragment.nodes.has(key)) {
      const description = `${labelText(named ?? label)}, ${origin}`;
      this.node(key, at, description);
      this.fragment.sources.push({ key, label, description, origin, location: this.location(at), ...(named && { named }), ...(text !== undefined && { text }), ...(page !== undefined && { page }), ...(this.context.fn && { owner: this.context.fn }) });
    }
    return { key };
  }

  /** `'http://api.example.com/'` where a URL starts: traced to the requests and web-views it may start the URL of. */
  protected insecureUrl(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string): Ref[] {
    if (!INSECURE_URL_START.test(text)) return [];
    return [this.source('insecure-url', `the URL ${compact(text)}`, node, undefined, text.slice(0, MAX_URL_TEXT))];
  }

  /** A string as an expression's value: the sensitive name it is, or the plain-HTTP URL it starts. */
  protected stringLiteral(node: TSESTree.Literal, value: string): Ref[] {
    const url = this.insecureUrl(node, value);
    return url.length > 0 ? url : this.keyName(node, value);
  }

  /** `'token'`, `'openid'`: a string that names sensitive data, traced in case it becomes a storage key. */
  protected keyName(node: TSESTree.Literal, value: string): Ref[] {
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

  initializerOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = this.variables.get(identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    return definition?.type === 'Variable' && definition.node.id.type === 'Identifier' ? definition.node.init ?? undefined : undefined;
  }

  parameterPosition(raw: TSESTree.Node): number | undefined {
    return this.parameterOf(raw)?.position;
  }

  /** The parameter of the current function `raw` names, as declared: its position and the parameter node (`persist = false` is the left side of its default). */
  private parameterOf(raw: TSESTree.Node): { position: number; parameter: TSESTree.Parameter } | undefined {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (node.type !== 'Identifier') return undefined;
    const definition = this.variables.get(node)?.defs[0];
    if (definition?.type !== 'Parameter') return undefined;
    const fn = definition.node as FunctionNode;
    if (this.functionKey(fn) !== this.context.fn) return undefined;
    const position = fn.params.findIndex((param) => param === definition.name || (param.type === 'AssignmentPattern' && param.left === definition.name));
    return position < 0 ? undefined : { position, parameter: fn.params[position]! };
  }

  /** `if (persist) …` on a parameter: which one, and whether its default is truthy (`persist = true`: left out, it is on). */
  private switchOf(test: TSESTree.Node): { position: number; onByDefault: boolean } | undefined {
    const found = this.parameterOf(test);
    if (!found) return undefined;
    const fallback = found.parameter.type === 'AssignmentPattern' ? found.parameter.right : undefined;
    const onByDefault = fallback !== undefined && !(fallback.type === 'Literal' && !fallback.value) && !(fallback.type === 'Identifier' && fallback.name === 'undefined');
    return { position: found.position, onByDefault };
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

  protected statementInner(node: TSESTree.Node): void {
    switch (node.type) {
      case 'ExpressionStatement':
        if (this.nesting === 0 && node.expression.type === 'AssignmentExpression' && this.strongUpdate(node.expression)) return;
        this.expression(node.expression);
        return;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.init && this.aliasDeclaration(declarator.id, declarator.init)) continue;
          this.bindPattern(declarator.id, declarator.init ? this.expression(declarator.init) : []);
          if (declarator.id.type === 'Identifier' && declarator.init) this.countObjectWrites(this.variableKey(declarator.id), declarator.init);
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
      case 'IfStatement': {
        this.expression(node.test);
        // `if (persist) wx.setStorageSync(key, value)`: a write a parameter switches on (see wrapper-sinks.ts).
        const saved = this.switchParameter;
        this.switchParameter = this.switchOf(node.test) ?? saved;
        // In server code, what the test reads decides which database calls run (cloud-flows.ts).
        const outer = this.conditions;
        if (this.options.cloudFunction) this.conditions = [...outer, ...this.conditionReads(node.test)];
        this.statement(node.consequent);
        this.switchParameter = saved;
        this.statement(node.alternate);
        this.conditions = outer;
        return;
      }
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
        exportNamed(this, node);
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
        importDeclaration(this, node);
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
  protected children(node: TSESTree.Node): void {
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) this.any(item);
      } else if (isNode(value)) this.any(value);
    }
  }

  protected any(node: TSESTree.Node): void {
    if (isExpressionLike(node)) this.expression(node as TSESTree.Expression);
    else this.statement(node);
  }

  /**
   * A class is a value whose `prototype` holds its methods; `this` in a method is the prototype,
   * `new C()` is C's prototype, and `extends B` copies B's prototype (inherited methods) into C's.
   */
  protected classBody(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string {
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

  // ------------------------------------------------------------ functions

  /** Analyses a function's body; returns its key. `thisKey` is what `this` means inside (arrows keep the caller's). */
  function(node: FunctionNode, thisKey: string): string {
    const key = this.node(this.functionKey(node), node, functionLabel(node));
    this.fragment.functions.add(key);
    if (this.context.fn) this.fragment.parents.set(key, this.context.fn);
    if (this.handed.has(node)) this.fragment.handedToCalls.add(key);
    const helper = summariseHelper(node, this.variables);
    if (helper && 'valueStarts' in helper) this.fragment.valueHelpers.set(key, helper.valueStarts);
    if (helper && 'copyOf' in helper) this.fragment.copyHelpers.set(key, helper.copyOf);
    const saved = this.context;
    const nesting = this.nesting;
    this.nesting = 0;
    const savedSwitch = this.switchParameter;
    this.switchParameter = undefined;
    const arrow = node.type === 'ArrowFunctionExpression';
    if (this.classPage && !arrow) thisKey = this.instance;
    this.context = { fn: key, this: arrow ? saved.this : thisKey, ...((arrow ? saved.thisOwner : key) !== undefined && { thisOwner: arrow ? saved.thisOwner! : key }) };
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
    this.switchParameter = savedSwitch;
    this.nesting = nesting;
    return key;
  }

  /** What the `if` tests around the code being walked read (server code only): names and fields, compared or not. */
  conditions: readonly Ref[] = [];

  /** The names and fields a test reads (`userId` and `user.userId` of `!userId || userId === user.userId`), bounded. */
  private conditionReads(test: TSESTree.Node): Ref[] {
    const reads: Ref[] = [];
    const stack: TSESTree.Node[] = [test];
    for (let budget = MAX_CONDITION_READS; stack.length > 0 && budget > 0; budget--) {
      const node = unwrapTypeScript(stack.pop()! as Node) as TSESTree.Node;
      if (node.type === 'Identifier' || (node.type === 'MemberExpression' && !node.computed)) reads.push(...this.expression(node).map((ref) => ({ key: ref.key, shallow: true })));
      else if (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') stack.push(node.right, node.left as TSESTree.Node);
      else if (node.type === 'UnaryExpression') stack.push(node.argument);
    }
    return reads;
  }

  /** A function's `arguments`: an array of its first parameters, whatever it declares. */
  protected argumentsOf(fn: string, at: Node): string {
    const key = `${fn}#args`;
    if (!this.fragment.nodes.has(key)) {
      this.node(key, at, 'arguments');
      for (let index = 0; index < SPREAD_ARGUMENTS; index++) this.copy([{ key: `${fn}#p${index}` }], fieldKey(key, '[]')!);
    }
    return key;
  }

  /**
   * Calls a function value with arguments; returns the result. `direct`: the call passes `at`'s own
   * arguments in order (not `.call`, a callback or a constructor), so they are kept as written for
   * calls of storage wrappers (wrapper-sinks.ts). `sited`: the call's arguments are its own, if
   * shifted (`f.call(this, a)`), so sinks may be judged where it is (parameter-sinks.ts).
   */
  invoke(callees: readonly Ref[], args: Ref[][], at: Node, receiver?: Ref[], passThrough = false, direct = false, sited = direct): Ref[] {
    // `''.concat(BASE)`: a transformer on a literal still makes its result from its arguments.
    if (callees.length === 0) return passThrough ? deep([...args.flat(), ...(receiver ?? [])]) : [];
    const result = this.temp(at, '#call');
    const call = at as TSESTree.CallExpression;
    const facts = direct ? argumentFacts(call.arguments) : undefined;
    // A call without arguments hands a helper nothing to judge it by (parameter-sinks.ts).
    const site = sited && call.arguments.length > 0 ? { unit: this.unit, start: at.range[0], end: at.range[1] } : undefined;
    const viaParameter = direct && this.isParameterValue(call.callee);
    const thisOwner = receiver?.some((ref) => ref.key === this.context.this) && !PLAIN_THIS.test(this.context.this) ? this.context.thisOwner : undefined;
    this.fragment.calls.push({ callees: callees.map((callee) => callee.key), args, result, ...(receiver && { receiver }), ...(passThrough && { passThrough }), ...(viaParameter && { viaParameter }), ...(this.context.fn && { owner: this.context.fn }), ...(thisOwner && { thisOwner }), ...(facts && { argumentFacts: facts }), ...(site && { site }), ...(site && !direct && { shifted: true }) });
    return [{ key: result }];
  }

  /** Function literals the call being walked receives where they are written (see markHandedFunctions). */
  private readonly handed = new WeakSet<TSESTree.Node>();

  /**
   * Marks the function literals a call receives as written: arguments, values of an options object
   * argument, an IIFE's callee, each also through `.bind(…)`. They run when, and because, the call does.
   */
  protected markHandedFunctions(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    this.markHanded(call.callee);
    for (const argument of call.arguments) {
      this.markHanded(argument);
      const options = unwrapTypeScript(argument as Node) as TSESTree.Node;
      if (options.type === 'ObjectExpression') for (const property of options.properties) if (property.type === 'Property') this.markHanded(property.value);
    }
  }

  private markHanded(raw: TSESTree.Node): void {
    let node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    // `function () {…}.bind(this)`
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'bind') {
      node = unwrapTypeScript(node.callee.object as Node) as TSESTree.Node;
    }
    if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') this.handed.add(node);
  }

  /** `callback`, `options.success`: a value the function was given, so each caller decides what it is. */
  private isParameterValue(raw: TSESTree.Node): boolean {
    let node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    while (node.type === 'MemberExpression') node = unwrapTypeScript(node.object as Node) as TSESTree.Node;
    return node.type === 'Identifier' && this.variables.get(node)?.defs[0]?.type === 'Parameter';
  }

  // Patterns and fields: extract-patterns.ts.
  protected abstract strongUpdate(assignment: TSESTree.AssignmentExpression): boolean;
  abstract variableKey(identifier: TSESTree.Identifier): string;
  abstract bindPattern(pattern: TSESTree.Node, value: Ref[]): void;
  protected abstract targets(target: TSESTree.Node): string[];
  abstract field(base: readonly Ref[], name: string, at: Node, byName?: boolean): Ref[];
  abstract elementsOf(collection: readonly Ref[]): Ref[];
}
