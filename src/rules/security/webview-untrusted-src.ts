import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { staticPropertyName, unwrapTypeScript } from '../../analyzers/api-calls.js';
import { patternNames, propertyKeyName } from '../../analyzers/constants.js';
import { literalValue } from '../../analyzers/templates.js';
import type { Listeners, Node } from '../../analyzers/traverse.js';
import type { RelatedLocation, SourceLocation } from '../../types.js';
import { createRule, type FileContext } from '../rule.js';
import { API_NAMESPACES, basePath, isNotShipped, namespaceMember, NETWORK_APIS } from './support.js';

/**
 * A bounded, within-page heuristic: a `<web-view src="{{x}}">` in a page template, and the page
 * script (same base path) setting `x` with `setData` from a value derived from untrusted input,
 * with no check of that value on the way. Untrusted input: the page query (`onLoad(options)`,
 * `this.options`), launch/enter options (`wx.getLaunchOptionsSync()`, `getEnterOptionsSync()`,
 * which carry `query` and `referrerInfo.extraData`), and network responses (the `success`
 * callback of `wx.request`, or the awaited / `.then` result of a request-like call).
 * A check is a condition comparing or testing the value (`===`, `startsWith`, `indexOf`,
 * `includes`, `test`, `match`, `has`, `some`, or a call to a function named like an allowlist or
 * validator) guarding the `setData`, either around it or as an early return before it.
 * Values whose text starts with a fixed origin (`'https://m.example.com/item?id=' + id`) are not
 * open to redirection and are not reported.
 */

const ID = 'webview-untrusted-src';
const MAX_NODES = 50_000;

type SourceKind = 'page query' | 'launch options' | 'network response';

interface Taint {
  kind: SourceKind;
  node: TSESTree.Node;
}

interface Flow {
  key: string;
  source: SourceKind;
  sourceLocation: SourceLocation;
  setDataLocation: SourceLocation;
}

interface BoundWebView {
  base: string;
  key: string;
  expression: string;
  location: SourceLocation;
  thirdParty: boolean;
}

/** Keyed by page base path and by template file, and replaced when a file is analysed again. */
interface State {
  flows: Map<string, Flow[]>;
  webViews: Map<string, BoundWebView[]>;
}

const newState = (): State => ({ flows: new Map(), webViews: new Map() });

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
const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s{}]+[/?#]/i;

interface Env {
  tainted: Map<string, Taint>;
  guarded: boolean;
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof (item as Node).type === 'string') out.push(item as Node);
    } else if (value && typeof (value as Node).type === 'string') out.push(value as Node);
  }
  return out;
}

function isFunction(node: Node): node is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration';
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
class PageAnalysis {
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

function scriptListeners(context: FileContext): Listeners {
  const { file } = context;
  if (isNotShipped(file.path) || file.kind !== 'script') return {};
  const pages: TSESTree.ObjectExpression[] = [];
  const withSetData = new Set<Node>();
  return {
    CallExpression(node, ancestors) {
      const call = node as TSESTree.CallExpression;
      const callee = unwrapTypeScript(call.callee);
      if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'setData') {
        for (let i = ancestors.length - 1; i >= 0; i--) {
          const ancestor = ancestors[i]!;
          if (!isFunction(ancestor)) continue;
          if (withSetData.has(ancestor)) break; // its own ancestors were marked already
          withSetData.add(ancestor);
        }
        return;
      }
      const options = call.arguments[0] && unwrapTypeScript(call.arguments[0]);
      if (callee.type === 'Identifier' && (callee.name === 'Page' || callee.name === 'Component') && options?.type === 'ObjectExpression') pages.push(options);
    },
    'Program:exit'() {
      context.state(newState).flows.delete(basePath(file.path));
      if (pages.length === 0 || withSetData.size === 0) return;
      const analysis = new PageAnalysis(withSetData);
      for (const options of pages) analysis.analyseOptions(options);
      if (analysis.flows.length === 0) return;
      const state = context.state(newState);
      const base = basePath(file.path);
      const list: Flow[] = [];
      const at = (node: TSESTree.Node): SourceLocation => ({ file: file.path, region: context.region(node.range[0], node.range[1]) });
      for (const flow of analysis.flows) list.push({ key: flow.key, source: flow.taint.kind, sourceLocation: at(flow.taint.node), setDataLocation: at(flow.setData) });
      state.flows.set(base, list);
    },
  };
}

const SOURCE_TEXT: Readonly<Record<SourceKind, string>> = {
  'page query': "the page's query parameters, which anyone can set in a shared link, QR code or another mini-app's navigation",
  'launch options': 'the launch or enter options (query and referrerInfo.extraData), which the opener of the mini-app controls',
  'network response': 'a network response, so whoever controls or intercepts that response chooses the page',
};

export default createRule({
  meta: {
    id: ID,
    description: 'A <web-view> src is bound to page query, launch/referrer data or a network response with no allowlist check.',
    rationale:
      'A web-view shows any page it is given inside the mini-app, under the mini-app\u2019s name and with the JSSDK bridge to ' +
      'the mini-app. When its address comes from a page parameter, the launching app or a server response without checking it ' +
      'against the expected domains, anyone who can craft a link can make the mini-app show a phishing page or an attacker\u2019s ' +
      'script (an open redirect inside the app).',
    severity: 'warning',
    tags: ['security'],
    cwe: [601, 20],
    precision: 'medium',
    securitySeverity: 6.1,
  },
  createScriptListeners: scriptListeners,
  checkTemplate(context) {
    const { file } = context;
    if (isNotShipped(file.path)) return;
    const bound: BoundWebView[] = [];
    for (const element of context.template.elements) {
      if (element.name.toLowerCase() !== 'web-view') continue;
      const raw = element.attributes['src'];
      const region = element.attributeRegions['src'];
      if (raw === undefined || region === undefined || literalValue(raw) !== undefined) continue;
      const prefix = raw.slice(0, raw.indexOf('{{'));
      // `https://m.example.com/item?id={{id}}`: the origin is fixed in the template.
      if (FIXED_ORIGIN.test(prefix.trim())) continue;
      const match = /\{\{\s*([A-Za-z_$][\w$]*)/.exec(raw);
      if (!match) continue;
      bound.push({ base: basePath(file.path), key: match[1]!, expression: raw, location: { file: file.path, region }, thirdParty: file.thirdParty });
    }
    const state = context.state(newState);
    if (bound.length > 0) state.webViews.set(file.path, bound);
    else state.webViews.delete(file.path);
  },
  checkProject(context) {
    const state = context.state(newState);
    for (const webView of [...state.webViews.values()].flat()) {
      const flows = (state.flows.get(webView.base) ?? []).filter((flow) => flow.key === webView.key);
      if (flows.length === 0) continue;
      const first = flows[0]!;
      const relatedLocations: RelatedLocation[] = [];
      for (const flow of flows.slice(0, 3)) {
        relatedLocations.push({ location: flow.setDataLocation, message: `"${flow.key}" is set here from the ${flow.source} without a check` });
        relatedLocations.push({ location: flow.sourceLocation, message: `the ${flow.source} is read here` });
      }
      context.report({
        location: webView.location,
        message:
          `<web-view src="${webView.expression}"> loads an address taken from ${SOURCE_TEXT[first.source]} (set at ` +
          `${first.setDataLocation.file}:${first.setDataLocation.region.start.line}), with no allowlist check: the mini-app can be ` +
          `made to show any web page under its name. Compare the URL's origin with the domains you expect before setting it.`,
        relatedLocations,
        thirdParty: webView.thirdParty,
        properties: { dataKey: webView.key, sources: [...new Set(flows.map((flow) => flow.source))] },
      });
    }
  },
});
