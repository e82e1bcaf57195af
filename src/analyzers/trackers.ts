import type { TSESTree } from '@typescript-eslint/types';
import type { FileContext } from './context.js';
import type { BundleFile } from '../types.js';
import { FRAMEWORK_NAMESPACES } from '../platforms/types.js';
import {
  moduleBasename,
  type CallRole,
  type MethodMatch,
  type SdkTracker,
  type TrackerDefinition,
  type TrackerIndex,
  type TrackerMethod,
} from '../platforms/trackers.js';
import { staticPropertyName } from './api-calls.js';
import type { Listeners, Node } from './traverse.js';
import { own } from '../util/own.js';
import { BARE_HOST, describeChain, hostOfUrl, isFunction, isGetAppCall, memberChain, propertyKey, requiredModule, requireSpecifier, unwrap, type PersonalDataHit, type Range } from './tracker-syntax.js';
import { TrackerValues, type Keyed } from './tracker-values.js';

/**
 * Tracker detection shared by the tracking rules. It runs inside the one traversal of each script
 * (listeners only, no second parse), collects candidates while walking and resolves them at the end
 * of the program, when every binding in the file is known. Several rules ask for the same file's
 * analysis: the first gets the listeners, the others are called back with the same result.
 */

export type { PersonalDataHit, Range } from './tracker-syntax.js';
export { hostOfUrl, personalDataOfName } from './tracker-syntax.js';

export interface AutoTrackHit {
  path: string;
  records: string;
  /** True when the configuration turns it on; false when it is on by default. */
  explicit: boolean;
  range: Range;
}

export interface TrackerCall {
  tracker: TrackerDefinition;
  role: CallRole | 'request' | 'config-file';
  /** The call as written, for messages: `wx.reportEvent`, `uma.trackEvent`, `gdp('track')`. */
  callee: string;
  method: string;
  /** The event name when it is written as a constant. */
  event?: string;
  range: Range;
  /** Collection hosts this call sends to: configured or requested ones, else the catalog's. */
  hosts: string[];
  /** The hosts come from this call's configuration or URL, not from the catalog. */
  hostsConfigured: boolean;
  personalData: PersonalDataHit[];
  autoTrack: AutoTrackHit[];
  verified: boolean;
}

export type HistoryMechanism = 'constructor' | 'navigation' | 'app-route' | 'page-proxy';

export interface HistoryHook {
  mechanism: HistoryMechanism;
  /** `Page`, `wx.navigateTo`, `wx.onAppRoute`, `GioPage`. */
  target: string;
  range: Range;
  tracker?: TrackerDefinition;
}

export interface HostLiteral {
  tracker: SdkTracker;
  host: string;
  range: Range;
  /** Written as a URL (`https://host/…`, `//host`), not a bare name. */
  url: boolean;
  /** Used as the url of a request or a configured server this analysis already reports. */
  consumed: boolean;
}

export interface ShippedSdk {
  tracker: SdkTracker;
  hosts: string[];
  range: Range;
}

export interface FileTrackerAnalysis {
  file: BundleFile;
  calls: TrackerCall[];
  /** Writes to a platform log manager (`logger.info(...)`), checked for personal data only. */
  logWrites: TrackerCall[];
  /** Every module specifier the file imports or requires. */
  imports: string[];
  hostLiterals: HostLiteral[];
  /** SDKs whose own code this file is. */
  shipped: ShippedSdk[];
  historyHooks: HistoryHook[];
  /** The first place the file sends data off the device, if any. */
  sink?: { range: Range; description: string };
  /** The file wraps handlers one by one (`options[name] = function …`, `options.onShow = …`). */
  wrapsHandlers: boolean;
}

// ---------------------------------------------------------------- vocabulary

const CONSTRUCTORS = new Set(['Page', 'App', 'Component', 'Behavior']);
const GLOBAL_OBJECTS = new Set(['global', 'globalThis', 'window', 'self', '$global']);
const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']);
const APP_ROUTE_APIS = new Set(['onAppRoute', 'onAppRouteDone', 'onBeforeAppRoute']);
const REQUEST_APIS = new Set(['request', 'uploadFile', 'httpRequest', 'connectSocket']);
const SINK_APIS = new Set([...REQUEST_APIS, 'sendSocketMessage', 'downloadFile']);
const LIFECYCLE = new Set(['onLoad', 'onShow', 'onHide', 'onUnload', 'onReady', 'onLaunch']);
const LOG_WRITES = new Set(['info', 'warn', 'error', 'debug', 'log']);
const MAX_SCANNED_STRING = 4096;

// ---------------------------------------------------------------- the detector

interface Binding {
  sdk: SdkTracker;
}

interface Pending {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
}


function createDetector(file: BundleFile, platformId: string, namespaceNames: readonly string[], index: TrackerIndex) {
  const namespaces = new Map<string, string>(namespaceNames.map((name) => [name, name]));
  const bindings = new Map<string, Binding>();
  const pageProxies = new Map<string, SdkTracker>();
  const appRefs = new Set<string>();
  const loggers = new Set<string>();
  const constants = new Map<string, Node>();
  const pending: Pending[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  const imports: string[] = [];
  const hostLiterals: HostLiteral[] = [];
  const configTracker = index.configFileTracker(file.path);
  const configValues = new Map<string, { value: Node; range: Range }>();
  let wrapsHandlers = false;

  const bindModule = (local: string, specifier: string): void => {
    const sdk = index.moduleTracker(specifier);
    if (sdk) bindings.set(local, { sdk });
  };

  const bindInit = (local: string, init: Node | null | undefined): void => {
    if (!init) return;
    const value = unwrap(init);
    const module = requiredModule(value);
    if (module) {
      bindModule(local, module);
      return;
    }
    if (isGetAppCall(value)) {
      appRefs.add(local);
      return;
    }
    if (value.type === 'Identifier') {
      const namespace = namespaces.get(value.name);
      if (namespace) namespaces.set(local, namespace);
      const binding = bindings.get(value.name);
      if (binding) bindings.set(local, binding);
      if (appRefs.has(value.name)) appRefs.add(local);
      if (loggers.has(value.name)) loggers.add(local);
    }
    if (value.type === 'NewExpression') {
      const chain = memberChain(value.callee);
      const module = requiredModule(value.callee);
      const sdk = module ? index.moduleTracker(module) : chain?.root.type === 'Identifier' ? bindings.get(chain.root.name)?.sdk : undefined;
      if (sdk) bindings.set(local, { sdk });
    }
    // const gdp = gioGlobal.gio; const sdk = getApp().sensors
    const chain = memberChain(value);
    if (chain && chain.props.length > 0) {
      const last = chain.props[chain.props.length - 1]!;
      const attached = index.attach.get(last) ?? (index.globals.has(last) ? { sdk: index.globals.get(last)!, distinctive: true } : undefined);
      if (attached && (attached.distinctive || (chain.root.type === 'Identifier' && appRefs.has(chain.root.name)) || isGetAppCall(chain.root))) {
        bindings.set(local, { sdk: attached.sdk });
      }
    }
    if (isLoggerAcquisition(value)) loggers.add(local);
  };

  const isLoggerAcquisition = (node: Node): boolean => {
    const value = unwrap(node);
    if (value.type === 'ConditionalExpression') return isLoggerAcquisition(value.consequent) || isLoggerAcquisition(value.alternate);
    if (value.type === 'LogicalExpression') return isLoggerAcquisition(value.right) || isLoggerAcquisition(value.left);
    if (value.type !== 'CallExpression') return false;
    const chain = memberChain(value.callee);
    if (!chain || chain.props.length === 0) return false;
    const last = chain.props[chain.props.length - 1]!;
    if (chain.root.type === 'Identifier' && namespaces.has(chain.root.name) && chain.props.length === 1) {
      return index.platformApis.get(platformId as never)?.get(last)?.shape.role === 'log';
    }
    // logManager.tag('name') gives a logger too.
    return last === 'tag' && chain.props.length === 1 && chain.root.type === 'Identifier' && loggers.has(chain.root.name);
  };

  const scanString = (value: string, node: Node, range: Range): void => {
    if (value.length > MAX_SCANNED_STRING || !value.includes('.')) return;
    index.hostPattern.lastIndex = 0;
    for (let match = index.hostPattern.exec(value); match; match = index.hostPattern.exec(value)) {
      const host = match[0].toLowerCase();
      const tracker = index.hostTracker(host);
      if (!tracker) continue;
      const before = value.slice(0, match.index);
      hostLiterals.push({ tracker, host, range, url: /(?:^|[^a-z0-9.-])(?:(?:https?|wss?):)?\/\/$/i.test(before), consumed: false });
      void node;
    }
  };

  const listeners: Listeners = {
    ImportDeclaration(node) {
      const declaration = node as TSESTree.ImportDeclaration;
      const specifier = declaration.source.value;
      imports.push(specifier);
      const sdk = index.moduleTracker(specifier);
      if (!sdk) return;
      for (const local of declaration.specifiers) {
        if (local.type === 'ImportSpecifier') {
          const imported = local.imported.type === 'Identifier' ? local.imported.name : String(local.imported.value);
          if (imported === 'default') bindings.set(local.local.name, { sdk });
          else if (sdk.pageProxies?.includes(imported)) pageProxies.set(local.local.name, sdk);
          else if (sdk.commandFunctions?.includes(imported)) bindings.set(local.local.name, { sdk });
        } else {
          bindings.set(local.local.name, { sdk });
        }
      }
    },
    'ExportNamedDeclaration, ExportAllDeclaration'(node) {
      const source = (node as TSESTree.ExportAllDeclaration).source;
      if (source && typeof source.value === 'string') imports.push(source.value);
    },
    ImportExpression(node) {
      const source = (node as TSESTree.ImportExpression).source;
      if (source.type === 'Literal' && typeof source.value === 'string') imports.push(source.value);
    },
    VariableDeclarator(node) {
      const declarator = node as TSESTree.VariableDeclarator;
      const init = declarator.init;
      if (declarator.id.type === 'Identifier') {
        bindInit(declarator.id.name, init);
        if (init && !constants.has(declarator.id.name)) {
          const value = unwrap(init);
          if (value.type === 'Literal' || value.type === 'TemplateLiteral' || value.type === 'BinaryExpression' || value.type === 'ObjectExpression' || value.type === 'ArrayExpression') {
            constants.set(declarator.id.name, value);
          }
        }
      } else if (declarator.id.type === 'ObjectPattern' && init) {
        // const { gdp } = global; const { GioPage } = require('./gio-wechat.js')
        const value = unwrap(init);
        const module = requiredModule(value);
        const moduleSdk = module ? index.moduleTracker(module) : undefined;
        const fromGlobal = value.type === 'Identifier' && (GLOBAL_OBJECTS.has(value.name) || value.name === 'gioGlobal');
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
          const key = propertyKey(property);
          if (!key) continue;
          const sdk = moduleSdk ?? (fromGlobal ? index.globals.get(key) : undefined);
          if (!sdk) continue;
          if (sdk.pageProxies?.includes(key)) pageProxies.set(property.value.name, sdk);
          else if (key === 'default' || sdk.commandFunctions?.includes(key) || moduleSdk) bindings.set(property.value.name, { sdk });
        }
      }
    },
    AssignmentExpression(node) {
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      if (left.type === 'Identifier') {
        bindInit(left.name, assignment.right);
        if (CONSTRUCTORS.has(left.name)) assignments.push(assignment);
        return;
      }
      if (left.type !== 'MemberExpression') return;
      const property = staticPropertyName(left);
      const right = unwrap(assignment.right);
      if (property === undefined || (left.computed && left.property.type !== 'Literal')) {
        if (isFunction(right) || right.type === 'CallExpression') wrapsHandlers = true;
      } else {
        if (LIFECYCLE.has(property) && (isFunction(right) || right.type === 'CallExpression')) wrapsHandlers = true;
        if (CONSTRUCTORS.has(property) || NAVIGATION_APIS.has(property)) assignments.push(assignment);
        if (configTracker) {
          const chain = memberChain(left);
          const root = chain?.root.type === 'Identifier' ? chain.root.name : undefined;
          // exports.getLocation = true; module.exports.useOpen = true; module.exports = {...}
          if (chain && root === 'exports' && chain.props.length === 1) configValues.set(property, { value: right, range: assignment.range });
          if (chain && root === 'module' && chain.props.length === 2 && chain.props[0] === 'exports') configValues.set(property, { value: right, range: assignment.range });
          if (chain && root === 'module' && chain.props.length === 1 && property === 'exports' && right.type === 'ObjectExpression') {
            for (const entry of right.properties) {
              if (entry.type !== 'Property') continue;
              const key = propertyKey(entry);
              if (key) configValues.set(key, { value: unwrap(entry.value), range: entry.range });
            }
          }
        }
      }
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const specifier = requireSpecifier(call);
      if (specifier !== undefined) imports.push(specifier);
      pending.push({ node: call });
    },
    NewExpression(node) {
      pending.push({ node: node as TSESTree.NewExpression });
    },
    Literal(node) {
      const literal = node as TSESTree.Literal;
      if (typeof literal.value === 'string') scanString(literal.value, literal, literal.range);
    },
    TemplateElement(node) {
      const element = node as TSESTree.TemplateElement;
      const value = element.value.cooked ?? element.value.raw;
      scanString(value, element, element.range);
    },
  };

  // ------------------------------------------------------------ resolution helpers (after the walk)

  const values = new TrackerValues(constants);

  const hostsOfConfig = (sdk: SdkTracker, config: Keyed, used: Range[]): string[] => {
    const hosts: string[] = [];
    for (const key of sdk.hostKeys ?? []) {
      const entry = values.lookup(config, key);
      if (!entry) continue;
      const prefix = values.staticPrefix(entry.value, used);
      const host = hostOfUrl(prefix.text) ?? (prefix.complete && BARE_HOST.test(prefix.text.trim()) ? prefix.text.trim().toLowerCase() : undefined);
      if (host && !hosts.includes(host)) hosts.push(host);
    }
    return hosts;
  };

  const analyseConfig = (sdk: SdkTracker, config: Keyed, call: TrackerCall): void => {
    const used: Range[] = [];
    const configured = hostsOfConfig(sdk, config, used);
    if (configured.length > 0) {
      call.hosts = configured;
      call.hostsConfigured = true;
      markConsumed(used);
    }
    for (const toggle of sdk.autoTrack ?? []) {
      const segments = toggle.path.split('.');
      const group = segments.length > 1 ? values.lookup(config, segments.slice(0, -1).join('.')) : undefined;
      if (group && values.isTrue(group.value)) {
        call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: true, range: group.range });
        continue;
      }
      if (group && values.isFalse(group.value)) continue;
      if (group && !values.objectOf(group.value)) continue; // set from a variable: unknown
      const entry = values.lookup(config, toggle.path);
      if (entry) {
        if (values.isTrue(entry.value)) call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: true, range: entry.range });
      } else if (toggle.defaultOn) {
        call.autoTrack.push({ path: toggle.path, records: toggle.records, explicit: false, range: call.range });
      }
    }
    for (const option of sdk.configOptions ?? []) {
      const entry = values.lookup(config, option.path);
      if (!entry) continue;
      if (option.when === 'true' ? values.isTrue(entry.value) : !values.isFalse(entry.value)) {
        const before = call.personalData.length;
        if (option.when === 'value') values.scanPersonal(entry.value, call.personalData);
        if (call.personalData.length === before || option.when === 'true') {
          if (!call.personalData.some((hit) => hit.type === option.sends && hit.evidence === option.path)) {
            call.personalData.push({ type: option.sends, evidence: option.path, range: entry.range });
          }
        }
      }
    }
  };

  const markConsumed = (ranges: readonly Range[]): void => {
    for (const literal of hostLiterals) {
      if (ranges.some((range) => range[0] === literal.range[0] && range[1] === literal.range[1])) literal.consumed = true;
    }
  };

  const calls: TrackerCall[] = [];
  const logWrites: TrackerCall[] = [];
  const historyHooks: HistoryHook[] = [];
  let sink: FileTrackerAnalysis['sink'];
  const noteSink = (range: Range, description: string): void => {
    if (!sink || range[0] < sink.range[0]) sink = { range, description };
  };

  const newCall = (tracker: TrackerDefinition, method: string, shape: TrackerMethod, callee: string, range: Range): TrackerCall => ({
    tracker,
    role: shape.role,
    callee,
    method,
    range,
    hosts: [...tracker.hosts],
    hostsConfigured: false,
    personalData: [],
    autoTrack: [],
    verified: tracker.verified && shape.verified !== false,
  });

  const applyShape = (call: TrackerCall, shape: TrackerMethod, args: readonly Node[], sdk?: SdkTracker): void => {
    if (shape.event) {
      const argument = args[shape.event.argument];
      let node: Node | undefined = argument;
      if (argument && shape.event.property) {
        const object = values.objectOf(argument);
        node = object ? values.propertyOf(object, shape.event.property)?.value : undefined;
      }
      const name = node ? values.staticString(node) : undefined;
      if (name !== undefined) call.event = name;
    }
    if (shape.sends) call.personalData.push({ type: shape.sends, evidence: call.method, range: call.range });
    for (const position of shape.payload ?? []) values.scanPersonal(args[position], call.personalData);
    if (shape.config !== undefined && sdk) {
      const argument = shape.config === 'last' ? [...args].reverse().find((arg) => values.objectOf(arg)) : args[shape.config];
      const config = values.objectOf(argument);
      if (config) analyseConfig(sdk, config, call);
    }
    if (shape.role === 'autotrack') {
      const isOption = call.method === 'setOption';
      const optionName = isOption ? values.staticString(args[0]) : undefined;
      const value = shape.switchArgument !== undefined ? args[shape.switchArgument] : undefined;
      if ((!isOption || optionName === 'autotrack') && value && values.isTrue(value)) {
        call.autoTrack.push({ path: isOption ? 'autotrack' : call.method, records: sdk?.autoTrack?.[0]?.records ?? 'interactions', explicit: true, range: call.range });
      }
    }
  };

  const sdkCall = (sdk: SdkTracker, path: string[], args: readonly Node[], node: Node, calleeText: string, isNew: boolean): void => {
    const props = path[0] === 'default' ? path.slice(1) : path;
    if (isNew) {
      if (props.length === 0 && sdk.constructorConfig) {
        const call = newCall(sdk, 'new', { role: 'init', config: 0 }, `new ${calleeText}`, node.range);
        const config = values.objectOf(args[0]);
        if (config) analyseConfig(sdk, config, call);
        calls.push(call);
      }
      return;
    }
    let method = props.join('.');
    let rest = args;
    let text = calleeText;
    if (props.length === 0) {
      if (sdk.style !== 'command') return;
      const command = values.staticString(args[0]);
      if (command === undefined) return;
      method = command;
      rest = args.slice(1);
      text = `${calleeText}('${command}')`;
    }
    const shape = own(sdk.methods, method);
    if (sdk.pageProxies?.includes(method) || shape?.role === 'page-proxy') {
      historyHooks.push({ mechanism: 'page-proxy', target: text, range: node.range, tracker: sdk });
      return;
    }
    if (!shape) return;
    const call = newCall(sdk, method, shape, text, node.range);
    applyShape(call, shape, rest, sdk);
    calls.push(call);
    noteSink(node.range, text);
  };

  const requestCall = (api: string, namespace: string, args: readonly Node[], node: Node): void => {
    noteSink(node.range, `${namespace}.${api}`);
    const options = values.objectOf(args[0]);
    if (!options) return;
    const url = values.propertyOf(options, 'url')?.value;
    if (!url) return;
    const used: Range[] = [];
    const prefix = values.staticPrefix(url, used);
    const host = hostOfUrl(prefix.text);
    const tracker = host ? index.hostTracker(host) : undefined;
    if (!tracker || !host) return;
    markConsumed(used);
    const call = newCall(tracker, api, { role: 'event' }, `${namespace}.${api}`, node.range);
    call.role = 'request';
    call.hosts = [host];
    call.hostsConfigured = true;
    const data = values.propertyOf(options, 'data')?.value;
    const body = values.objectOf(data);
    const events = body ? values.propertyOf(body, 'events')?.value : undefined;
    const first = events && events.type === 'ArrayExpression' ? events.elements[0] : undefined;
    const firstEvent = first ? values.objectOf(first) : undefined;
    const name = firstEvent ? values.staticString(values.propertyOf(firstEvent, 'name')?.value) : undefined;
    const query = /[?&](?:en|ea)=([^&#]+)/.exec(prefix.text);
    if (name !== undefined) call.event = name;
    else if (query?.[1]) call.event = decodeURIComponent(query[1]);
    values.scanPersonal(data, call.personalData);
    if (!prefix.complete) values.scanPersonal(url, call.personalData);
    calls.push(call);
  };

  const resolve = ({ node }: Pending): void => {
    const isNew = node.type === 'NewExpression';
    const chain = memberChain(node.callee);
    if (!chain) return;
    let args: readonly Node[] = node.arguments;
    const props = [...chain.props];
    const lastProp = props[props.length - 1];
    if (!isNew && props.length > 0 && (lastProp === 'call' || lastProp === 'apply')) {
      props.pop();
      if (lastProp === 'call') args = node.arguments.slice(1);
      else {
        const list = node.arguments[1];
        args = list && list.type === 'ArrayExpression' ? list.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement') : [];
      }
    }
    const root = chain.root;
    const text = describeChain({ root, props });

    // Calls on a logger (`log.info(...)`, `wx.getRealtimeLogManager().warn(...)`).
    const rootIsLogger = (root.type === 'Identifier' && loggers.has(root.name)) || (root.type === 'CallExpression' && isLoggerAcquisition(root));
    if (rootIsLogger) {
      if (props.length === 1 && LOG_WRITES.has(props[0]!)) {
        const tracker = index.platformApis.get(platformId as never)?.get('getRealtimeLogManager')?.tracker;
        if (!tracker) return;
        const write = newCall(tracker, props[0]!, { role: 'log' }, text, node.range);
        for (const argument of args) values.scanPersonal(argument, write.personalData);
        logWrites.push(write);
      }
      return;
    }

    if (root.type === 'Identifier') {
      const namespace = namespaces.get(root.name);
      if (namespace) {
        if (props.length === 1 && !isNew) {
          const api = props[0]!;
          const match: MethodMatch | undefined = index.platformApis.get(platformId as never)?.get(api);
          if (match) {
            const call = newCall(match.tracker, api, match.shape, `${namespace}.${api}`, node.range);
            applyShape(call, match.shape, args);
            calls.push(call);
            noteSink(node.range, `${namespace}.${api}`);
            return;
          }
          if (REQUEST_APIS.has(api)) requestCall(api, namespace, args, node);
          else if (SINK_APIS.has(api)) noteSink(node.range, `${namespace}.${api}`);
          if (APP_ROUTE_APIS.has(api) && !isNew) historyHooks.push({ mechanism: 'app-route', target: `${namespace}.${api}`, range: node.range });
          return;
        }
        const attached = props.length >= 2 ? index.attach.get(props[0]!) : undefined;
        if (attached) sdkCall(attached.sdk, props.slice(1), args, node, text, isNew);
        return;
      }
      const binding = bindings.get(root.name);
      if (binding) {
        sdkCall(binding.sdk, props, args, node, text, isNew);
        return;
      }
      const proxy = pageProxies.get(root.name);
      if (proxy && props.length === 0) {
        historyHooks.push({ mechanism: 'page-proxy', target: root.name, range: node.range, tracker: proxy });
        return;
      }
      const global = index.globals.get(root.name);
      if (global && !appRefs.has(root.name)) {
        sdkCall(global, props, args, node, text, isNew);
        return;
      }
      if (props.length === 0 && !isNew) {
        const owner = index.sdks.find((sdk) => sdk.pageProxies?.includes(root.name));
        if (owner) {
          historyHooks.push({ mechanism: 'page-proxy', target: root.name, range: node.range, tracker: owner });
          return;
        }
      }
    }

    // Object.defineProperty(wx, 'navigateTo', …) / (global, 'Page', …)
    if (!isNew && root.type === 'Identifier' && root.name === 'Object' && props.length === 1 && props[0] === 'defineProperty') {
      const target = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      const name = values.staticString(node.arguments[1]);
      if (target?.type === 'Identifier' && name) {
        const namespace = namespaces.get(target.name);
        if (namespace && NAVIGATION_APIS.has(name)) historyHooks.push({ mechanism: 'navigation', target: `${namespace}.${name}`, range: node.range });
        if (GLOBAL_OBJECTS.has(target.name) && CONSTRUCTORS.has(name)) historyHooks.push({ mechanism: 'constructor', target: name, range: node.range });
      }
      return;
    }

    // getApp().mtj.trackEvent(…), app.aldstat.sendEvent(…), this.globalData.uma.trackEvent(…), gioGlobal.gio('track', …)
    const fromApp = isGetAppCall(root) || (root.type === 'Identifier' && appRefs.has(root.name));
    for (let i = 0; i < props.length; i++) {
      const attached = index.attach.get(props[i]!);
      if (!attached) continue;
      const appLevel = fromApp && (i === 0 || (i === 1 && props[0] === 'globalData'));
      if (!attached.distinctive && !appLevel) continue;
      sdkCall(attached.sdk, props.slice(i + 1), args, node, text, isNew);
      return;
    }
    if (!isNew && props.length > 0) {
      const last = props[props.length - 1]!;
      const commandSdk = index.globals.get(last);
      if (commandSdk?.style === 'command') sdkCall(commandSdk, [], args, node, text, false);
    }
  };

  const resolveAssignments = (): void => {
    const seen = new Set<string>();
    for (const assignment of assignments) {
      const left = assignment.left;
      const right = unwrap(assignment.right);
      let hook: HistoryHook | undefined;
      if (left.type === 'Identifier' && CONSTRUCTORS.has(left.name)) {
        if (right.type === 'Identifier' && right.name === left.name) continue;
        hook = { mechanism: 'constructor', target: left.name, range: assignment.range };
      } else if (left.type === 'MemberExpression') {
        const chain = memberChain(left);
        if (!chain || chain.root.type !== 'Identifier' || chain.props.length !== 1) continue;
        const property = chain.props[0]!;
        const namespace = namespaces.get(chain.root.name);
        if (namespace && NAVIGATION_APIS.has(property)) hook = { mechanism: 'navigation', target: `${namespace}.${property}`, range: assignment.range };
        else if (GLOBAL_OBJECTS.has(chain.root.name) && CONSTRUCTORS.has(property)) hook = { mechanism: 'constructor', target: property, range: assignment.range };
      }
      if (!hook || seen.has(hook.target)) continue;
      seen.add(hook.target);
      historyHooks.push(hook);
    }
  };

  const finish = (): FileTrackerAnalysis => {
    for (const item of pending) resolve(item);
    resolveAssignments();
    if (configTracker && configValues.size > 0) {
      const first = [...configValues.values()].sort((a, b) => a.range[0] - b.range[0])[0]!;
      const call = newCall(configTracker, '(configuration)', { role: 'init' }, moduleBasename(file.path), first.range);
      call.role = 'config-file';
      analyseConfig(configTracker, configValues, call);
      if (call.personalData.length > 0 || call.autoTrack.length > 0 || call.hosts.length > 0) calls.push(call);
    }
    for (const literal of hostLiterals) if (literal.url) noteSink(literal.range, literal.host);

    // Files that are an SDK's own code: inside its package, named like its file, or carrying its
    // collection host in a third-party file or next to a request.
    const shipped: ShippedSdk[] = [];
    const hasRequest = calls.some((call) => call.role === 'request') || sink !== undefined;
    const base = moduleBasename(file.path);
    const byPackage = index.packageTracker(file.path);
    const candidates = new Map<string, ShippedSdk>();
    const addShipped = (tracker: SdkTracker, range: Range, host?: string): void => {
      const existing = candidates.get(tracker.id);
      if (existing) {
        if (host && !existing.hosts.includes(host)) existing.hosts.push(host);
        return;
      }
      candidates.set(tracker.id, { tracker, hosts: host ? [host] : [], range });
    };
    for (const literal of hostLiterals) {
      const named = literal.tracker.files.some((pattern) => pattern.test(base));
      if (file.thirdParty || named || byPackage === literal.tracker || (literal.url && !literal.consumed && hasRequest)) addShipped(literal.tracker, literal.range, literal.host);
    }
    if (byPackage && !candidates.has(byPackage.id) && byPackage.hosts.length + (byPackage.hostSuffixes?.length ?? 0) > 0) addShipped(byPackage, [0, 0]);
    shipped.push(...candidates.values());
    const shippedIds = new Set(shipped.map((entry) => entry.tracker.id));
    const kept = calls.filter((call) => !(call.role === 'request' && shippedIds.has(call.tracker.id)));
    return { file, calls: kept, logWrites, imports, hostLiterals, shipped, historyHooks, sink, wrapsHandlers };
  };

  return { listeners, finish };
}

// ---------------------------------------------------------------- sharing between rules

interface Session {
  callbacks: ((analysis: FileTrackerAnalysis) => void)[];
}

/**
 * Runs the tracker detector on the script being checked and calls `onAnalysed` at the end of the
 * program. Rules call this from `createScriptListeners`; the detector is a service of the traversal
 * (`context.shared`): the first caller for a tracker index gets its listeners, later callers none,
 * and all are called back with the one analysis.
 */
export function trackerAnalysis(context: FileContext, index: TrackerIndex, onAnalysed: (analysis: FileTrackerAnalysis) => void): Listeners {
  const sessions = context.shared('tracker-sessions', () => new Map<TrackerIndex, Session>());
  const existing = sessions.get(index);
  if (existing) {
    existing.callbacks.push(onAnalysed);
    return {};
  }
  const session: Session = { callbacks: [onAnalysed] };
  sessions.set(index, session);
  const detector = createDetector(context.file, context.platform.id, [...context.platform.globals, ...FRAMEWORK_NAMESPACES], index);
  return {
    ...detector.listeners,
    'Program:exit'() {
      const analysis = detector.finish();
      for (const callback of session.callbacks) callback(analysis);
    },
  };
}
