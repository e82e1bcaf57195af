import type { TSESTree } from '@typescript-eslint/types';
import { moduleBasename, type MethodMatch, type SdkTracker, type TrackerDefinition, type TrackerMethod } from '../platforms/trackers.js';
import type { Node } from './traverse.js';
import { own } from '../util/own.js';
import { describeChain, hostOfUrl, isGetAppCall, memberChain, unwrap, type Range } from './tracker-syntax.js';
import { TrackerValues, type Keyed } from './tracker-values.js';
import { readTrackerConfig, sdkOfOwnEndpoint } from './tracker-config.js';
import { registrationOf } from './tracker-registrations.js';
import { shippedSdks } from './shipped-sdks.js';
import { readAutoTrackSwitch, readCallEvent } from './tracker-call-shape.js';
import { appPropertiesSet, attachedCall, attachedProperty, type AttachedCall } from './app-attached-calls.js';
import type { DataExit, FileTrackerAnalysis, HistoryHook, ModuleRegistration, TrackerCall } from './tracker-analysis.js';
import { inScope, ModuleGraph } from './module-scopes.js';
import { LocalFunctions, reachesExit } from './reaches-exit.js';
import { APP_ROUTE_APIS, CONSTRUCTORS, GLOBAL_OBJECTS, LOG_WRITES, NAVIGATION_APIS, REQUEST_APIS, SINK_APIS, TrackerCollector, type HandlerWrap, type Pending } from './tracker-collector.js';
import { namesATracker, namesATrackingCall } from '../platforms/tracker-words.js';
import { isBare } from '../bundle/imported-packages.js';
import { isAspectHook } from './tracker-aspects.js';

/** The first of `exits` inside `scope`, by position. */
function firstIn(scope: Parameters<typeof inScope>[0], exits: readonly DataExit[]): DataExit | undefined {
  return exits.filter((exit) => inScope(scope, exit.range[0])).sort((a, b) => a.range[0] - b.range[0])[0];
}

/**
 * The judgement, after the walk: each pending call resolved against the file's bindings and the
 * tracker catalogue, configurations read, and the SDKs whose own code the file is.
 */
export class TrackerResolver {
  private readonly calls: TrackerCall[] = [];
  private readonly logWrites: TrackerCall[] = [];
  private readonly historyHooks: HistoryHook[] = [];
  private readonly exits: DataExit[] = [];
  /**
   * Calls of a method named for tracking (`app.jaxTrack('page', …)`, `stat.trackEvent(…)`): a send
   * another module makes on this one's behalf. Evidence for a replaced constructor or wrapped handlers
   * only, when the module has no send of its own.
   */
  private readonly trackingCalls: DataExit[] = [];
  /** The exits' ranges, once every exit is noted (the hooks are judged last). */
  private exitRanges: Range[] | undefined;
  /** The file's functions by name, read when a wrapper is first followed. */
  private functions: LocalFunctions | undefined;
  private readonly registrations: ModuleRegistration[] = [];
  private readonly attachedCalls: AttachedCall[] = [];
  private moduleGraph: ModuleGraph | undefined;
  private readonly values: TrackerValues;

  constructor(private readonly walk: TrackerCollector) {
    this.values = new TrackerValues(walk.constants);
  }

  /** Reads an SDK's configuration into its call; the host literals it names are the SDK's, not the app's. */
  private analyseConfig(sdk: SdkTracker, config: Keyed, call: TrackerCall): void {
    this.markConsumed(readTrackerConfig(this.values, sdk, config, call));
  }

  private markConsumed(ranges: readonly Range[]): void {
    for (const literal of this.walk.hostLiterals) {
      if (ranges.some((range) => range[0] === literal.range[0] && range[1] === literal.range[1])) literal.consumed = true;
    }
  }

  private noteSink(range: Range, description: string): void {
    this.exits.push({ range, description });
  }

  /** A replaced constructor or navigation API with the evidence from its own module: where data leaves, and handler wraps. */
  private withEvidence(hook: HistoryHook): HistoryHook {
    if (hook.mechanism !== 'constructor' && hook.mechanism !== 'navigation' && hook.mechanism !== 'handler-wrap' && hook.mechanism !== 'aspect') return hook;
    this.moduleGraph ??= new ModuleGraph(this.walk.modules, this.walk.moduleRequires);
    const scope = this.moduleGraph.scopeAround(hook.range[0]);
    const sink = firstIn(scope, this.exits) ?? firstIn(scope, this.trackingCalls);
    // A wrapper counts when it can reach the exit: a login guard beside a request helper records nothing.
    const wrapsHandlers = this.walk.handlerWraps.some((wrap) => inScope(scope, wrap.offset) && this.reachesExit(wrap));
    return { ...hook, ...(sink && { sink }), wrapsHandlers };
  }

  private reachesExit(wrap: HandlerWrap): boolean {
    this.exitRanges ??= [...this.exits, ...this.trackingCalls].map((exit) => exit.range);
    if (this.exitRanges.length === 0 || !this.walk.program) return false;
    this.functions ??= new LocalFunctions(this.walk.program);
    return reachesExit(wrap.wrapper, this.exitRanges, this.functions, wrap.originals);
  }

  private newCall(tracker: TrackerDefinition, method: string, shape: TrackerMethod, callee: string, range: Range): TrackerCall {
    return {
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
    };
  }

  private applyShape(call: TrackerCall, shape: TrackerMethod, args: readonly Node[], sdk?: SdkTracker): void {
    readCallEvent(this.values, call, shape, args);
    if (shape.config !== undefined && sdk) {
      const argument = shape.config === 'last' ? [...args].reverse().find((arg) => this.values.objectOf(arg)) : args[shape.config];
      const config = this.values.objectOf(argument);
      if (config) this.analyseConfig(sdk, config, call);
    }
    readAutoTrackSwitch(this.values, call, shape, args, sdk);
  }

  private sdkCall(sdk: SdkTracker, path: string[], args: readonly Node[], node: Node, calleeText: string, isNew: boolean): void {
    const props = path[0] === 'default' ? path.slice(1) : path;
    if (isNew) {
      if (props.length === 0 && sdk.constructorConfig) {
        const call = this.newCall(sdk, 'new', { role: 'init', config: 0 }, `new ${calleeText}`, node.range);
        const config = this.values.objectOf(args[0]);
        if (config) this.analyseConfig(sdk, config, call);
        this.calls.push(call);
      }
      return;
    }
    let method = props.join('.');
    let rest = args;
    let text = calleeText;
    if (props.length === 0) {
      if (sdk.style !== 'command') return;
      const command = this.values.staticString(args[0]);
      if (command === undefined) return;
      method = command;
      rest = args.slice(1);
      text = `${calleeText}('${command}')`;
    }
    const shape = own(sdk.methods, method);
    if (sdk.pageProxies?.includes(method) || shape?.role === 'page-proxy') {
      this.historyHooks.push({ mechanism: 'page-proxy', target: text, range: node.range, tracker: sdk });
      return;
    }
    if (!shape) return;
    const call = this.newCall(sdk, method, shape, text, node.range);
    this.applyShape(call, shape, rest, sdk);
    this.calls.push(call);
    this.noteSink(node.range, text);
  }

  private noteAttached(property: string, methodPath: readonly string[], args: readonly Node[], node: Node, text: string, isNew: boolean, viaThis: boolean): void {
    const call = isNew ? undefined : attachedCall(property, methodPath, args, node, text, this.values, viaThis);
    if (call) this.attachedCalls.push(call);
  }

  private requestCall(api: string, namespace: string, args: readonly Node[], node: Node): void {
    this.noteSink(node.range, `${namespace}.${api}`);
    const options = this.values.objectOf(args[0]);
    if (!options) return;
    const url = this.values.propertyOf(options, 'url')?.value;
    if (!url) return;
    const used: Range[] = [];
    const prefix = this.values.staticPrefix(url, used);
    const host = hostOfUrl(prefix.text);
    const tracker = host ? this.walk.index.hostTracker(host) : undefined;
    if (!tracker || !host) return;
    this.markConsumed(used);
    const call = this.newCall(tracker, api, { role: 'event' }, `${namespace}.${api}`, node.range);
    call.role = 'request';
    call.hosts = [host];
    call.hostsConfigured = true;
    const data = this.values.propertyOf(options, 'data')?.value;
    const body = this.values.objectOf(data);
    const events = body ? this.values.propertyOf(body, 'events')?.value : undefined;
    const first = events && events.type === 'ArrayExpression' ? events.elements[0] : undefined;
    const firstEvent = first ? this.values.objectOf(first) : undefined;
    const name = firstEvent ? this.values.staticString(this.values.propertyOf(firstEvent, 'name')?.value) : undefined;
    const query = /[?&](?:en|ea)=([^&#]+)/.exec(prefix.text);
    if (name !== undefined) call.event = name;
    else if (query?.[1]) call.event = decodeURIComponent(query[1]);
    this.values.scanPersonal(data, call.personalData);
    if (!prefix.complete) this.values.scanPersonal(url, call.personalData);
    this.calls.push(call);
  }

  /** `(my.request || my.httpRequest)({ … })`: a send through whichever API the platform has. */
  private noteAlternativeSends(callee: TSESTree.LogicalExpression | TSESTree.ConditionalExpression): void {
    const branches = callee.type === 'LogicalExpression' ? [callee.left, callee.right] : [callee.consequent, callee.alternate];
    for (const branch of branches) {
      const chain = memberChain(branch);
      const namespace = chain?.root.type === 'Identifier' ? this.walk.namespaces.get(chain.root.name) : undefined;
      const api = chain?.props.length === 1 ? chain.props[0]! : undefined;
      if (namespace && api && SINK_APIS.has(api)) {
        this.noteSink(callee.range, `${namespace}.${api}`);
        return;
      }
    }
  }

  private resolve({ node, shim }: Pending): void {
    const isNew = node.type === 'NewExpression';
    const chain = memberChain(node.callee);
    if (!chain) return;
    if (chain.props.length === 0 && (chain.root.type === 'LogicalExpression' || chain.root.type === 'ConditionalExpression')) {
      this.noteAlternativeSends(chain.root);
      return;
    }
    const registration = isNew ? undefined : registrationOf(node, chain, this.walk.moduleHandles);
    if (registration) this.registrations.push(registration);
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
    if (!isNew && props.length > 0 && namesATrackingCall(props[props.length - 1]!)) this.trackingCalls.push({ range: node.range, description: text });

    // Calls on a logger (`log.info(...)`, `wx.getRealtimeLogManager().warn(...)`).
    const rootIsLogger = (root.type === 'Identifier' && this.walk.loggers.has(root.name)) || (root.type === 'CallExpression' && this.walk.isLoggerAcquisition(root));
    if (rootIsLogger) {
      if (props.length === 1 && LOG_WRITES.has(props[0]!)) {
        const tracker = this.walk.index.platformApis.get(this.walk.platformId as never)?.get('getRealtimeLogManager')?.tracker;
        if (!tracker) return;
        const write = this.newCall(tracker, props[0]!, { role: 'log' }, text, node.range);
        for (const argument of args) this.values.scanPersonal(argument, write.personalData);
        this.logWrites.push(write);
      }
      return;
    }

    if (root.type === 'Identifier') {
      const namespace = this.walk.namespaces.get(root.name);
      if (namespace) {
        if (props.length === 1 && !isNew) {
          const api = props[0]!;
          const match: MethodMatch | undefined = this.walk.index.platformApis.get(this.walk.platformId as never)?.get(api);
          // `my.reportAnalytics()` with no event name (an unused shim's body) reports nothing.
          if (match && match.shape.event && args.length <= match.shape.event.argument) return;
          // A converter's shim of the same API (`reportAnalytics: { fn(key, value) { return my.reportAnalytics(key, value) } }`) sends what its callers pass.
          if (match && shim === api) return;
          if (match) {
            const call = this.newCall(match.tracker, api, match.shape, `${namespace}.${api}`, node.range);
            this.applyShape(call, match.shape, args);
            this.calls.push(call);
            this.noteSink(node.range, `${namespace}.${api}`);
            return;
          }
          if (REQUEST_APIS.has(api)) this.requestCall(api, namespace, args, node);
          else if (SINK_APIS.has(api)) this.noteSink(node.range, `${namespace}.${api}`);
          if (APP_ROUTE_APIS.has(api) && !isNew) this.historyHooks.push({ mechanism: 'app-route', target: `${namespace}.${api}`, range: node.range });
          return;
        }
        const attached = props.length >= 2 ? this.walk.index.attach.get(props[0]!) : undefined;
        if (attached) this.sdkCall(attached.sdk, props.slice(1), args, node, text, isNew);
        return;
      }
      const binding = this.walk.bindings.get(root.name);
      if (binding) {
        this.sdkCall(binding.sdk, props, args, node, text, isNew);
        return;
      }
      const property = this.walk.appHandles.get(root.name);
      if (property !== undefined) {
        this.noteAttached(property, props, args, node, text, isNew, false);
        return;
      }
      // `import Tracker from '@tklc/miniapp-tracker-sdk'; Tracker.App.init(…)`: a package the catalogue does not know, named as a tracker.
      const specifier = this.walk.moduleHandles.get(root.name);
      if (specifier !== undefined && isBare(specifier) && !this.walk.index.moduleTracker(specifier) && namesATracker(specifier)) {
        const call = isNew ? undefined : attachedCall(root.name, props, args, node, text, this.values, false);
        if (call) this.attachedCalls.push({ ...call, imported: specifier });
        return;
      }
      const proxy = this.walk.pageProxies.get(root.name);
      if (proxy && props.length === 0) {
        this.historyHooks.push({ mechanism: 'page-proxy', target: root.name, range: node.range, tracker: proxy });
        return;
      }
      const global = this.walk.index.globals.get(root.name);
      if (global && !this.walk.appRefs.has(root.name)) {
        this.sdkCall(global, props, args, node, text, isNew);
        return;
      }
      if (props.length === 0 && !isNew) {
        const owner = this.walk.index.sdks.find((sdk) => sdk.pageProxies?.includes(root.name));
        if (owner) {
          this.historyHooks.push({ mechanism: 'page-proxy', target: root.name, range: node.range, tracker: owner });
          return;
        }
      }
    }

    // Page.after({ methods: { onReady }, events: { '[data-log]:tap' } }): handlers added to every page.
    if (!isNew && isAspectHook(root, props, node.arguments as Node[])) {
      this.historyHooks.push({ mechanism: 'aspect', target: text, range: node.range });
      return;
    }

    // Object.defineProperty(wx, 'navigateTo', …) / (global, 'Page', …)
    if (!isNew && root.type === 'Identifier' && root.name === 'Object' && props.length === 1 && props[0] === 'defineProperty') {
      const target = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      const name = this.values.staticString(node.arguments[1]);
      if (target?.type === 'Identifier' && name) {
        const namespace = this.walk.namespaces.get(target.name);
        if (namespace && NAVIGATION_APIS.has(name)) this.historyHooks.push({ mechanism: 'navigation', target: `${namespace}.${name}`, range: node.range });
        if (GLOBAL_OBJECTS.has(target.name) && CONSTRUCTORS.has(name)) this.historyHooks.push({ mechanism: 'constructor', target: name, range: node.range });
      }
      return;
    }

    // getApp().mtj.trackEvent(…), app.aldstat.sendEvent(…), this.globalData.uma.trackEvent(…), gioGlobal.gio('track', …)
    const fromApp = isGetAppCall(root) || (root.type === 'Identifier' && this.walk.appRefs.has(root.name));
    for (let i = 0; i < props.length; i++) {
      const attached = this.walk.index.attach.get(props[i]!);
      if (!attached) continue;
      const appLevel = fromApp && (i === 0 || (i === 1 && props[0] === 'globalData'));
      if (!attached.distinctive && !appLevel) continue;
      this.sdkCall(attached.sdk, props.slice(i + 1), args, node, text, isNew);
      return;
    }
    const unknown = attachedProperty(root, props, this.walk);
    if (unknown) {
      this.noteAttached(unknown.property, unknown.rest, args, node, text, isNew, root.type === 'ThisExpression');
      return;
    }
    if (!isNew && props.length > 0) {
      const last = props[props.length - 1]!;
      const commandSdk = this.walk.index.globals.get(last);
      if (commandSdk?.style === 'command') {
        this.sdkCall(commandSdk, [], args, node, text, false);
        return;
      }
      const configured = sdkOfOwnEndpoint(this.values, this.walk.index, last, args);
      if (configured) this.sdkCall(configured, [last], args, node, text, false);
    }
  }

  private resolveAssignments(): void {
    const seen = new Set<string>();
    for (const assignment of this.walk.assignments) {
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
        const namespace = this.walk.namespaces.get(chain.root.name);
        if (namespace && NAVIGATION_APIS.has(property)) hook = { mechanism: 'navigation', target: `${namespace}.${property}`, range: assignment.range };
        else if (GLOBAL_OBJECTS.has(chain.root.name) && CONSTRUCTORS.has(property)) hook = { mechanism: 'constructor', target: property, range: assignment.range };
      }
      if (!hook || seen.has(hook.target)) continue;
      seen.add(hook.target);
      this.historyHooks.push(hook);
    }
  }

  /**
   * `require('./utils/ald-stat.js')` in app.js: loading an SDK that starts on load is its
   * initialisation, since it replaces App and Page there and then; an explicit init call after it
   * (`App.zhuge.load(key, { pv: true })`) is reported as well, with its configuration. Its docs load
   * it in the app's entry; a page that loads it again only uses it.
   */
  private resolveLoads(): void {
    if (moduleBasename(this.walk.file.path) !== 'app') return;
    const started = new Set<string>();
    for (const { specifier, range } of this.walk.loads) {
      const sdk = this.walk.index.moduleTracker(specifier);
      if (!sdk?.startsOnLoad || started.has(sdk.id)) continue;
      started.add(sdk.id);
      this.calls.push(this.newCall(sdk, '(load)', { role: 'init' }, `Loading ${specifier}`, range));
      const configured = sdk.appOption ? this.appOption(sdk, sdk.appOption) : undefined;
      if (configured) this.calls.push(configured);
    }
  }

  /** `App({ umengConfig: { appKey, uploadUserInfo } })`: the option the SDK reads when it wraps App is its configuration. */
  private appOption(sdk: SdkTracker, option: string): TrackerCall | undefined {
    for (const { node } of this.walk.pending) {
      const callee = unwrap(node.callee);
      if (node.type !== 'CallExpression' || callee.type !== 'Identifier' || callee.name !== 'App') continue;
      const options = this.values.objectOf(node.arguments[0]);
      const property = options ? this.values.propertyOf(options, option) : undefined;
      const config = property ? this.values.objectOf(property.value) : undefined;
      if (!property || !config) continue;
      const call = this.newCall(sdk, option, { role: 'init', config: 0 }, `App({ ${option} })`, property.range);
      this.analyseConfig(sdk, config, call);
      return call;
    }
    return undefined;
  }

  /**
   * A file that lists lifecycle handlers and wraps handlers under computed names, each wrapper running
   * the one it replaces: a tracker that hooks every page without replacing `Page` (`Page(stat.$Page({…}))`).
   * One hook per module, at its first such wrap; a module that also replaces a constructor is that hook's.
   */
  private resolveRunningWraps(): void {
    if (this.walk.lifecycleLists.length === 0 || this.walk.runningWraps.length === 0) return;
    this.moduleGraph ??= new ModuleGraph(this.walk.modules, this.walk.moduleRequires);
    const hooked = this.historyHooks.filter((hook) => hook.mechanism === 'constructor').map((hook) => this.moduleGraph!.scopeAround(hook.range[0]));
    const scopes: ReturnType<ModuleGraph['scopeAround']>[] = [...hooked];
    for (const wrap of [...this.walk.runningWraps].sort((a, b) => a.range[0] - b.range[0])) {
      const { range, target } = wrap;
      if (scopes.some((scope) => inScope(scope, range[0])) || !this.reachesExit(wrap)) continue;
      const scope = this.moduleGraph.scopeAround(range[0]);
      // The list of handlers to wrap is the same module's (or one it requires), not a bundled neighbour's.
      if (!this.walk.lifecycleLists.some((offset) => inScope(scope, offset))) continue;
      scopes.push(scope);
      this.historyHooks.push({ mechanism: 'handler-wrap', target, range });
    }
  }

  finish(): FileTrackerAnalysis {
    for (const item of this.walk.pending) this.resolve(item);
    this.resolveLoads();
    this.resolveAssignments();
    for (const literal of this.walk.hostLiterals) if (literal.url) this.noteSink(literal.range, literal.host);
    this.resolveRunningWraps();
    if (this.walk.configTracker && this.walk.configValues.size > 0) {
      const first = [...this.walk.configValues.values()].sort((a, b) => a.range[0] - b.range[0])[0]!;
      const call = this.newCall(this.walk.configTracker, '(configuration)', { role: 'init' }, moduleBasename(this.walk.file.path), first.range);
      call.role = 'config-file';
      this.analyseConfig(this.walk.configTracker, this.walk.configValues, call);
      if (call.personalData.length > 0 || call.autoTrack.length > 0 || call.hosts.length > 0) this.calls.push(call);
    }

    const shipped = shippedSdks(this.walk.file, this.walk.index, this.walk.hostLiterals, this.calls, this.exits.length > 0);
    const shippedIds = new Set(shipped.map((entry) => entry.tracker.id));
    const kept = this.calls.filter((call) => !(call.role === 'request' && shippedIds.has(call.tracker.id)));
    const { file, imports, loads, hostLiterals } = this.walk;
    const bundlesModules = this.walk.modules.length > 1;
    const attached = { attachedCalls: this.attachedCalls, appPropertiesSet: appPropertiesSet(this.walk.pending, this.walk.appPropertyWrites, this.walk) };
    return { file, calls: kept, logWrites: this.logWrites, imports, bundlesModules, loads, registrations: this.registrations, hostLiterals, shipped, historyHooks: this.historyHooks.map((hook) => this.withEvidence(hook)), ...attached };
  }

}
