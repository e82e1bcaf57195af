import type { TSESTree } from '@typescript-eslint/types';
import type { Region, Usage, UsageVia } from '../types.js';
import type { Listeners, Node } from './traverse.js';
import { frameworkOfModule, interopArgument, webpackGetterArgument, webpackRequireKey } from './framework-modules.js';
import { own } from '../util/own.js';
import { apiTableEntryOf } from './api-tables.js';
import { enclosingScope, WebpackFrameworkBindings } from './webpack-framework-bindings.js';
import { moduleExportName } from './module-export-name.js';

export interface ApiCallOptions {
  /** Path of the file, for usage locations. */
  file: string;
  thirdParty: boolean;
  /** Platform globals (`wx`) and framework namespaces (`uni`, `Taro`). */
  namespaces: readonly string[];
  /** Names that stand for the platform object in this script (platform-objects.ts), read as the first namespace. */
  platformObjects?: ReadonlySet<string>;
  /** Properties the platform object is kept in (`getApp().core`), found the same way; trusted like platformObjects. */
  platformProperties?: ReadonlySet<string>;
  /** The methods read through those names: the distinctive ones and the platform's privacy interfaces. */
  trustedAliasMethods?: ReadonlySet<string>;
  /** Namespaces that are frameworks compiling to the platform API. */
  frameworkNamespaces: readonly string[];
  /** Module specifiers whose default or namespace import is a framework namespace. */
  frameworkModules: Readonly<Record<string, string>>;
  toRegion(start: number, end: number): Region;
}

export interface ApiCallCollector {
  listeners: Listeners;
  /** Usages found, valid after the traversal ends. */
  usages: Usage[];
}

interface Candidate {
  node: TSESTree.MemberExpression | TSESTree.Identifier;
  parent: Node | undefined;
  grandparent: Node | undefined;
  /** The API table entry the use is the body of (api-tables.ts). */
  shim?: string;
}

const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);
/** Libraries whose `promisifyAll(source, target)` copies the whole API onto `target`. */
const PROMISIFY_ALL = new Set(['promisifyAll']);

/** The property name of `a.b`, `a['b']` and ``a[`b`]``, or undefined when it is computed at run time. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  const property = member.property;
  if (!member.computed && property.type === 'Identifier') return property.name;
  if (property.type === 'Literal' && typeof property.value === 'string') return property.value;
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression']);

/** `(wx as Wx)`, `wx!`, `<Wx>wx`: the expression inside TypeScript-only wrappers. */
export function unwrapTypeScript(node: Node): Node {
  let current = node;
  while (TYPE_WRAPPERS.has(current.type)) current = (current as TSESTree.TSAsExpression).expression;
  return current;
}

/** `x` of `x.default`, a module's default export read off the name it is bound to. */
function defaultExportOf(member: TSESTree.MemberExpression): TSESTree.Identifier | undefined {
  const object = unwrapTypeScript(member.object);
  return object.type === 'Identifier' && staticPropertyName(member) === 'default' ? object : undefined;
}

/**
 * `d` of `d()` and `d.a`: the getter webpack makes for a module's default export (`d = t.n(u)`),
 * read where the module's namespace is used.
 */
function webpackGetterOf(object: Node): TSESTree.Identifier | undefined {
  if (object.type === 'CallExpression' && object.arguments.length === 0 && object.callee.type === 'Identifier') return object.callee;
  if (object.type !== 'MemberExpression' || staticPropertyName(object) !== 'a') return undefined;
  const getter = unwrapTypeScript(object.object);
  return getter.type === 'Identifier' ? getter : undefined;
}

/** `require('m')` → `m`: the one recogniser of a CommonJS require with a literal specifier, shared by every analysis. */
export function requireSpecifier(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const argument = node.arguments[0];
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
}

/** The module an `import … from 'm'` declaration or a `require('m')` call loads. */
export function moduleSpecifierOf(node: Node): string | undefined {
  return node.type === 'ImportDeclaration' ? node.source.value : requireSpecifier(node);
}

/**
 * Decides whether a reference to an API is a use. Calls and values handed on (`promisify(wx.getLocation)`)
 * are; feature tests (`if (wx.getFuzzyLocation)`, `typeof wx.x`, `wx.x && …`) and overrides
 * (`wx.x = …`) are not.
 */
function classify(candidate: Candidate): { called: boolean } | undefined {
  const { node, parent, grandparent } = candidate;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'CallExpression':
    case 'NewExpression':
      return { called: parent.callee === node };
    case 'MemberExpression': {
      if (parent.object !== node) return undefined;
      const method = staticPropertyName(parent);
      if (method && FUNCTION_METHODS.has(method) && grandparent?.type === 'CallExpression') return { called: true };
      return undefined;
    }
    case 'AssignmentExpression':
      return parent.right === node ? { called: false } : undefined;
    case 'VariableDeclarator':
      return parent.init === node ? { called: false } : undefined;
    case 'LogicalExpression':
      // `wx.a && wx.a()` tests before it calls; `wx.a || fallback` picks a function.
      return parent.left === node && parent.operator === '&&' ? undefined : { called: false };
    case 'Property':
      return parent.value === node ? { called: false } : undefined;
    case 'ReturnStatement':
    case 'ArrayExpression':
    case 'ArrowFunctionExpression':
    case 'AwaitExpression':
    case 'ExportDefaultDeclaration':
      return { called: false };
    case 'ConditionalExpression':
      return parent.test === node ? undefined : { called: false };
    default:
      return undefined;
  }
}

/**
 * Calls that change what a name stands for: `promisifyAll(wx, wxp)` makes wxp carry the whole API,
 * and `Object.defineProperty(wx, 'getLocation', …)` replaces the API.
 */
function noteNamespaceCall(call: TSESTree.CallExpression, namespaceOf: Map<string, string>, overridden: Set<string>): void {
  const calleeName = call.callee.type === 'Identifier' ? call.callee.name
    : call.callee.type === 'MemberExpression' ? staticPropertyName(call.callee) : undefined;
  if (calleeName === 'defineProperty' && call.arguments[0]?.type === 'Identifier' && call.arguments[1]?.type === 'Literal') {
    const owner = namespaceOf.get(call.arguments[0].name);
    if (owner && typeof call.arguments[1].value === 'string') overridden.add(`${owner}.${call.arguments[1].value}`);
  }
  if (calleeName && PROMISIFY_ALL.has(calleeName) && call.arguments.length >= 2) {
    const source = call.arguments[0];
    const target = call.arguments[1];
    const namespace = source?.type === 'Identifier' ? namespaceOf.get(source.name) : undefined;
    if (namespace && target?.type === 'Identifier') namespaceOf.set(target.name, namespace);
  }
}

/**
 * Finds platform API uses however they are written: `wx.getLocation()`, `wx['getLocation']()`,
 * aliases (`const w = wx`), destructuring (`const { getLocation } = wx`, `import { getLocation } from '@tarojs/taro'`),
 * functions passed as values (`promisify(wx.getLocation)`), `promisifyAll(wx, wxp)` targets and
 * framework namespaces (`uni.*`, `Taro.*`). Names in strings and comments are not in the AST, so never match.
 * Candidates are collected during the shared traversal and resolved at the end of the program, so an
 * alias declared after a function that uses it still counts.
 */
export function createApiCallCollector(options: ApiCallOptions): ApiCallCollector {
  const namespaceOf = new Map<string, string>(options.namespaces.map((name) => [name, name]));
  for (const name of options.platformObjects ?? []) if (options.namespaces[0] !== undefined) namespaceOf.set(name, options.namespaces[0]);
  const destructured = new Map<string, { api: string; namespace: string; declaration: TSESTree.Node }>();
  const numbered = new WebpackFrameworkBindings();
  const candidates: Candidate[] = [];
  const usages: Usage[] = [];
  const frameworks = new Set(options.frameworkNamespaces);
  /** `namespace.api` pairs this file replaces (`wx.getLocation = …`, `Object.defineProperty(wx, 'getLocation', …)`). */
  const overridden = new Set<string>();

  const namespaceOfExpression = (node: Node | null | undefined): string | undefined => {
    if (!node) return undefined;
    // An object taken for the platform by its methods is not followed into aliases: minified code reuses names.
    if (node.type === 'Identifier') return options.platformObjects?.has(node.name) ? undefined : namespaceOf.get(node.name);
    const specifier = requireSpecifier(node);
    if (specifier) return frameworkOfModule(specifier, options.frameworkModules);
    // require('@tarojs/taro').default
    if (node.type === 'MemberExpression' && staticPropertyName(node) === 'default') {
      const inner = requireSpecifier(node.object);
      return inner ? frameworkOfModule(inner, options.frameworkModules) : undefined;
    }
    // Babel's `_interopRequireDefault(_taro)`: the module it wraps.
    const wrapped = interopArgument(node);
    return wrapped ? namespaceOfExpression(wrapped) : undefined;
  };

  const bindPattern = (pattern: Node, namespace: string): void => {
    if (pattern.type === 'Identifier') namespaceOf.set(pattern.name, namespace);
    if (pattern.type !== 'ObjectPattern') return;
    for (const property of pattern.properties) {
      if (property.type !== 'Property') continue;
      const api = property.key.type === 'Identifier' && !property.computed ? property.key.name
        : property.key.type === 'Literal' && typeof property.key.value === 'string' ? property.key.value : undefined;
      const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (api && local.type === 'Identifier') destructured.set(local.name, { api, namespace, declaration: property });
    }
  };

  const isPlatformProperty = (member: TSESTree.MemberExpression): boolean => {
    const name = options.platformProperties && options.platformProperties.size > 0 ? staticPropertyName(member) : undefined;
    return name !== undefined && options.platformProperties!.has(name);
  };

  const via = (namespace: string, fallback: UsageVia): UsageVia => (frameworks.has(namespace) ? 'framework' : fallback);

  const record = (name: string, namespace: string, called: boolean, how: UsageVia, range: readonly [number, number], shim?: string): void => {
    usages.push({
      kind: 'api',
      name,
      namespace,
      called,
      via: via(namespace, how),
      location: { file: options.file, region: options.toRegion(range[0], range[1]) },
      thirdParty: options.thirdParty,
      ...(shim !== undefined && { shim }),
    });
  };

  /** `u = t(92954)` of a framework's numbered module, and webpack's getter of it, `d = t.n(u)`; other declarations may hide them. */
  const bindNumbered = (name: string, init: TSESTree.Expression | null, ancestors: readonly Node[]): void => {
    const id = init && webpackRequireKey(init);
    const namespace = id && own(options.frameworkModules, id);
    const module = !namespace && init ? webpackGetterArgument(init) : undefined;
    const gotten = module?.type === 'Identifier' ? numbered.resolve(module.name, module.range[0], false) : undefined;
    if (namespace || gotten) numbered.bind(name, (namespace || gotten)!, !namespace, enclosingScope(ancestors));
    else if (numbered.size > 0) numbered.declare(name, enclosingScope(ancestors));
  };
  function declareParameters(node: Node): void {
    if (numbered.size === 0) return;
    for (const parameter of (node as TSESTree.FunctionLike).params) if (parameter.type === 'Identifier') numbered.declare(parameter.name, node.range);
  }

  /** The namespace a member's object stands for as a numbered module: `u.x`, `u.default.x`, `d().x`, `d.a.x`. */
  const numberedNamespace = (whole: Node, exported: TSESTree.Identifier | undefined): string | undefined => {
    if (numbered.size === 0) return undefined;
    const module = whole.type === 'Identifier' ? whole : exported;
    if (module) return namespaceOf.has(module.name) ? undefined : numbered.resolve(module.name, module.range[0], false);
    const getter = webpackGetterOf(whole);
    return getter && numbered.resolve(getter.name, getter.range[0], true);
  };

  const listeners: Listeners = {
    VariableDeclarator(node, ancestors) {
      const declarator = node as TSESTree.VariableDeclarator;
      const namespace = namespaceOfExpression(declarator.init);
      if (namespace) bindPattern(declarator.id, namespace);
      else if (declarator.id.type === 'Identifier') bindNumbered(declarator.id.name, declarator.init, ancestors);
    },
    FunctionDeclaration: declareParameters,
    FunctionExpression: declareParameters,
    ArrowFunctionExpression: declareParameters,
    AssignmentExpression(node) {
      const assignment = node as TSESTree.AssignmentExpression;
      const namespace = namespaceOfExpression(assignment.right);
      if (namespace && assignment.left.type === 'Identifier') namespaceOf.set(assignment.left.name, namespace);
      const target = assignment.left;
      if (target.type === 'MemberExpression' && target.object.type === 'Identifier') {
        const owner = namespaceOf.get(target.object.name);
        const api = staticPropertyName(target);
        if (owner && api) overridden.add(`${owner}.${api}`);
      }
    },
    ImportDeclaration(node) {
      const declaration = node as TSESTree.ImportDeclaration;
      const namespace = frameworkOfModule(declaration.source.value, options.frameworkModules);
      if (!namespace) return;
      for (const specifier of declaration.specifiers) {
        if (specifier.type === 'ImportSpecifier') {
          const imported = moduleExportName(specifier.imported);
          if (imported === 'default') namespaceOf.set(specifier.local.name, namespace);
          else destructured.set(specifier.local.name, { api: imported, namespace, declaration: specifier });
        } else {
          namespaceOf.set(specifier.local.name, namespace);
        }
      }
    },
    CallExpression(node, ancestors) {
      const call = node as TSESTree.CallExpression;
      noteNamespaceCall(call, namespaceOf, overridden);
      for (const candidate of [call.callee, ...call.arguments]) {
        if (candidate.type === 'Identifier') {
          candidates.push({ node: candidate, parent: call, grandparent: ancestors[ancestors.length - 1] });
        }
      }
    },
    MemberExpression(node, ancestors) {
      const member = node as TSESTree.MemberExpression;
      const object = unwrapTypeScript(member.object);
      const known = object.type === 'Identifier' || (object.type === 'MemberExpression' && (isPlatformProperty(object) || defaultExportOf(object) !== undefined));
      if (!known && (numbered.size === 0 || webpackGetterOf(object) === undefined)) return;
      // Only on the platform's own object (`my.getClipboard` in a shim's body): the table is looked for up the ancestors.
      const shim = object.type === 'Identifier' && options.namespaces.includes(object.name) ? apiTableEntryOf(ancestors) : undefined;
      candidates.push({ node: member, parent: ancestors[ancestors.length - 1], grandparent: ancestors[ancestors.length - 2], ...(shim !== undefined && { shim }) });
    },
    'Program:exit'() {
      const usedDestructured = new Set<string>();
      for (const candidate of candidates) {
        const { node } = candidate;
        if (node.type === 'MemberExpression') {
          const whole = unwrapTypeScript(node.object);
          // `_taro2.default.request(…)`: a compiled module's default export is the namespace it binds, when the module is a framework's.
          const exported = whole.type === 'MemberExpression' ? defaultExportOf(whole) : undefined;
          const object = exported && namespaceOf.has(exported.name) ? exported : whole;
          // `u.getLocation(…)`, `d().getLocation(…)`: a framework's numbered webpack module.
          const viaModule = numberedNamespace(whole, exported);
          if (!viaModule && object.type !== 'Identifier' && (object.type !== 'MemberExpression' || !isPlatformProperty(object))) continue;
          // `getApp().core.getClipboardData(…)`: a property the platform object is kept in.
          const held = !viaModule && object.type === 'MemberExpression';
          const objectName = object.type === 'Identifier' ? object.name : undefined;
          const namespace = viaModule ?? (held ? options.namespaces[0] : objectName === undefined ? undefined : namespaceOf.get(objectName));
          const api = namespace ? staticPropertyName(node) : undefined;
          if (!namespace || !api) continue;
          // An object taken for the platform by the methods called on it is trusted for those methods and privacy interfaces only:
          // minified code reuses its names (`e.invoke` elsewhere is an interceptor hook, not wx.invoke).
          if (!viaModule && (held || options.platformObjects?.has(objectName!)) && !options.trustedAliasMethods?.has(api)) continue;
          const use = classify(candidate);
          // Keeping the original while replacing it (`const orig = wx.x; wx.x = wrapper`) wraps the API, it does not use it.
          if (!use || (!use.called && overridden.has(`${namespace}.${api}`))) continue;
          const how: UsageVia = node.computed ? 'computed' : objectName === namespace ? 'member' : 'alias';
          record(api, namespace, use.called, use.called ? how : 'value', node.range, candidate.shim);
        } else {
          const binding = destructured.get(node.name);
          if (!binding) continue;
          const use = classify(candidate);
          if (!use) continue;
          usedDestructured.add(node.name);
          record(binding.api, binding.namespace, use.called, use.called ? 'destructure' : 'value', node.range);
        }
      }
      // A destructured API that is never called here may be handed on (exported): the binding is the use.
      for (const [local, binding] of destructured) {
        if (!usedDestructured.has(local)) record(binding.api, binding.namespace, false, 'destructure', binding.declaration.range);
      }
    },
  };

  return { listeners, usages };
}
