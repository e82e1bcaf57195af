import type { TSESTree } from '@typescript-eslint/types';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { patternNames, propertyKeyName } from '../../analyzers/constants.js';
import { childNodes as children, type Node } from '../../analyzers/traverse.js';
import { isFunction } from '../../analyzers/tracker-syntax.js';
import { API_NAMESPACES, namespaceMember, NETWORK_APIS } from './support.js';

/**
 * webview-untrusted-src's page analysis: within one page's options, which `setData` keys get a value
 * derived from the page query, launch options or a network response with no check on the way.
 */

const MAX_NODES = 50_000;

export type SourceKind = 'page query' | 'launch options' | 'network response';

export interface Taint {
  kind: SourceKind;
  node: TSESTree.Node;
}

const LAUNCH_OPTION_APIS = new Set(['getLaunchOptionsSync', 'getEnterOptionsSync']);
const PROPAGATING_FUNCTIONS = new Set(['decodeURIComponent', 'decodeURI', 'unescape', 'String']);
const PROPAGATING_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'toString', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'toLowerCase', 'toUpperCase', 'concat', 'valueOf', 'parse']);
const CHECK_METHODS = new Set(['startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'includes', 'test', 'match', 'search', 'has', 'some', 'every', 'find', 'findIndex']);
const COMPARISONS = new Set(['===', '==', '!==', '!=', 'in', 'instanceof']);
/** Functions whose name says they vet a value: `isAllowed(url)`, `checkDomain(url)`, `inWhiteList(url)`. */
const VALIDATOR_NAME = /allow|white|trust|safe|valid|check|verify|sanitiz|legal|permit|domain|whitelist/i;
/** Functions whose awaited or `.then` result is a network response: `request(...)`, `fetch(...)`. */
const REQUEST_FUNCTION = /^(?:request|fetch|http|https|ajax)$/i;
/** Methods that are requests on an HTTP-client-like object: `http.get(...)`, `api.post(...)`, `this.$request.put(...)`. */
const REQUEST_METHOD = /^(?:request|get|post|put|patch|fetch)$/i;
const CLIENT_OBJECT = /http|request|api|axios|fly|ajax|service|net|client/i;
/** A text that fixes scheme and host: whatever follows cannot redirect elsewhere. */
export const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s{}]+[/?#]/i;

interface Env {
  tainted: Map<string, Taint>;
  guarded: boolean;
}


/** Does this call reach the network: `wx.request(...)`, `request(...)`, `http.get(...)`, `api.post(...)`. */
function isRequestCall(node: Node): boolean {
  const call = unwrapTypeScript(node);
  if (call.type !== 'CallExpression') return false;
  const target = namespaceMember(call.callee);
  if (target && API_NAMESPACES.has(target.namespace)) return NETWORK_APIS.has(target.member);
  const callee = unwrapTypeScript(call.callee);
  if (callee.type === 'Identifier') return REQUEST_FUNCTION.test(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = staticPropertyName(callee);
  if (method === undefined || !REQUEST_METHOD.test(method)) return false;
  if (method === 'request') return true;
  const owner = unwrapTypeScript(callee.object);
  const ownerName = owner.type === 'Identifier' ? owner.name : owner.type === 'MemberExpression' ? staticPropertyName(owner) : undefined;
  return ownerName !== undefined && CLIENT_OBJECT.test(ownerName);
}

function calleeName(callee: Node): string | undefined {
  const expression = unwrapTypeScript(callee);
  if (expression.type === 'Identifier') return expression.name;
  if (expression.type === 'MemberExpression') return staticPropertyName(expression);
  return undefined;
}

function exits(statement: Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** Analyses one page's option object, collecting tainted `setData` keys that no check guards. */
export class PageAnalysis {
  private budget = MAX_NODES;
  readonly flows: { key: string; taint: Taint; setData: TSESTree.Node }[] = [];

  /** `relevant`: the functions that contain a `setData` call; no other function can produce a flow, so none other is walked. */
  constructor(private readonly relevant: ReadonlySet<Node>) {}

  analyseOptions(options: TSESTree.ObjectExpression): void {
    for (const property of options.properties) {
      if (property.type !== 'Property') continue;
      const key = propertyKeyName(property);
      const value = unwrapTypeScript(property.value);
      if (key === 'methods' && value.type === 'ObjectExpression') {
        this.analyseOptions(value);
        continue;
      }
      if (!isFunction(value) || !this.relevant.has(value)) continue;
      const env: Env = { tainted: new Map(), guarded: false };
      const first = value.params[0];
      // onLoad(options) / onLoad({ url }): the page query.
      if (key === 'onLoad' && first) for (const name of patternNames(first)) env.tainted.set(name, { kind: 'page query', node: first });
      this.visitFunctionBody(value, env);
    }
  }

  private visitFunctionBody(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration, env: Env): void {
    this.visit(fn.body, env);
  }

  /** A nested function: closes over the outer taint; its own parameters shadow it unless seeded. */
  private visitNested(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration, env: Env, seed?: Taint): void {
    if (!this.relevant.has(fn)) return;
    const inner: Env = { tainted: new Map(env.tainted), guarded: env.guarded };
    fn.params.forEach((param, index) => {
      for (const name of patternNames(param)) {
        if (seed && index === 0) inner.tainted.set(name, { kind: seed.kind, node: param });
        else inner.tainted.delete(name);
      }
    });
    this.visitFunctionBody(fn, inner);
  }

  private visit(node: Node | null | undefined, env: Env): void {
    if (!node || --this.budget < 0) return;
    switch (node.type) {
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionDeclaration':
        this.visitNested(node, env);
        return;
      case 'BlockStatement':
      case 'Program':
        this.visitStatements(node.body, env);
        return;
      case 'VariableDeclarator': {
        this.visit(node.init, env);
        const taint = node.init ? this.taintOf(node.init, env) : undefined;
        for (const name of patternNames(node.id)) {
          if (taint) env.tainted.set(name, taint);
          else env.tainted.delete(name);
        }
        return;
      }
      case 'AssignmentExpression': {
        this.visit(node.right, env);
        if (node.left.type === 'Identifier') {
          const taint = this.taintOf(node.right, env);
          if (taint) env.tainted.set(node.left.name, taint);
          else env.tainted.delete(node.left.name);
        }
        return;
      }
      case 'IfStatement': {
        this.visit(node.test, env);
        const checked = this.checks(node.test, env);
        const inner = checked ? { ...env, guarded: true } : env;
        this.visit(node.consequent, inner);
        this.visit(node.alternate, inner);
        return;
      }
      case 'ConditionalExpression': {
        this.visit(node.test, env);
        const inner = this.checks(node.test, env) ? { ...env, guarded: true } : env;
        this.visit(node.consequent, inner);
        this.visit(node.alternate, inner);
        return;
      }
      case 'LogicalExpression': {
        this.visit(node.left, env);
        this.visit(node.right, node.operator === '&&' && this.checks(node.left, env) ? { ...env, guarded: true } : env);
        return;
      }
      case 'CallExpression':
        this.visitCall(node, env);
        return;
      default:
        for (const child of children(node)) this.visit(child, env);
    }
  }

  /** Statements in order; an early exit on a check (`if (!isAllowed(url)) return;`) guards what follows. */
  private visitStatements(statements: readonly Node[], env: Env): void {
    let current = env;
    for (const statement of statements) {
      this.visit(statement, current);
      if (statement.type === 'IfStatement' && !current.guarded && exits(statement.consequent) && this.checks(statement.test, current)) {
        current = { ...current, guarded: true };
      }
    }
  }

  private visitCall(call: TSESTree.CallExpression, env: Env): void {
    const callee = unwrapTypeScript(call.callee);
    const method = callee.type === 'MemberExpression' ? staticPropertyName(callee) : undefined;
    if (method === 'setData') {
      const data = call.arguments[0] && unwrapTypeScript(call.arguments[0]);
      if (data?.type === 'ObjectExpression') {
        for (const property of data.properties) {
          if (property.type !== 'Property') continue;
          this.visit(property.value, env);
          const key = propertyKeyName(property);
          const taint = this.taintOf(property.value, env);
          if (key !== undefined && taint && !env.guarded) this.flows.push({ key, taint, setData: property });
        }
        return;
      }
    }
    // wx.request({ success(res) { … } }): `res` is the network response.
    const target = namespaceMember(call.callee);
    const network = target !== undefined && API_NAMESPACES.has(target.namespace) && NETWORK_APIS.has(target.member);
    // request(...).then((res) => …)
    const thenOfRequest = method === 'then' && callee.type === 'MemberExpression' && isRequestCall(callee.object);
    this.visit(call.callee, env);
    call.arguments.forEach((argument, index) => {
      const value = unwrapTypeScript(argument);
      if (thenOfRequest && index === 0 && isFunction(value)) {
        this.visitNested(value, env, { kind: 'network response', node: call });
        return;
      }
      if (network && value.type === 'ObjectExpression') {
        for (const property of value.properties) {
          const inner = property.type === 'Property' ? unwrapTypeScript(property.value) : undefined;
          const name = property.type === 'Property' ? propertyKeyName(property) : undefined;
          if (inner && isFunction(inner) && (name === 'success' || name === 'complete')) this.visitNested(inner, env, { kind: 'network response', node: call });
          else this.visit(property, env);
        }
        return;
      }
      this.visit(argument, env);
    });
  }

  /** Where the value of an expression comes from, if from untrusted input. */
  taintOf(input: Node, env: Env, depth = 0): Taint | undefined {
    if (depth > 24) return undefined;
    const node = unwrapTypeScript(input);
    const next = (child: Node): Taint | undefined => this.taintOf(child, env, depth + 1);
    switch (node.type) {
      case 'Identifier':
        return env.tainted.get(node.name);
      case 'MemberExpression':
        // this.options: the page query, anywhere in the page.
        if (node.object.type === 'ThisExpression' && staticPropertyName(node) === 'options') return { kind: 'page query', node };
        return next(node.object);
      case 'ChainExpression':
        return next(node.expression);
      case 'AwaitExpression':
        return isRequestCall(node.argument) ? { kind: 'network response', node } : next(node.argument);
      case 'CallExpression': {
        const target = namespaceMember(node.callee);
        if (target && API_NAMESPACES.has(target.namespace) && LAUNCH_OPTION_APIS.has(target.member)) return { kind: 'launch options', node };
        const name = calleeName(node.callee);
        if (name === undefined || VALIDATOR_NAME.test(name)) return undefined;
        const callee = unwrapTypeScript(node.callee);
        if (callee.type === 'Identifier' && PROPAGATING_FUNCTIONS.has(name)) return node.arguments[0] ? next(node.arguments[0]) : undefined;
        if (callee.type === 'MemberExpression' && PROPAGATING_METHODS.has(name)) {
          if (name === 'parse') return node.arguments[0] ? next(node.arguments[0]) : undefined; // JSON.parse(x)
          return next(callee.object) ?? (name === 'concat' ? node.arguments.map(next).find(Boolean) : undefined);
        }
        return undefined;
      }
      case 'TemplateLiteral':
      case 'BinaryExpression': {
        const parts = leadingParts(node);
        if (!parts) return undefined;
        const [first, second] = parts;
        if (first === undefined) return undefined;
        if (typeof first === 'string') {
          if (FIXED_ORIGIN.test(first)) return undefined;
          return second !== undefined && typeof second !== 'string' ? next(second) : undefined;
        }
        return next(first);
      }
      case 'ConditionalExpression':
        return next(node.consequent) ?? next(node.alternate);
      case 'LogicalExpression':
        return next(node.left) ?? next(node.right);
      default:
        return undefined;
    }
  }

  /** Does a condition compare or test a tainted value (not merely its presence)? */
  checks(test: Node, env: Env): boolean {
    let found = false;
    let budget = 2_000;
    const walk = (node: Node): void => {
      if (found || --budget < 0) return;
      if (node.type === 'BinaryExpression' && COMPARISONS.has(node.operator) && (this.mentions(node.left, env) || this.mentions(node.right, env))) {
        found = true;
        return;
      }
      if (node.type === 'CallExpression') {
        const callee = unwrapTypeScript(node.callee);
        const name = calleeName(callee);
        const argumentsMention = node.arguments.some((argument) => this.mentions(argument, env));
        if (name !== undefined && callee.type === 'MemberExpression' && CHECK_METHODS.has(name) && (this.mentions(callee.object, env) || argumentsMention)) {
          found = true;
          return;
        }
        if (name !== undefined && VALIDATOR_NAME.test(name) && argumentsMention) {
          found = true;
          return;
        }
      }
      // Callbacks count: `ALLOWED.some((prefix) => url.startsWith(prefix))`.
      for (const child of children(node)) walk(child);
    };
    walk(test);
    return found;
  }

  /** Does an expression read a tainted variable (or the page query through `this.options`)? */
  mentions(node: Node, env: Env): boolean {
    let found = false;
    let budget = 1_000;
    const walk = (current: Node): void => {
      if (found || --budget < 0) return;
      if (current.type === 'Identifier' && env.tainted.has(current.name)) found = true;
      else if (current.type === 'MemberExpression' && current.object.type === 'ThisExpression' && staticPropertyName(current) === 'options') found = true;
      else if (current.type === 'MemberExpression' && !current.computed) walk(current.object);
      else for (const child of children(current)) walk(child);
    };
    walk(node);
    return found;
  }
}

/** The first two operands of a `+` chain or template literal, literal text as strings. */
function leadingParts(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression): (string | Node)[] | undefined {
  if (node.type === 'TemplateLiteral') {
    const first = node.quasis[0]?.value.cooked ?? '';
    const parts: (string | Node)[] = [];
    if (first !== '') parts.push(first);
    if (node.expressions[0]) parts.push(node.expressions[0]);
    return parts.length > 0 ? parts : undefined;
  }
  if (node.operator !== '+') return undefined;
  const operands: Node[] = [];
  const flatten = (current: Node): void => {
    const expression = unwrapTypeScript(current);
    if (expression.type === 'BinaryExpression' && expression.operator === '+') {
      flatten(expression.left);
      flatten(expression.right);
    } else operands.push(expression);
  };
  flatten(node);
  return operands.slice(0, 2).map((operand) => (operand.type === 'Literal' && typeof operand.value === 'string' ? operand.value : operand));
}
