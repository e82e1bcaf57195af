import type { TSESTree } from '@typescript-eslint/types';
import type { Variable } from '@typescript-eslint/scope-manager';
import { requireSpecifier, unwrapTypeScript } from '../api-calls.js';
import { frameworkOfModule, interopArgument, webpackGetterArgument, webpackRequireKey } from '../framework-modules.js';
import type { Node } from '../traverse.js';
import { compactLabel, fieldKey, PAGE_STACK, VUE_PROTOTYPE, type Ref } from './fragment.js';
import { pageRoute } from './extract-options.js';
import { calleeName, deep, isCompiledTaroState, isEmptyValue, memberName, propertyName, shallow } from './extract-syntax.js';
import type { Expression } from './extract-base.js';
import { isRebuiltChain } from './promise-chains.js';
import { ROUTER } from './path-keys.js';
import { isTaroRouter, isVueOptions, vuePrototypeField, vuePrototypeProperty } from './framework-syntax.js';
import { PatternExtractor } from './extract-patterns.js';
import { bindingHoldsPlatform, webpackImportNamespace } from '../platform-objects.js';
import { TAIL } from './fragment.js';
import { own } from '../../util/own.js';
import { sdkHandle } from './extract-modules.js';
import { QUERY_VALIDATION, VALIDATOR_NAME } from '../../platforms/flows.js';

const APP_ID_GUARD = /appid/i;
/** `OPENID` as getWXContext names it, or the openId the platform injects into `event.userInfo`. */
const CALLER_GUARD = /\bOPENID\b|userInfo\.openId/;

/**
 * `import Taro from '@tarojs/taro'`, `import * as uniApp from '@dcloudio/uni-app'`: a framework's
 * namespace, which calls the platform's API under its own name (`Taro.setStorageSync`). Named
 * imports (`import { request } from …`) are single functions, not the namespace.
 */
function importedFramework(specifier: TSESTree.Node, declaration: TSESTree.Node | null, modules: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!modules || declaration?.type !== 'ImportDeclaration') return undefined;
  const whole = specifier.type === 'ImportDefaultSpecifier' || specifier.type === 'ImportNamespaceSpecifier'
    || (specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' && specifier.imported.name === 'default');
  return whole ? frameworkOfModule(declaration.source.value, modules) : undefined;
}

/** Text before a value that leaves the value to choose the host: nothing, or a scheme alone (`https://`, `//`). */
const OPEN_START = /^(?:(?:https?:)?\/\/)?$/i;

function isOpenStart(text: string): boolean {
  return OPEN_START.test(text);
}

function isOpenStartLiteral(node: TSESTree.Node): boolean {
  return node.type === 'Literal' && typeof node.value === 'string' && isOpenStart(node.value);
}

/** Operators whose result is computed from both operands' values; comparisons and bit operations (hashes, checksums) are not. */
const ARITHMETIC: ReadonlySet<string> = new Set(['-', '*', '/', '%', '**']);

/** Expressions: members, operators, object literals and the Page/Component/App definitions they hold. */
export abstract class ExpressionExtractor extends PatternExtractor {
  protected abstract call(node: TSESTree.CallExpression): Ref[];
  protected abstract newExpression(node: TSESTree.NewExpression): Ref[];
  protected abstract apiValue(namespace: string, method: string, node: TSESTree.MemberExpression): Ref[];
  // Object literals, definitions and Vue components: extract-definitions.ts.
  protected abstract object(node: TSESTree.ObjectExpression, thisKey?: string): string;
  protected abstract vueComponent(options: TSESTree.ObjectExpression): string;

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
        return typeof node.value === 'string' ? this.stringLiteral(node, node.value) : [];
      case 'TemplateLiteral': {
        // `${base}/${path}`: the first value starts the string only when no text comes before it, or only a scheme (`https://${host}`).
        const leading = isOpenStart(node.quasis[0]?.value.cooked ?? '') && node.expressions.length > 0;
        const values = node.expressions.map((expression) => this.expression(expression));
        const head = leading ? values.shift()! : [];
        return [...this.insecureUrl(node, node.quasis[0]?.value.cooked ?? ''), ...deep(head), ...this.tail(node, values.flat())];
      }
      case 'TaggedTemplateExpression':
        return deep([...this.expression(node.tag), ...node.quasi.expressions.flatMap((expression) => this.expression(expression))]);
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression':
        return this.expression(node.expression);
      case 'CallExpression':
        this.markHandedFunctions(node);
        return this.call(node);
      case 'NewExpression':
        this.markHandedFunctions(node);
        return this.newExpression(node);
      case 'AssignmentExpression': {
        const value = this.expression(node.right);
        // `url += '/x'` appends: the value joins as a tail, and the start the variable had stays.
        const written = node.operator === '=' ? value : node.operator === '+=' ? this.tail(node, value) : deep(value);
        if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern') this.bindPattern(node.left, written);
        else
          for (const target of this.targets(node.left)) {
            this.copy(written, target);
            if (node.operator === '=') this.countWrite(target, node.right, node.left);
          }
        if (node.operator === '=') this.noteLiteralWrite(node.left, node.right);
        const shared = vuePrototypeProperty(node.left);
        if (shared !== undefined) this.copy(written, fieldKey(VUE_PROTOTYPE, shared)!);
        this.copyKeyByKey(node);
        return value;
      }
      case 'ObjectExpression':
        if (isVueOptions(node)) return [{ key: this.vueComponent(node) }];
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
        return [{ key: this.function(node, `${this.functionKey(node)}#this`) }];
      case 'ClassExpression':
        return [{ key: this.classBody(node) }];
      case 'ConditionalExpression':
      case 'LogicalExpression':
        return this.alternatives(node);
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression':
        // `delete user.token` takes the field out of the object: no read of it.
        this.expression(node.operator === 'delete' && node.argument.type === 'MemberExpression' ? node.argument.object : node.argument);
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
   * through the name (`that.x = …`, `app.globalData.x = …`) are writes to the object itself; a
   * function's `this` so named gets its callers' receivers as if read (see ThisExpression).
   */
  protected aliasDeclaration(id: TSESTree.Identifier, init: TSESTree.Expression): boolean {
    const value = unwrapTypeScript(init) as TSESTree.Node;
    const target = value.type === 'ThisExpression' ? this.expression(value)[0]!.key : this.isGlobalCall(value, 'getApp') ? this.node('app', value, 'getApp()') : this.pagesAlias(value);
    if (target === undefined) return false;
    const variable = this.variables.get(id);
    if (!variable || this.writeCount(variable) > 1) return false;
    this.keys.set(variable, target);
    return true;
  }

  protected isGlobalCall(node: TSESTree.Node, name: string): boolean {
    return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === name && !this.variables.has(node.callee);
  }

  /**
   * `getCurrentPages()` and an element of it (`pages[pages.length - 2]`): every page instance at
   * once, so `prev.setData({ address })` writes the data of the page that reads it.
   */
  protected pagesAlias(node: TSESTree.Node): string | undefined {
    if (this.isGlobalCall(node, 'getCurrentPages')) return PAGE_STACK;
    if (node.type !== 'MemberExpression' || !node.computed) return undefined;
    const object = unwrapTypeScript(node.object) as TSESTree.Node;
    const stack = this.isGlobalCall(object, 'getCurrentPages') || (object.type === 'Identifier' && this.keys.get(this.variables.get(object)!) === PAGE_STACK);
    if (!stack) return undefined;
    this.expression(node.property as TSESTree.Expression);
    return fieldKey(PAGE_STACK, '[]');
  }

  /** The API namespace an identifier stands for: `wx`, or `api` after `const api = wx`. */
  protected namespaceAlias(identifier: TSESTree.Identifier, depth = 0): string | undefined {
    if (this.options.platformObjects?.has(identifier.name) && this.holdsPlatform(identifier)) return identifier.name;
    const webpack = this.options.frameworkModules && webpackImportNamespace(identifier.name, this.options.frameworkModules);
    if (webpack) return webpack;
    const variable = this.variables.get(identifier);
    if (!variable) return this.options.namespaces.has(identifier.name) ? identifier.name : undefined;
    const definition = variable.defs[0];
    if (definition?.type === 'ImportBinding') return importedFramework(definition.node, definition.parent, this.options.frameworkModules);
    // `(function (uni) { … }).call(this, n("543d").default)`: webpack's ProvidePlugin hands a development build the platform under its own name.
    if (definition?.type === 'Parameter' && variable.defs.length === 1 && this.options.namespaces.has(identifier.name)) return identifier.name;
    if (depth > 4 || variable.defs.length !== 1 || definition?.type !== 'Variable' || definition.node.id.type !== 'Identifier') return undefined;
    const init = definition.node.init && (unwrapTypeScript(definition.node.init) as TSESTree.Node);
    return init ? this.moduleNamespace(init, depth) : undefined;
  }

  /** Per binding of a name taken for the platform object: whether the platform's methods are called on that binding. */
  private readonly platformBindings = new Map<Variable, boolean>();

  /**
   * A name the text scan took for the platform object (`t` of `t.navigateTo(…)`, `t.showToast(…)`)
   * stands for it as every binding of that name, except one used as data: minified code gives every
   * other function's parameter the same name (`pay: function (t) { t.paymentInfo }`). A binding the
   * platform's methods are called on twice is the platform whatever else is read off it.
   */
  private holdsPlatform(identifier: TSESTree.Identifier): boolean {
    const variable = this.variables.get(identifier);
    if (!variable) return true;
    let holds = this.platformBindings.get(variable);
    if (holds === undefined) {
      holds = bindingHoldsPlatform(this.options.text, variable.references.map((reference) => reference.identifier.range[1]));
      this.platformBindings.set(variable, holds);
    }
    return holds;
  }

  /** The namespace a binding's initializer holds: another name for it, `require('@tarojs/taro')`, or Babel's `_interopRequireDefault(_taro)` of either (webpack's getter `t.n(u)` too). */
  private moduleNamespace(init: TSESTree.Node, depth: number): string | undefined {
    if (init.type === 'Identifier') return this.namespaceAlias(init, depth + 1);
    const specifier = requireSpecifier(init);
    if (specifier !== undefined) return this.options.frameworkModules && frameworkOfModule(specifier, this.options.frameworkModules);
    // A framework's numbered webpack module (`t(92954)`), and webpack's getter of its default export (`t.n(u)`, used as `d()`).
    const numbered = webpackRequireKey(init);
    if (numbered !== undefined) return this.options.frameworkModules && own(this.options.frameworkModules, numbered);
    const wrapped = interopArgument(init) ?? webpackGetterArgument(init);
    return wrapped ? this.moduleNamespace(wrapped as TSESTree.Node, depth + 1) : undefined;
  }

  /**
   * The platform object as the object of a member call, when it is not a plain name: a property it
   * is kept in (`getApp().core`, `this.api`), or webpack's default import of a framework
   * (`_tarojs_taro__WEBPACK_IMPORTED_MODULE_0___default()`, `…_MODULE_0__.default`).
   */
  protected platformObject(object: TSESTree.Node): string | undefined {
    if (object.type === 'CallExpression' && object.arguments.length === 0 && object.callee.type === 'Identifier') return this.namespaceAlias(object.callee);
    if (object.type !== 'MemberExpression') return undefined;
    const imported = memberName(object) === 'default' && object.object.type === 'Identifier' ? this.namespaceAlias(object.object) : undefined;
    return imported ?? this.platformProperty(object);
  }

  /** `getApp().core`, `this.api`: a property the platform object is kept in, named as written. */
  protected platformProperty(member: TSESTree.MemberExpression): string | undefined {
    const name = memberName(member);
    if (name === undefined || !this.options.platformProperties?.has(name)) return undefined;
    this.expression(member.object as TSESTree.Expression);
    return name;
  }

  /** The API a plain function name stands for: `const { setStorageSync } = wx` or `const save = wx.setStorageSync`. */
  protected apiAlias(identifier: TSESTree.Identifier): { namespace: string; method: string } | undefined {
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

  protected moduleRef(specifier: string, at?: Node): Ref[] {
    const path = this.options.resolve(specifier);
    const sdk = at ? sdkHandle(this, specifier, at) : [];
    return path ? [{ key: `m:${this.options.fileIds.of(path)}` }, ...sdk] : sdk;
  }

  protected binary(node: TSESTree.BinaryExpression): Ref[] {
    if (node.operator === '+') return this.concatenation(node);
    const left = node.left.type === 'PrivateIdentifier' ? [] : this.expression(node.left);
    const right = this.expression(node.right);
    if (/^(?:[!=]==?|in)$/.test(node.operator) && !isEmptyValue(node.left) && !isEmptyValue(node.right)) this.guardTest(node);
    // `price * count`, `total - discount`: a figure computed from values is made of them (a price from the query stays the query's).
    return ARITHMETIC.has(node.operator) ? shallow([...left, ...right]) : [];
  }

  /**
   * `a + b + c + …`: the whole left-nested chain at once, each operand evaluated once, in source order.
   * Walking it level by level would copy every operand's references at every level (a 3,000-term
   * concatenation took 36 s and 3 GB); this is linear in the chain.
   */
  protected concatenation(node: TSESTree.BinaryExpression): Ref[] {
    const rights: TSESTree.Expression[] = [];
    let leftmost = node as TSESTree.Expression | TSESTree.PrivateIdentifier;
    while (leftmost.type === 'BinaryExpression' && leftmost.operator === '+') {
      rights.push(leftmost.right);
      leftmost = leftmost.left;
    }
    // `'' + a + b`: an empty first operand leaves the start to the next one; so does a scheme alone (`'https://' + host`), which picks no host.
    let first = rights.length - 1;
    const refs = leftmost.type === 'PrivateIdentifier' ? [] : [...this.expression(leftmost)];
    if ((isEmptyValue(leftmost as TSESTree.Node) || isOpenStartLiteral(leftmost as TSESTree.Node)) && first >= 0) refs.push(...this.expression(rights[first--]!));
    const trailing: Ref[] = [];
    for (let i = first; i >= 0; i--) trailing.push(...this.trailingOperand(rights[i]!));
    return [...deep(refs), ...this.tail(node, trailing)];
  }

  /**
   * What follows the start of a string (`base + '/' + path`, `${host}/${path}`) joins it through a
   * node of its own, so that the flow graph can tell a URL's start from its tail: a plain-HTTP URL
   * inside the tail does not make the whole string load over HTTP (urlFlows in propagate.ts).
   */
  protected tail(at: TSESTree.Node, refs: readonly Ref[]): Ref[] {
    if (refs.length === 0) return [];
    const key = this.temp(at, TAIL);
    this.copy(deep(refs), key);
    return [{ key: `${key}+` }];
  }

  /**
   * `a || b || c`, `p ? a : q ? b : c`: every branch's value, the chain walked once and each value
   * kept once. Built level by level, a chain of n branches copied its values n times (8,000 `||`
   * took 2 s, 16,000 took 7 s).
   */
  private alternatives(root: TSESTree.ConditionalExpression | TSESTree.LogicalExpression): Ref[] {
    const refs: Ref[] = [];
    const seen = new Set<string>();
    const add = (values: readonly Ref[]): void => {
      for (const ref of values) {
        const key = ref.shallow ? `${ref.key}^` : ref.key;
        if (!seen.has(key)) {
          seen.add(key);
          refs.push(ref);
        }
      }
    };
    const pending: TSESTree.Node[] = [root];
    while (pending.length > 0) {
      const node = unwrapTypeScript(pending.pop()! as Node) as TSESTree.Node;
      // `data && data.role` is the left operand only when that is falsy, and a falsy value carries nothing:
      // the operands before the last of a `&&` chain are walked for what they do, and give no value.
      if (node.type === 'LogicalExpression' && node.operator === '&&') {
        let left: TSESTree.Node = node.left;
        const tested: TSESTree.Node[] = [];
        while (left.type === 'LogicalExpression' && left.operator === '&&') {
          tested.push(left.right);
          left = left.left;
        }
        this.expression(left);
        for (let index = tested.length - 1; index >= 0; index--) this.expression(tested[index]);
        pending.push(node.right);
      } else if (node.type === 'LogicalExpression') pending.push(node.right, node.left);
      else if (node.type === 'ConditionalExpression') {
        this.expression(node.test);
        // `release ? 'https://…' : 'http://192.168…'` with `release` a constant: only the arm that is taken.
        const truth = this.staticTruthOf(node.test);
        if (truth === true) pending.push(node.consequent);
        else if (truth === false) pending.push(node.alternate);
        else pending.push(node.alternate, node.consequent);
      } else if (!isEmptyLiteral(node)) add(this.expression(node));
    }
    return refs;
  }

  /** An operand after the first of a `+` chain: a URL written there does not start the string (`'?next=' + 'http://…'`). */
  private trailingOperand(node: TSESTree.Expression): Ref[] {
    if (node.type === 'Literal') return typeof node.value === 'string' ? this.keyName(node, node.value) : [];
    if (node.type === 'TemplateLiteral') return deep(node.expressions.flatMap((expression) => this.expression(expression)));
    return this.expression(node);
  }

  /**
   * A comparison with an app id (`referrerInfo.appId === 'wx…'`, `ALLOWED.includes(appId)`) guards
   * referrer data; in a cloud function, a comparison with the authenticated caller
   * (`record._openid !== OPENID`, `admins.includes(wxContext.OPENID)`) guards what the client sent.
   */
  protected guardTest(node: TSESTree.Node): void {
    const guard = this.options.cloudFunction ? CALLER_GUARD : APP_ID_GUARD;
    if (!this.context.fn) return;
    const text = this.options.text.slice(node.range[0], node.range[1]);
    if (guard.test(text)) this.fragment.guarded.add(this.context.fn);
    if (QUERY_VALIDATION.test(text)) this.fragment.validated.add(this.context.fn);
  }

  /** A call of a checking function (`isTrustedUrl(url)`) validates what the function it is in goes on to use. */
  protected validatorCall(name: string): void {
    if (this.context.fn && VALIDATOR_NAME.test(name)) this.fragment.validated.add(this.context.fn);
  }

  /** A local variable or parameter assigned after its declaration (worked out once per variable: minified names are read thousands of times). */
  protected isReassigned(raw: TSESTree.Node): boolean {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    const variable = node.type === 'Identifier' ? this.variables.get(node) : undefined;
    if (!variable) return false;
    let reassigned = this.reassigned.get(variable);
    if (reassigned === undefined) {
      // A declaration's own value (`const x = …`, `for (const x of …)`) is an initialising write; so is the first value of a
      // variable declared empty (`var t; … t = …`). Any other write reassigns.
      const writes = variable.references.reduce((count, reference) => count + (reference.isWrite() && !reference.init ? 1 : 0), 0);
      const declaredEmpty = variable.references.every((reference) => !reference.init) && variable.defs[0]?.type === 'Variable';
      reassigned = writes > (declaredEmpty ? 1 : 0);
      this.reassigned.set(variable, reassigned);
    }
    return reassigned;
  }

  private readonly reassigned = new Map<Variable, boolean>();

  /**
   * A promise chain built step by step (`let p = Promise.resolve(config); while (chain.length) p =
   * p.then(chain.shift(), chain.shift()); return p`, axios's and luch-request's interceptors): the
   * first value only starts the chain, so it is kept apart (`#start`) and read only as the receiver of
   * the chain's steps. The graph does not order statements, and would otherwise return the request's
   * config as its response.
   */
  protected chainStart(raw: TSESTree.Node): Ref[] {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    const variable = node.type === 'Identifier' ? this.variables.get(node) : undefined;
    if (!variable) return [];
    let chained = this.chained.get(variable);
    if (chained === undefined) {
      chained = isRebuiltChain(variable);
      this.chained.set(variable, chained);
    }
    return chained ? [{ key: `${this.variableKey(node as TSESTree.Identifier)}#start` }] : [];
  }

  private readonly chained = new Map<Variable, boolean>();

  protected isModuleExports(node: TSESTree.MemberExpression): boolean {
    return node.object.type === 'Identifier' && node.object.name === 'module' && !this.variables.has(node.object) && memberName(node) === 'exports';
  }

  protected member(node: TSESTree.MemberExpression): Ref[] {
    if (this.isModuleExports(node)) return [{ key: this.moduleKey }];
    const name = memberName(node);
    if (isCompiledTaroState(node, name)) return [{ key: `${this.instance}.data` }];
    const namespace = node.object.type === 'Identifier' ? this.namespaceAlias(node.object) : undefined;
    if (namespace && name) return this.apiValue(namespace, name, node);
    if (name === undefined) this.expression(node.property as TSESTree.Expression);
    const base = this.expression(node.object as TSESTree.Expression);
    // A variable given new values (`t = JSON.parse(t)`) holds several objects one after another: what one field's name says is not
    // kept on all of them, or a parse of the earlier value would take it (the graph does not order statements).
    const value = this.field(base, name ?? '[]', node, true, !this.isReassigned(node.object));
    if (isTaroRouter(node)) return [...value, { key: this.taroRouter(node) }];
    // `this.$api` in a component's method (or `_this2.$api` in a callback, Babel's name for it): what a plugin put on Vue's
    // prototype, beside any field of that name the instance has itself.
    const shared = vuePrototypeField(node.object, base, name);
    if (shared) return [...value, shared];
    return value;
  }

  /** Taro's router: its `params` are the page's query. */
  private taroRouter(node: TSESTree.MemberExpression): string {
    const router = this.temp(node, ROUTER);
    const query = this.source('page-query', `the page query (${compactLabel(this.options.text.slice(node.range[0], node.range[1]))}.params)`, node, undefined, undefined, pageRoute(this.options.file, this.options.appRoot));
    this.copy([query], fieldKey(router, 'params')!);
    return router;
  }
}

/** `{}` and `[]` as an alternative (`read() || {}`): a default that carries nothing. */
function isEmptyLiteral(node: TSESTree.Node): boolean {
  return (node.type === 'ObjectExpression' && node.properties.length === 0) || (node.type === 'ArrayExpression' && node.elements.length === 0);
}
