import type { TSESTree } from '@typescript-eslint/types';
import { apiTableEntryOf } from './api-tables.js';
import type { BundleFile } from '../types.js';
import { type SdkTracker, type TrackerIndex } from '../platforms/trackers.js';
import { staticPropertyName } from './api-calls.js';
import type { Listeners, Node } from './traverse.js';
import { INTEROP_HELPER } from './framework-modules.js';
import { isFunction, isGetAppCall, memberChain, propertyKey, requiredModule, requireSpecifier, unwrap, type Range } from './tracker-syntax.js';
import type { HostLiteral } from './tracker-analysis.js';
import { callsOriginal, localBindings, reportsHandlerName, originalHandlerNames, wrapperCanRecord, type LocalBinding } from './handler-wrap.js';
import { isProvidedGlobal, moduleRequireOf, modulesOf, type BundleModule, type ModuleRequire } from './module-scopes.js';
import { moduleExportName } from './module-export-name.js';
import { attachedBindings } from './app-attached-calls.js';
import { namesATrackerHandle } from '../platforms/tracker-words.js';

export const CONSTRUCTORS = new Set(['Page', 'App', 'Component', 'Behavior']);
export const GLOBAL_OBJECTS = new Set(['global', 'globalThis', 'window', 'self', '$global']);
export const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']);
export const APP_ROUTE_APIS = new Set(['onAppRoute', 'onAppRouteDone', 'onBeforeAppRoute']);
export const REQUEST_APIS = new Set(['request', 'uploadFile', 'httpRequest', 'connectSocket']);
export const SINK_APIS = new Set([...REQUEST_APIS, 'sendSocketMessage', 'downloadFile']);
export const LIFECYCLE = new Set(['onLoad', 'onShow', 'onHide', 'onUnload', 'onReady', 'onLaunch']);
export const LOG_WRITES = new Set(['info', 'warn', 'error', 'debug', 'log']);
export const MAX_SCANNED_STRING = 4096;



/** A handler replaced by a wrapper (`options[name] = function () {…}`), with the names the original is kept under. */
export interface HandlerWrap {
  offset: number;
  wrapper: Node;
  originals: ReadonlySet<string>;
}

export interface Binding {
  sdk: SdkTracker;
}

export interface Pending {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** A platform call in the body of an entry of a table of API shims: the entry's name (api-tables.ts). */
  shim?: string;
}

/**
 * The walk: what one script binds (SDK handles, namespaces, getApp() references, loggers, constants)
 * and the calls, assignments and strings to judge once every binding is known.
 */
export class TrackerCollector {
  readonly namespaces: Map<string, string>;
  readonly bindings = new Map<string, Binding>();
  readonly pageProxies = new Map<string, SdkTracker>();
  readonly appRefs = new Set<string>();
  /** Local names holding a tracker-named App property the catalogue does not know (app-attached-calls.ts): the property. */
  readonly appHandles = new Map<string, string>();
  /** Assignments to tracker-named properties, judged at the end: the app setting such an App property itself. */
  readonly appPropertyWrites: TSESTree.MemberExpression[] = [];
  readonly loggers = new Set<string>();
  readonly constants = new Map<string, Node>();
  readonly pending: Pending[] = [];
  readonly assignments: TSESTree.AssignmentExpression[] = [];
  readonly imports: string[] = [];
  /** Each `import`/`require` with where it is, for SDKs that start when loaded. */
  readonly loads: { specifier: string; range: Range }[] = [];
  /** Local names bound to a loaded module (`const stat = require('./stat')`, `import stat from './stat'`): the specifier. */
  readonly moduleHandles = new Map<string, string>();
  readonly hostLiterals: HostLiteral[] = [];
  readonly configTracker: SdkTracker | undefined;
  readonly configValues = new Map<string, { value: Node; range: Range }>();
  /** Where the file wraps handlers one by one (`options[name] = function …`, `options.onShow = …`). */
  readonly handlerWraps: HandlerWrap[] = [];
  /** The script's tree, for what is read only when a file turns out to need it (reaches-exit.ts). */
  program: Node | undefined;
  /**
   * Wraps installed under a computed name that run the handler they replace (`conf[name] = function
   * () { report(name); old.call(this) }`): one handler after another, each still working as before.
   */
  readonly runningWraps: (HandlerWrap & { range: Range; target: string })[] = [];
  /** Where the file lists two or more lifecycle handlers in an array of strings (`['onLoad', 'onShow', …]`). */
  readonly lifecycleLists: number[] = [];
  /** The modules of a bundle's module tables, and the calls that may require them (module-scopes.ts). */
  readonly modules: BundleModule[] = [];
  readonly moduleRequires: ModuleRequire[] = [];
  private readonly requireNames = new Set<string>();
  /** The local bindings of each function that installs handler wrappers (handler-wrap.ts), read once. */
  private readonly bindingsOfReplacer = new Map<Node, LocalBinding[]>();

  /** `options.onShow = …`: a wrapper built by a call, or a function that can record (handler-wrap.ts). */
  private installsRecordingHandler(handler: Node, right: Node, ancestors: readonly Node[]): boolean {
    if (right.type === 'CallExpression') return true;
    if (!isFunction(right)) return false;
    return wrapperCanRecord(right, handler, this.namespaces, this.originalsOf(handler, ancestors));
  }

  /** `conf[hook] = function () { track({ eventId: hook }); original.apply(this, arguments) }`: it reports which handler ran, then runs it. */
  private reportsEachHandler(handler: TSESTree.MemberExpression, right: Node, ancestors: readonly Node[]): boolean {
    if (!isFunction(right) || handler.property.type !== 'Identifier') return false;
    const originals = this.originalsOf(handler, ancestors);
    return callsOriginal(right, originals) && reportsHandlerName(right, handler.property.name, originals);
  }

  /** The names the function installing a wrapper at `handler` keeps the replaced handler under. */
  private originalsOf(handler: Node, ancestors: readonly Node[]): Set<string> {
    const replacer = ancestors.findLast((ancestor) => isFunction(ancestor));
    let bindings = replacer && this.bindingsOfReplacer.get(replacer);
    if (!bindings) {
      bindings = localBindings(replacer);
      if (replacer) this.bindingsOfReplacer.set(replacer, bindings);
    }
    return originalHandlerNames(bindings, handler);
  }

  constructor(readonly file: BundleFile, readonly platformId: string, namespaceNames: readonly string[], readonly index: TrackerIndex) {
    this.namespaces = new Map(namespaceNames.map((name) => [name, name]));
    this.configTracker = index.configFileTracker(file.path);
  }

  listeners(): Listeners {
    return {
    Program: (node) => {
      this.program = node;
    },
    ImportDeclaration: (node) => {
      const declaration = node as TSESTree.ImportDeclaration;
      const specifier = declaration.source.value;
      this.imports.push(specifier);
      this.loads.push({ specifier, range: declaration.range });
      for (const local of declaration.specifiers) this.moduleHandles.set(local.local.name, specifier);
      const sdk = this.index.moduleTracker(specifier);
      if (!sdk) return;
      for (const local of declaration.specifiers) {
        if (local.type === 'ImportSpecifier') {
          const imported = moduleExportName(local.imported);
          if (imported === 'default') this.bindings.set(local.local.name, { sdk });
          else if (sdk.pageProxies?.includes(imported)) this.pageProxies.set(local.local.name, sdk);
          else if (sdk.commandFunctions?.includes(imported)) this.bindings.set(local.local.name, { sdk });
        } else {
          this.bindings.set(local.local.name, { sdk });
        }
      }
    },
    'ExportNamedDeclaration, ExportAllDeclaration': (node) => {
      const source = (node as TSESTree.ExportAllDeclaration).source;
      if (source && typeof source.value === 'string') this.imports.push(source.value);
    },
    ImportExpression: (node) => {
      const source = (node as TSESTree.ImportExpression).source;
      if (source.type === 'Literal' && typeof source.value === 'string') this.imports.push(source.value);
    },
    VariableDeclarator: (node) => {
      const declarator = node as TSESTree.VariableDeclarator;
      const init = declarator.init;
      if (init) for (const [local, property] of attachedBindings(declarator.id, init, this)) this.appHandles.set(local, property);
      if (declarator.id.type === 'Identifier') {
        this.bindInit(declarator.id.name, init);
        if (init && !this.constants.has(declarator.id.name)) {
          const value = unwrap(init);
          if (value.type === 'Literal' || value.type === 'TemplateLiteral' || value.type === 'BinaryExpression' || value.type === 'ObjectExpression' || value.type === 'ArrayExpression') {
            this.constants.set(declarator.id.name, value);
          }
        }
      } else if (declarator.id.type === 'ObjectPattern' && init) {
        // const { gdp } = global; const { GioPage } = require('./gio-wechat.js')
        const value = unwrap(init);
        const module = requiredModule(value, this.file.text);
        if (module) for (const property of declarator.id.properties) if (property.type === 'Property' && property.value.type === 'Identifier') this.moduleHandles.set(property.value.name, module);
        const moduleSdk = module ? this.index.moduleTracker(module) : undefined;
        const fromGlobal = value.type === 'Identifier' && (GLOBAL_OBJECTS.has(value.name) || value.name === 'gioGlobal');
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
          const key = propertyKey(property);
          if (!key) continue;
          const sdk = moduleSdk ?? (fromGlobal ? this.index.globals.get(key) : undefined);
          if (!sdk) continue;
          if (sdk.pageProxies?.includes(key)) this.pageProxies.set(property.value.name, sdk);
          else if (key === 'default' || sdk.commandFunctions?.includes(key) || moduleSdk) this.bindings.set(property.value.name, { sdk });
        }
      }
    },
    AssignmentExpression: (node, ancestors) => {
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      if (left.type === 'Identifier') {
        this.bindInit(left.name, assignment.right);
        if (CONSTRUCTORS.has(left.name)) this.assignments.push(assignment);
        return;
      }
      if (left.type !== 'MemberExpression') return;
      const property = staticPropertyName(left);
      const right = unwrap(assignment.right);
      if (property === undefined || (left.computed && left.property.type !== 'Literal')) {
        if (this.installsRecordingHandler(left, right, ancestors)) {
          const wrap = { offset: assignment.range[0], wrapper: right, originals: this.originalsOf(left, ancestors) };
          this.handlerWraps.push(wrap);
          if (this.reportsEachHandler(left, right, ancestors)) this.runningWraps.push({ ...wrap, range: assignment.range, target: this.file.text.slice(left.range[0], left.range[1]).slice(0, 60) });
        }
      } else {
        if (namesATrackerHandle(property)) this.appPropertyWrites.push(left);
        if (LIFECYCLE.has(property) && this.installsRecordingHandler(left, right, ancestors)) this.handlerWraps.push({ offset: assignment.range[0], wrapper: right, originals: this.originalsOf(left, ancestors) });
        if (CONSTRUCTORS.has(property) || NAVIGATION_APIS.has(property)) this.assignments.push(assignment);
        if (this.configTracker) {
          const chain = memberChain(left);
          const root = chain?.root.type === 'Identifier' ? chain.root.name : undefined;
          // exports.getLocation = true; module.exports.useOpen = true; module.exports = {...}
          if (chain && root === 'exports' && chain.props.length === 1) this.configValues.set(property, { value: right, range: assignment.range });
          if (chain && root === 'module' && chain.props.length === 2 && chain.props[0] === 'exports') this.configValues.set(property, { value: right, range: assignment.range });
          if (chain && root === 'module' && chain.props.length === 1 && property === 'exports' && right.type === 'ObjectExpression') {
            for (const entry of right.properties) {
              if (entry.type !== 'Property') continue;
              const key = propertyKey(entry);
              if (key) this.configValues.set(key, { value: unwrap(entry.value), range: entry.range });
            }
          }
        }
      }
    },
    CallExpression: (node, ancestors) => {
      const call = node as TSESTree.CallExpression;
      const specifier = requireSpecifier(call, this.file.text);
      if (specifier !== undefined) {
        this.imports.push(specifier);
        this.loads.push({ specifier, range: call.range });
      }
      const callee = call.callee;
      const onPlatform = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && this.namespaces.has(callee.object.name);
      const shim = onPlatform ? apiTableEntryOf(ancestors) : undefined;
      this.pending.push({ node: call, ...(shim !== undefined && { shim }) });
      this.addModules(call, ancestors);
      const required = this.requireNames.size > 0 ? moduleRequireOf(call, this.requireNames) : undefined;
      if (required && !isProvidedGlobal(call, ancestors)) this.moduleRequires.push(required);
    },
    // Two plain selectors, not one compound one: a compound selector copies the ancestors at every node.
    ObjectExpression: (node, ancestors) => this.addModules(node, ancestors),
    ArrayExpression: (node, ancestors) => {
      this.addModules(node, ancestors);
      if (listsLifecycles(node as TSESTree.ArrayExpression)) this.lifecycleLists.push(node.range[0]);
    },
    NewExpression: (node) => {
      this.pending.push({ node: node as TSESTree.NewExpression });
    },
    Literal: (node) => {
      const literal = node as TSESTree.Literal;
      if (typeof literal.value === 'string') this.scanString(literal.value, literal, literal.range);
    },
    TemplateElement: (node) => {
      const element = node as TSESTree.TemplateElement;
      const value = element.value.cooked ?? element.value.raw;
      this.scanString(value, element, element.range);
    },
    };
  }

  private addModules(node: Node, ancestors: readonly Node[]): void {
    for (const module of modulesOf(node as TSESTree.Node, ancestors as readonly TSESTree.Node[])) {
      this.modules.push(module);
      if (module.requireName) this.requireNames.add(module.requireName);
    }
  }

  bindModule(local: string, specifier: string): void {
    this.moduleHandles.set(local, specifier);
    const sdk = this.index.moduleTracker(specifier);
    if (sdk) this.bindings.set(local, { sdk });
  }

  bindInit(local: string, init: Node | null | undefined): void {
    if (!init) return;
    const value = unwrap(init);
    const module = requiredModule(value, this.file.text);
    if (module) {
      this.bindModule(local, module);
      return;
    }
    if (isGetAppCall(value)) {
      this.appRefs.add(local);
      return;
    }
    const aliased = interopArgument(value);
    if (aliased) {
      // _sensorsdata2 = _interopRequireDefault(_sensorsdata): the same module, wrapped by the compiler.
      const binding = this.bindings.get(aliased.name);
      if (binding) this.bindings.set(local, binding);
      return;
    }
    if (value.type === 'Identifier') {
      const namespace = this.namespaces.get(value.name);
      if (namespace) this.namespaces.set(local, namespace);
      const binding = this.bindings.get(value.name);
      if (binding) this.bindings.set(local, binding);
      if (this.appRefs.has(value.name)) this.appRefs.add(local);
      if (this.loggers.has(value.name)) this.loggers.add(local);
    }
    if (value.type === 'NewExpression') {
      const chain = memberChain(value.callee);
      const module = requiredModule(value.callee, this.file.text);
      const sdk = module ? this.index.moduleTracker(module) : chain?.root.type === 'Identifier' ? this.bindings.get(chain.root.name)?.sdk : undefined;
      if (sdk) this.bindings.set(local, { sdk });
    }
    // const gdp = gioGlobal.gio; const sdk = getApp().sensors
    const chain = memberChain(value);
    if (chain && chain.props.length > 0) {
      const last = chain.props[chain.props.length - 1]!;
      const attached = this.index.attach.get(last) ?? (this.index.globals.has(last) ? { sdk: this.index.globals.get(last)!, distinctive: true } : undefined);
      if (attached && (attached.distinctive || (chain.root.type === 'Identifier' && this.appRefs.has(chain.root.name)) || isGetAppCall(chain.root))) {
        this.bindings.set(local, { sdk: attached.sdk });
      }
    }
    if (this.isLoggerAcquisition(value)) this.loggers.add(local);
  }

  isLoggerAcquisition(node: Node): boolean {
    const value = unwrap(node);
    if (value.type === 'ConditionalExpression') return this.isLoggerAcquisition(value.consequent) || this.isLoggerAcquisition(value.alternate);
    if (value.type === 'LogicalExpression') return this.isLoggerAcquisition(value.right) || this.isLoggerAcquisition(value.left);
    if (value.type !== 'CallExpression') return false;
    const chain = memberChain(value.callee);
    if (!chain || chain.props.length === 0) return false;
    const last = chain.props[chain.props.length - 1]!;
    if (chain.root.type === 'Identifier' && this.namespaces.has(chain.root.name) && chain.props.length === 1) {
      return this.index.platformApis.get(this.platformId as never)?.get(last)?.shape.role === 'log';
    }
    // logManager.tag('name') gives a logger too.
    return last === 'tag' && chain.props.length === 1 && chain.root.type === 'Identifier' && this.loggers.has(chain.root.name);
  }

  scanString(value: string, node: Node, range: Range): void {
    if (value.length > MAX_SCANNED_STRING || !value.includes('.')) return;
    this.index.hostPattern.lastIndex = 0;
    for (let match = this.index.hostPattern.exec(value); match; match = this.index.hostPattern.exec(value)) {
      const host = match[0].toLowerCase();
      const tracker = this.index.hostTracker(host);
      if (!tracker) continue;
      const before = value.slice(0, match.index);
      this.hostLiterals.push({ tracker, host, range, url: /(?:^|[^a-z0-9.-])(?:(?:https?|wss?):)?\/\/$/i.test(before), consumed: false });
      void node;
    }
  }
}

/** The module variable an interop helper call wraps (`_interopRequireDefault(_sdk)`, webpack's `n.n(_sdk)`), if `value` is one. */
function interopArgument(value: Node): TSESTree.Identifier | undefined {
  if (value.type !== 'CallExpression' || value.arguments.length !== 1 || value.arguments[0]!.type !== 'Identifier') return undefined;
  const callee = unwrap(value.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (name === undefined) return undefined;
  return INTEROP_HELPER.test(name) || (name === 'n' && callee.type === 'MemberExpression') ? value.arguments[0] : undefined;
}

/** `['onLoad', 'onShow', 'onHide']`: two or more lifecycle handlers' names, listed to be wrapped in turn. */
function listsLifecycles(array: TSESTree.ArrayExpression): boolean {
  let count = 0;
  for (const element of array.elements) if (element?.type === 'Literal' && typeof element.value === 'string' && LIFECYCLE.has(element.value)) count++;
  return count >= 2;
}
