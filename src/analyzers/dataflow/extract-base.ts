import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type { FlowLabel } from '../../platforms/flows.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { labelText } from './api-flows.js';
import { compactLabel, emptyFragment, fieldKey, type FlowFragment, type FlowUnit, type Ref } from './fragment.js';
import { sensitiveNameLabel } from './names.js';
import { staticTruth } from './static-conditions.js';
import type { ExtractOptions } from './extract-options.js';
import { isCompiledClassPage } from './compiled-class-pages.js';
import { chainText, compact, propertyName, INSECURE_URL_START, MAX_URL_TEXT, type FunctionNode } from './extract-syntax.js';
import { NO_SCOPE_FACTS, type ScopeFacts } from './auth-setting-guards.js';

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

/**
 * Whether a plain value keeps the chain `text`'s own value whatever runs: `x || d` and `x ?? d` (a
 * default), `p + x` (a join), `c ? x : x + s`; not `c ? s : x` or `c && s || x`, which may replace it.
 */
function readsChain(raw: TSESTree.Node, text: string, depth = 0): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  if (depth > 6) return false;
  switch (node.type) {
    case 'Identifier':
    case 'MemberExpression':
      return chainText(node) === text;
    case 'LogicalExpression':
      return node.operator !== '&&' && readsChain(node.left, text, depth + 1);
    case 'BinaryExpression':
      return node.operator === '+' && (readsChain(node.left, text, depth + 1) || readsChain(node.right, text, depth + 1));
    case 'ConditionalExpression':
      return readsChain(node.consequent, text, depth + 1) && readsChain(node.alternate, text, depth + 1);
    case 'TemplateLiteral':
      return node.expressions.some((expression) => readsChain(expression, text, depth + 1));
    default:
      return false;
  }
}

export type Expression = TSESTree.Expression | TSESTree.PrivateIdentifier | TSESTree.SpreadElement | TSESTree.Super;

export const DEFINITIONS = new Set(['Page', 'Component', 'App', 'Behavior']);
/**
 * A framework's or the app's own wrapper of Page or Component, called with the options as an
 * object literal: x-mini's `xPage({…})`, `createPage({…})`, `BasePage({…})`,
 * `app.createComponent({…})`, antmove's `_Page({…})` in an app converted to Alipay. It hands the
 * options on to Page/Component, so they are read as a definition when they hold a lifecycle function.
 */
export const DEFINITION_WRAPPER = /^(?:[_$]|[_$]?(?:[a-z]+|[A-Z][a-z]+))(Page|Component)$/;
export const COMPONENT_GROUPS = new Set(['methods', 'lifetimes', 'pageLifetimes', 'observers']);
export const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'some', 'every', 'findLast']);
export const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally']);
/** Statements whose bodies may run conditionally or repeatedly. */
export const COMPOUND_STATEMENTS = new Set(['IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'SwitchStatement', 'TryStatement', 'BlockStatement', 'LabeledStatement', 'WithStatement']);
/** Positions `arguments` and `f.apply(ctx, list)` stand for. */
export const SPREAD_ARGUMENTS = 6;

/** `this` of a page, a component, the app or a module: one object already, so nothing a method writes on it needs giving back (see FlowFragment.thisWrites). */
export const PLAIN_THIS = /^(?:i:|app$|m:)/;

/** A string that may name a page or a route: letters, digits, `-`, `_` and `/`, short. */
const NAME_LIKE = /^\/?[\w-]{1,40}(?:\/[\w-]{1,40}){0,6}$/;

export interface Context {
  fn: string | undefined;
  this: string;
  /** The function whose `this` `this` is (an arrow function's is the enclosing one's). */
  thisOwner?: string;
}

/** The walk's state: nodes, sources, literals, constants and parameters, and the writes counted for FlowFragment.rewritten. Statements and functions: extract-statements.ts. */
export abstract class ExtractorBase {
  readonly fragment: FlowFragment;
  protected readonly variables = new Map<TSESTree.Identifier, Variable>();
  /** The parameter of the current function whose truth the statement being walked depends on (`if (persist) …`). */
  switchParameter: { position: number; onByDefault: boolean } | undefined;
  protected readonly keys = new Map<Variable, string>();
  protected context: Context;
  /** Inside a `fail` callback written where a call receives it: how many deep (ApiCallTarget.failDepth). */
  failDepth = 0;
  /** What the `if` tests around the code say of permissions' settings (ApiCallTarget.scopeFacts); callbacks written inside keep them. */
  scopeFacts: ScopeFacts = NO_SCOPE_FACTS;
  /** Branches and loops around the statement being walked, within the current function. */
  protected nesting = 0;
  readonly moduleKey: string;
  protected readonly fileId: string;
  protected readonly unit: FlowUnit;

  constructor(protected readonly program: TSESTree.Program, readonly options: ExtractOptions) {
    this.fragment = emptyFragment(options.file);
    if (options.library) this.fragment.libraryFile = options.fileIds.of(options.file);
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

  /** How often each variable or field is given a plain value (a string, a name, an operator on them): see {@link FlowFragment.rewritten}. */
  private readonly writes = new Map<string, number>();

  /** The innermost `if` arm around the code being walked, within its function (a chain to the outermost). */
  protected branch: Branch | undefined;
  /**
   * The arms around the counted writes of a key, kept only where they may decide something: a key
   * written once, outside any arm, has no entry; `null` is a key some write of which is outside any
   * arm (never exclusive). Writes in the two arms of one `if` replace nothing.
   */
  private readonly writeBranches = new Map<string, Branch | Branch[] | null>();

  /** Marks the keys given a plain value more than once, not all in exclusive arms (see {@link FlowFragment.rewritten}). */
  protected markRewritten(): void {
    for (const [key, count] of this.writes) {
      const branches = this.writeBranches.get(key);
      if (count > 1 && !(Array.isArray(branches) && allExclusive(branches))) this.fragment.rewritten.add(key);
    }
  }

  /** What each counted write of a key starts with, as written (`url` of `url + '?' + query`). */
  private readonly writeStarts = new Map<string, Set<string>>();

  /** `map.page = 'web-view'` in a function: a page a router called with `map.page` there may open (see FlowFragment.literalWrites). */
  protected noteLiteralWrite(target: TSESTree.Node, raw: TSESTree.Node): void {
    const value = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (this.context.fn === undefined || value.type !== 'Literal' || typeof value.value !== 'string' || !NAME_LIKE.test(value.value)) return;
    const chain = chainText(target);
    if (chain !== undefined) this.fragment.literalWrites.push([`${this.context.fn}\0${chain}`, value.value]);
  }

  protected countWrite(key: string, value: TSESTree.Node | null | undefined, target?: TSESTree.Node): void {
    if (!value || !PLAIN_VALUES.has((unwrapTypeScript(value as Node) as TSESTree.Node).type) || isPlaceholder(value)) return;
    // `url = url || ''`, `url = base + url`: a write that keeps the value it finds replaces nothing.
    const own = target && chainText(target);
    if (own !== undefined && readsChain(value, own)) return;
    // `fixUrl = url; … fixUrl = url + '?' + query`: a write that starts with an earlier one's value extends it, not replaces it.
    const start = leftmostOperand(value);
    const text = this.options.text.slice(start.range[0], start.range[1]);
    const starts = this.writeStarts.get(key) ?? new Set<string>();
    const extension = starts.has(text);
    starts.add(text);
    this.writeStarts.set(key, starts);
    if (extension) return;
    const count = (this.writes.get(key) ?? 0) + 1;
    this.writes.set(key, count);
    this.noteWriteBranch(key, count);
  }

  private noteWriteBranch(key: string, count: number): void {
    const branch = this.branch;
    const known = this.writeBranches.get(key);
    if (count === 1) {
      if (branch) this.writeBranches.set(key, branch);
      return;
    }
    // No entry after a first write: that write was outside any arm.
    if (known === null || known === undefined || !branch) this.writeBranches.set(key, null);
    else if (!Array.isArray(known)) this.writeBranches.set(key, [known, branch]);
    // Past a few writes the arms are not compared: the key counts as rewritten, as it always did.
    else if (known.length <= MAX_COMPARED_WRITES) known.push(branch);
  }

  /**
   * Variables bound to a table of strings (`const KEYS = { sessionToken: 'session_token', … }`):
   * what is read off them is a key or a label, whatever the property is called.
   */
  protected readonly stringTables = new Set<string>();

  /** `const settings = { upload: '…' }`: each property is a first write of `settings.upload`. */
  protected countObjectWrites(key: string, init: TSESTree.Node): void {
    const object = unwrapTypeScript(init as Node) as TSESTree.Node;
    if (object.type !== 'ObjectExpression') return this.countWrite(key, init);
    if (isStringTable(object)) this.stringTables.add(key);
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
      // One literal with every field, left undefined where absent: one object shape for every node, its
      // fields in the object itself (conditional spreads gave several shapes and out-of-object storage).
      this.fragment.nodes.set(key, { label: label === undefined ? undefined : compactLabel(label), unit: this.unit, start: at.range[0], end: at.range[1], owner: this.context.fn || undefined });
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
      this.fragment.sources.push({ key, label, description, origin, location: this.location(at), ...(named && { named }), ...(text !== undefined && { text }), ...(page !== undefined && { page }), ...(this.context.fn && { owner: this.context.fn }), ...(this.options.trackerSdk && { trackerSdk: true }) });
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

  /**
   * Whether a test is decided by literals and by variables given a literal once (static-conditions.ts).
   * A `var` only when declared above the test: it is hoisted, so a test above its declaration reads undefined.
   */
  staticTruthOf(test: TSESTree.Node): boolean | undefined {
    return staticTruth(test, (identifier) => {
      const definition = this.variables.get(identifier)?.defs[0];
      if (definition?.type !== 'Variable') return undefined;
      return definition.parent?.kind !== 'var' || definition.node.range[1] <= test.range[0] ? this.onlyValueOf(identifier) : undefined;
    });
  }

  onlyValueOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
    const init = this.initializerOf(identifier);
    return init && this.writeCount(this.variables.get(identifier)!) === 1 ? init : undefined;
  }

  /** How often a variable is written, counted once per variable: a value read 100,000 times is not recounted at each read. */
  private readonly writeCounts = new Map<Variable, number>();

  protected writeCount(variable: Variable): number {
    let count = this.writeCounts.get(variable);
    if (count === undefined) this.writeCounts.set(variable, (count = variable.references.filter((reference) => reference.isWrite()).length));
    return count;
  }

  parameterPosition(raw: TSESTree.Node): number | undefined {
    return this.parameterOf(raw)?.position;
  }

  enclosingParameter(raw: TSESTree.Node): { position: number; fn: string } | undefined {
    const declared = this.declaredParameter(raw);
    return declared && { position: declared.position, fn: this.functionKey(declared.fn) };
  }

  /** The parameter of the current function `raw` names, as declared: its position and the parameter node (`persist = false` is the left side of its default). */
  protected parameterOf(raw: TSESTree.Node): { position: number; parameter: TSESTree.Parameter } | undefined {
    const declared = this.declaredParameter(raw);
    return declared && this.functionKey(declared.fn) === this.context.fn ? { position: declared.position, parameter: declared.fn.params[declared.position]! } : undefined;
  }

  /** The parameter `raw` names, of whichever function declares it: that function and the parameter's position. */
  private declaredParameter(raw: TSESTree.Node): { position: number; fn: FunctionNode } | undefined {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (node.type !== 'Identifier') return undefined;
    const definition = this.variables.get(node)?.defs[0];
    if (definition?.type !== 'Parameter') return undefined;
    const fn = definition.node as FunctionNode;
    const position = fn.params.findIndex((param) => param === definition.name || (param.type === 'AssignmentPattern' && param.left === definition.name));
    return position < 0 ? undefined : { position, fn };
  }


  get owner(): string | undefined {
    return this.context.fn;
  }

  get thisKey(): string {
    return this.context.this;
  }

}

/** A key as tables of them hold one (`session_token`, `app:userInfo`): not empty (a placeholder to fill), not a URL or a sentence. */
const KEY_LIKE = /^[A-Za-z_$][\w$.:-]{1,63}$/;

/** An object literal of two or more properties whose values are all key-like string literals. */
function isStringTable(object: TSESTree.ObjectExpression): boolean {
  return object.properties.length > 1 && object.properties.every((property) => property.type === 'Property' && !property.computed && property.value.type === 'Literal' && typeof property.value.value === 'string' && KEY_LIKE.test(property.value.value));
}

/** One arm of an `if`: the statement's offset, which arm, and the arm around the statement. */
export interface Branch {
  readonly at: number;
  readonly alternate: boolean;
  readonly parent: Branch | undefined;
  readonly depth: number;
}

export function enterArm(parent: Branch | undefined, at: number, alternate: boolean): Branch {
  return { at, alternate, parent, depth: (parent?.depth ?? 0) + 1 };
}

/** Writes of one key whose arms are compared; a key written more often is taken as rewritten. */
const MAX_COMPARED_WRITES = 8;

/** Whether every two of these writes sit in different arms of one `if` (`if (dev) url = A; else url = B;`): one execution makes only one. */
function allExclusive(branches: readonly Branch[]): boolean {
  if (branches.length > MAX_COMPARED_WRITES) return false;
  for (let i = 0; i < branches.length; i++) for (let j = i + 1; j < branches.length; j++) if (!exclusive(branches[i], branches[j])) return false;
  return true;
}

/** The arms of one `if` below the innermost arm both writes share: the two writes never both run. */
function exclusive(first: Branch | undefined, second: Branch | undefined): boolean {
  let a = first;
  let b = second;
  while (a && b && a.depth > b.depth) a = a.parent;
  while (a && b && b.depth > a.depth) b = b.parent;
  while (a && b && a !== b && a.parent !== b.parent) {
    a = a.parent;
    b = b.parent;
  }
  return a !== undefined && b !== undefined && a !== b && a.at === b.at && a.alternate !== b.alternate;
}

/** `let base = ''`, `= null`, `= undefined`: a first value that only says the variable is set later. */
function isPlaceholder(raw: TSESTree.Node): boolean {
  const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
  return (node.type === 'Literal' && (node.value === '' || node.value === null) && !('regex' in node && node.regex)) || (node.type === 'Identifier' && node.name === 'undefined');
}
