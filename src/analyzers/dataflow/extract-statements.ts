import { analyze, type Scope } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { argumentFacts } from './api-flows.js';
import type { ApiCallTarget } from './api-target.js';
import { fieldKey, type FlowFragment, type Ref } from './fragment.js';
import { exportNamed, importDeclaration } from './extract-modules.js';
import { returnsOnlyParameterValues } from './derived-returns.js';
import { isInteropWrapper } from './interop-wrapper.js';
import { summariseHelper } from './pure-functions.js';
import { entryFlows, entryFunction } from './cloud-flows.js';
import { calleeName, deep, functionLabel, isExpressionLike, isNode, shiftedCallee, type FunctionNode } from './extract-syntax.js';
import { COMPOUND_STATEMENTS, enterArm, ExtractorBase, PLAIN_THIS, SPREAD_ARGUMENTS, type Expression } from './extract-base.js';
import { moduleExportName } from '../module-export-name.js';
import { grantedScopes, narrowScopes } from './auth-setting-guards.js';
import { destructuredArray } from './destructured-arrays.js';

/** Names and fields read from one `if` test that count as its condition. */
const MAX_CONDITION_READS = 16;

/** Statements, classes and functions, and calls as the walk records them; patterns and fields: extract-patterns.ts, expressions: extract-expressions.ts. */
export abstract class StatementExtractor extends ExtractorBase implements ApiCallTarget {
  abstract expression(raw: Expression | TSESTree.Node | null | undefined): Ref[];
  protected abstract aliasDeclaration(id: TSESTree.Identifier, init: TSESTree.Expression): boolean;
  protected abstract isModuleExports(node: TSESTree.MemberExpression): boolean;
  protected abstract guardTest(node: TSESTree.Node): void;

  /** Walks the program: scopes first, then every statement; a cloud function's entry last. */
  run(): FlowFragment {
    const manager = analyze(this.program, { sourceType: 'module', lib: [] });
    const visit = (scope: Scope): void => {
      for (const reference of scope.references) if (reference.resolved) this.variables.set(reference.identifier as TSESTree.Identifier, reference.resolved);
      for (const variable of scope.variables) for (const def of variable.defs) if (def.name.type === 'Identifier') this.variables.set(def.name, variable);
      for (const child of scope.childScopes) visit(child);
    };
    visit(manager.globalScope!);
    this.linkWebpack();
    for (const statement of this.program.body) this.statement(statement);
    this.cloudEntry();
    this.markRewritten();
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

  /** `if (persist) …` on a parameter: which one, and whether its default is truthy (`persist = true`: left out, it is on). */
  private switchOf(test: TSESTree.Node): { position: number; onByDefault: boolean } | undefined {
    const found = this.parameterOf(test);
    if (!found) return undefined;
    const fallback = found.parameter.type === 'AssignmentPattern' ? found.parameter.right : undefined;
    const onByDefault = fallback !== undefined && !(fallback.type === 'Literal' && !fallback.value) && !(fallback.type === 'Identifier' && fallback.name === 'undefined');
    return { position: found.position, onByDefault };
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
        for (const [index, declarator] of node.declarations.entries()) {
          if (declarator.id.type === 'Identifier' && declarator.init && this.aliasDeclaration(declarator.id, declarator.init)) continue;
          const destructured = destructuredArray(node, index, this.variables);
          if (destructured) {
            this.bindPattern(declarator.id, this.expression(destructured));
            continue;
          }
          const start = declarator.id.type === 'Identifier' && declarator.init ? this.chainStart(declarator.id) : [];
          if (start.length > 0) {
            this.copy(this.expression(declarator.init), start[0]!.key);
            continue;
          }
          this.bindPattern(declarator.id, declarator.init ? this.expression(declarator.init) : []);
          if (declarator.id.type === 'Identifier' && declarator.init) {
            this.countObjectWrites(this.variableKey(declarator.id), declarator.init);
            if (this.options.cloudFunction && isTest(declarator.init)) this.testVariables.set(this.variableKey(declarator.id), this.testReads(declarator.init, true));
          }
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
        if (this.options.cloudFunction) this.conditions = [...outer, ...this.testReads(node.test, false)];
        // `let dev = false; … if (dev) base = 'http://192.168…'`: an arm that never runs adds no flows.
        const truth = this.staticTruthOf(node.test);
        const around = this.branch;
        const facts = this.scopeFacts;
        this.branch = enterArm(around, node.range[0], false);
        this.scopeFacts = narrowScopes(facts, node.test, true);
        if (truth !== false) this.statement(node.consequent);
        this.switchParameter = saved;
        this.branch = enterArm(around, node.range[0], true);
        this.scopeFacts = narrowScopes(facts, node.test, false);
        if (truth !== true) this.statement(node.alternate);
        this.branch = around;
        this.scopeFacts = facts;
        this.conditions = outer;
        return;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const collection = this.expression(node.right);
        const elements = node.type === 'ForOfStatement' ? this.elementsOf(collection) : [];
        const target = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left;
        this.noteKeyIteration(target, node.right, node.type === 'ForInStatement');
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
        const exported = node.exported ? moduleExportName(node.exported) : undefined;
        this.copy([{ key: `m:${this.options.fileIds.of(from)}` }], exported ? `${this.moduleKey}.${exported}` : this.moduleKey);
        return;
      }
      case 'ClassDeclaration':
        this.classBody(node);
        return;
      case 'BlockStatement':
        this.statementList(node.body);
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
    if (isInteropWrapper(node)) this.fragment.interopWrappers.add(key);
    const helper = summariseHelper(node, this.variables);
    if (helper && 'valueStarts' in helper) this.fragment.valueHelpers.set(key, helper.valueStarts);
    if (helper && 'copyOf' in helper) this.fragment.copyHelpers.set(key, helper.copyOf);
    if (!helper && returnsOnlyParameterValues(node, this.variables)) this.fragment.derivedHelpers.add(key);
    const saved = this.context;
    const nesting = this.nesting;
    this.nesting = 0;
    // A function runs whenever it is called, whatever arm it is written in.
    const branch = this.branch;
    this.branch = undefined;
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
    if (node.body.type === 'BlockStatement') this.statementList(node.body.body);
    else this.copy(this.expression(node.body), `${key}#r`);
    this.context = saved;
    this.switchParameter = savedSwitch;
    this.nesting = nesting;
    this.branch = branch;
    return key;
  }

  /** What the `if` tests around the code being walked read (server code only): names and fields, compared or not. */
  conditions: readonly Ref[] = [];
  /** Server code's variables that hold a test (`const canUpdate = project.owner === OPENID || …`): what the test reads. */
  private readonly testVariables = new Map<string, Ref[]>();

  /**
   * Statements in order. In server code an `if` that leaves (`if (post.owner !== OPENID) return …`)
   * decides whether everything after it in the block runs, as if that code sat in its `else`.
   */
  private statementList(list: readonly TSESTree.Node[]): void {
    const outer = this.conditions;
    for (const statement of list) {
      this.statement(statement);
      if (this.options.cloudFunction && statement.type === 'IfStatement' && !statement.alternate && leaves(statement.consequent)) this.conditions = [...this.conditions, ...this.testReads(statement.test, true)];
    }
    this.conditions = outer;
  }

  /**
   * What a test reads, bounded. Around code (`if (…) { … }`), every name and field it reads, compared
   * or not (`userId` and `user.userId` of `!userId || userId === user.userId`). For a guard
   * (`comparedOnly`), only what it compares or asks a predicate about (`post._openid !== openid`,
   * `ROLES.includes(role)`, `await isOwner(post, openid)`): a bare `!OPENID` (is anyone signed in?)
   * compares nothing. Either way a variable holding a test stands for the test (`if (!canUpdate)`),
   * and only names and plain fields are read, so no call in the test is extracted twice.
   */
  private testReads(test: TSESTree.Node, comparedOnly: boolean): Ref[] {
    const reads: Ref[] = [];
    const stack: TSESTree.Node[] = [test];
    for (let budget = MAX_CONDITION_READS; stack.length > 0 && budget > 0; budget--) {
      const node = unwrapTypeScript(stack.pop()! as Node) as TSESTree.Node;
      if (node.type === 'BinaryExpression') {
        if (!comparedOnly) stack.push(node.right, node.left as TSESTree.Node);
        else if (COMPARISONS.has(node.operator)) reads.push(...this.plainReads(node.left), ...this.plainReads(node.right));
      } else if (node.type === 'LogicalExpression') stack.push(node.right, node.left);
      else if ((node.type === 'UnaryExpression' && (!comparedOnly || node.operator === '!')) || node.type === 'AwaitExpression') stack.push(node.argument);
      else if (node.type === 'CallExpression') {
        for (const argument of node.arguments) reads.push(...this.plainReads(argument));
        if (node.callee.type === 'MemberExpression') reads.push(...this.plainReads(node.callee.object));
      } else if (node.type === 'Identifier') {
        const refs = this.plainReads(node);
        if (!comparedOnly) reads.push(...refs);
        for (const ref of refs) reads.push(...(this.testVariables.get(ref.key) ?? []));
      } else if (node.type === 'MemberExpression' && !node.computed && !comparedOnly) reads.push(...this.plainReads(node));
    }
    return reads;
  }

  /** A name or a chain of plain fields on one (`post._openid`, `this.data.owner`), as read; anything else reads nothing here. */
  private plainReads(node: TSESTree.Node): Ref[] {
    let root = unwrapTypeScript(node as Node) as TSESTree.Node;
    while (root.type === 'MemberExpression' && !root.computed) root = unwrapTypeScript(root.object as Node) as TSESTree.Node;
    if (root.type !== 'Identifier' && root.type !== 'ThisExpression') return [];
    return this.expression(node).map((ref) => ({ key: ref.key, shallow: true }));
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
    // The calls of a chain (`load().then(cb)`) start at the same offset: each after the first is also keyed by its end.
    const result = this.node(`t:${this.fileId}@${at.range[0]}${startsChain(at) ? '' : `-${at.range[1]}`}#call`, at);
    const call = at as TSESTree.CallExpression;
    const facts = direct ? argumentFacts(call.arguments) : undefined;
    // A call without arguments hands a helper nothing to judge it by (parameter-sinks.ts).
    const site = sited && call.arguments.length > 0 ? { unit: this.unit, start: at.range[0], end: at.range[1] } : undefined;
    const calledAs = site && calleeName(shiftedCallee(call.callee));
    const viaParameter = direct && this.isParameterValue(call.callee);
    const thisOwner = receiver?.some((ref) => ref.key === this.context.this) && !PLAIN_THIS.test(this.context.this) ? this.context.thisOwner : undefined;
    const granted = grantedScopes(this.scopeFacts);
    this.fragment.calls.push({ callees: callees.map((callee) => callee.key), args, result, ...(granted && { granted }), ...(receiver && { receiver }), ...(passThrough && { passThrough }), ...(viaParameter && { viaParameter }), ...(this.context.fn && { owner: this.context.fn }), ...(thisOwner && { thisOwner }), ...(facts && { argumentFacts: facts }), ...(site && { site }), ...(calledAs && { calledAs }), ...(site && !direct && { shifted: true }) });
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

  protected abstract noteKeyIteration(key: TSESTree.Node | undefined, over: TSESTree.Node, forIn: boolean): void;
  /** Ties a compiled build's webpack modules together by id (extract-definitions.ts). */
  protected abstract linkWebpack(): void;
  // Patterns and fields: extract-patterns.ts.
  protected abstract strongUpdate(assignment: TSESTree.AssignmentExpression): boolean;
  protected abstract chainStart(node: TSESTree.Node): Ref[];
  abstract variableKey(identifier: TSESTree.Identifier): string;
  abstract bindPattern(pattern: TSESTree.Node, value: Ref[]): void;
  protected abstract targets(target: TSESTree.Node): string[];
  abstract field(base: readonly Ref[], name: string, at: Node, byName?: boolean): Ref[];
  abstract elementsOf(collection: readonly Ref[]): Ref[];
}

/** A statement that always returns or throws: a guard's body. */
function leaves(node: TSESTree.Node): boolean {
  if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') return true;
  return node.type === 'BlockStatement' && node.body.length > 0 && leaves(node.body[node.body.length - 1]!);
}

const COMPARISONS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'in', 'instanceof']);

/** An expression whose value is a test's outcome: a comparison, a negation, or `&&`/`||` of tests. */
function isTest(node: TSESTree.Node): boolean {
  if (node.type === 'BinaryExpression') return COMPARISONS.has(node.operator);
  if (node.type === 'UnaryExpression') return node.operator === '!';
  if (node.type === 'LogicalExpression') return isTest(node.left) || isTest(node.right);
  return false;
}

/** A call that no call before it in a chain shares its start with: `load()` of `load().then(cb)`, any plain call. */
function startsChain(at: Node): boolean {
  if (at.type !== 'CallExpression') return true;
  let head = unwrapTypeScript(at.callee as Node) as TSESTree.Node;
  while (head.type === 'MemberExpression') head = unwrapTypeScript(head.object as Node) as TSESTree.Node;
  return head.type !== 'CallExpression' && head.type !== 'NewExpression';
}
