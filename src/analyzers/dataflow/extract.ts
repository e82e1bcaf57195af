import type { TSESTree } from '@typescript-eslint/types';
import { CONSOLE_METHODS, INERT_METHODS, NUMBER_METHODS, PASS_THROUGH_FUNCTIONS, PASS_THROUGH_METHODS, REACTIVE_BOXES, REACTIVE_PROXIES } from '../../platforms/flows.js';
import { INTEROP_HELPER } from '../framework-modules.js';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { argumentFacts, handleApiCall } from './api-flows.js';
import { optionValue, staticString } from './api-target.js';
import { callerContextFlows, callFunctionFlows, databaseFlows, isCallerContext, isCallFunction } from './cloud-flows.js';
import { fieldKey, keyText, PARSED, type FlowFragment, type Ref } from './fragment.js';
import { own } from '../../util/own.js';
import type { ExtractOptions, TrackerCallKind } from './extract-options.js';
import { DefinitionExtractor } from './extract-definitions.js';
import { ARRAY_CALLBACKS, DEFINITION_WRAPPER, DEFINITIONS, PROMISE_CALLBACKS, SPREAD_ARGUMENTS } from './extract-base.js';
import { calleeName, compact, deep, isNumberLibrary, isAppIdExpression, isBase64Encoder, isChannel, isFunctionValue, isSanitizer, memberName, propertyName, sinkInputs, valueNames } from './extract-syntax.js';
import { compositionHook } from './composition-hooks.js';
import { webpackCall } from './webpack-modules.js';
import { asyncRuntimeCall } from './async-runtime.js';
import { stateHook, webViewElement } from './react-components.js';
import { vuePrototypeField } from './framework-syntax.js';

export { isConstantName, pageRoute, type ExtractOptions } from './extract-options.js';

/**
 * Turns one parsed module into its flow fragment: which values flow where, from which sources to
 * which sinks. Variables are resolved with typescript-eslint's scope analysis (closures, hoisting,
 * shadowing); the walk is one pass over the tree, recursive over expressions.
 */
export function extractFlows(program: Node, options: ExtractOptions): FlowFragment {
  return new Extractor(program as TSESTree.Program, options).run();
}

/**
 * Lifecycle functions only a Page's or a Component's options have (and a Component's `methods` or
 * `lifetimes` object): `toPage({ url })` and `cachePage({ data })` are ordinary calls.
 */
const LIFECYCLE_NAMES: Record<string, ReadonlySet<string>> = {
  Page: new Set(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload', 'onShareAppMessage', 'onPullDownRefresh', 'onReachBottom']),
  Component: new Set(['attached', 'created', 'ready', 'detached', 'methods', 'lifetimes']),
};

function hasOptionsOf(kind: string, options: TSESTree.ObjectExpression): boolean {
  const names = LIFECYCLE_NAMES[kind]!;
  return options.properties.some((property) => {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || !names.has(property.key.name)) return false;
    const value = property.value;
    return value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || (kind === 'Component' && value.type === 'ObjectExpression');
  });
}

/** Calls: of functions, of platform APIs, of trackers and loggers, `new`, and `call`/`apply`. */
class Extractor extends DefinitionExtractor {
  protected call(node: TSESTree.CallExpression): Ref[] {
    const result = this.anyCall(node);
    const hook = this.setupDepth > 0 ? compositionHook(node) : undefined;
    if (hook) this.registerCompositionHook(hook.name, hook.fn);
    return result;
  }

  private anyCall(node: TSESTree.CallExpression): Ref[] {
    const callee = unwrapTypeScript(node.callee) as TSESTree.Node;
    const trackerKind = this.options.trackerCalls.get(`${node.range[0]}:${node.range[1]}`);
    if (trackerKind && trackerKind !== 'known') return this.sinkCall(node, trackerKind);
    const runtime = webpackCall(this, node, this.isWebpackRequire) ?? asyncRuntimeCall(this, node);
    if (runtime) return runtime;

    if (callee.type === 'Identifier' && !this.variables.has(callee)) {
      const special = this.globalCall(callee.name, node);
      if (special) return special;
    }
    const wrapped = this.definitionWrapper(callee, node);
    if (wrapped) return wrapped;
    if (callee.type === 'Identifier') {
      const api = this.apiAlias(callee);
      if (api) return handleApiCall(this, api.method, `${api.namespace}.${api.method}`, node);
    }
    if (callee.type === 'MemberExpression') {
      const handled = this.memberCall(callee, node);
      if (handled) return handled;
    }
    const reactive = this.reactiveValue(callee, node) ?? stateHook(this, callee, node);
    if (reactive) return reactive;
    const name = calleeName(callee);
    // `isTrustedPartner(referrerInfo.appId)`: handing the app id to a check of its own counts as checking it.
    if (node.arguments.some((argument) => isAppIdExpression(argument))) this.guardTest(node);
    if (name) this.validatorCall(name);
    const args = node.arguments.map((argument) => this.expression(argument));
    if (name && isSanitizer(name)) return [];
    webViewElement(this, node, args);
    // A Base64 encoder's bit operations are not followed into its code; what it returns still says what it was given.
    const called = this.invokeCallee(callee as TSESTree.Expression, node, args, trackerKind);
    return isBase64Encoder(callee) ? [...called, ...deep(args.flat())] : called;
  }

  /** The call of a function value or method, tied to what its callee resolves to. */
  private invokeCallee(callee: TSESTree.Expression, node: TSESTree.CallExpression, args: Ref[][], trackerKind: TrackerCallKind | undefined): Ref[] {
    if (callee.type === 'MemberExpression') {
      const method = memberName(callee);
      const receiver = this.expression(callee.object as TSESTree.Expression);
      if (method && INERT_METHODS.has(method)) {
        this.guardTest(node);
        return [];
      }
      if (method && !trackerKind && this.options.sdkHandles?.methods.has(method)) this.sdkCall(node, method, receiver);
      // `sa.setPara({ name: 'sc_stats' })`: the SDK is `getApp().sc_stats` from then on.
      const attachedAs = trackerKind && this.options.sdkHandles?.attachments?.get(`${node.range[0]}:${node.range[1]}`);
      if (attachedAs) this.copy(receiver.filter((ref) => !ref.shallow), fieldKey('app', keyText(attachedAs))!);
      if (method !== undefined && isNumberLibrary(callee.object)) return deep(args.flat());
      const passThrough = method !== undefined && (PASS_THROUGH_METHODS.has(method) || NUMBER_METHODS.has(method));
      // A method called (`this.getIsUnionId()`) is code, not data its object holds: its name is no evidence.
      const shared = vuePrototypeField(callee.object, receiver, method);
      const callees = this.field(receiver, method ?? '[]', callee, false).filter((ref) => !ref.shallow);
      return this.invoke(shared ? [...callees, shared] : callees, args, node, receiver, passThrough, true);
    }
    if (isNumberLibrary(callee)) return deep(args.flat());
    const passThrough = callee.type === 'Identifier' && !this.variables.has(callee) && PASS_THROUGH_FUNCTIONS.has(callee.name);
    return this.invoke(this.expression(callee as TSESTree.Expression), args, node, undefined, passThrough, true);
  }

  /** `JSON.parse(text)`: the text's value, through a node that marks it as a whole record (PARSED). */
  private parsedRecord(args: Ref[][], node: TSESTree.CallExpression): Ref[] {
    // Keyed as a call's result, so that a path shows the line where the record is parsed.
    const record = this.node(`t:${this.fileId}@${node.range[0]}${PARSED}#call`, node);
    this.copy(deep(args[0] ?? []), record);
    return [{ key: record }];
  }

  /** The cloud-function boundary: a client's `wx.cloud.callFunction`, and in a cloud function `getWXContext()` and database calls (cloud-flows.ts). */
  private cloudCall(method: string, callee: TSESTree.MemberExpression, node: TSESTree.CallExpression): Ref[] | undefined {
    if (isCallFunction(method, callee, this.isPlatform)) return callFunctionFlows(this, node);
    if (!this.options.cloudFunction) return undefined;
    if (isCallerContext(method)) {
      this.expression(callee.object as TSESTree.Expression);
      return callerContextFlows(this, node);
    }
    return databaseFlows(this, callee, node);
  }

  private readonly isPlatform = (object: TSESTree.Node): boolean => (object.type === 'Identifier' ? this.namespaceAlias(object) : this.platformObject(object)) !== undefined;

  /** `reactive(state)`, `vue.ref(x)`: the argument itself, or a box holding it (see REACTIVE_PROXIES). */
  protected reactiveValue(callee: TSESTree.Node, node: TSESTree.CallExpression): Ref[] | undefined {
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
    if (name === undefined || node.arguments.length !== 1 || (!REACTIVE_PROXIES.has(name) && !REACTIVE_BOXES.has(name))) return undefined;
    // A function of the file's own under that name is linked like any other; an import or a global is Vue's.
    const own = callee.type === 'Identifier' ? this.variables.get(callee)?.defs[0] : undefined;
    if (own && own.type !== 'ImportBinding') return undefined;
    if (callee.type === 'MemberExpression') this.expression(callee.object as TSESTree.Expression);
    const value = this.expression(node.arguments[0]!);
    if (REACTIVE_PROXIES.has(name)) return value;
    const box = this.temp(node, '#ref');
    this.copy(value, fieldKey(box, 'value') ?? box);
    return [{ key: box }];
  }

  /** Calls of globals: require, getApp, Page/Component/App, console, interop helpers. */
  protected globalCall(name: string, node: TSESTree.CallExpression): Ref[] | undefined {
    const first = node.arguments[0];
    if (name === 'require') return first && first.type === 'Literal' && typeof first.value === 'string' ? this.moduleRef(first.value, node) : [];
    if (name === 'getApp') return [{ key: this.node('app', node, 'getApp()') }];
    // `Object(m.f)(…)`, webpack 4's call of an imported function: `Object(x)` is x.
    if (name === 'Object' && node.arguments.length === 1 && first) return this.expression(first);
    if (name === 'Behavior' && first?.type === 'ObjectExpression') {
      // A behavior's methods run with the component that uses it as `this`: bound at each call.
      const behavior = this.object(first);
      for (const group of ['methods', 'lifetimes', 'pageLifetimes']) this.copy([{ key: `${behavior}.${group}` }], behavior);
      return [{ key: behavior }];
    }
    if (DEFINITIONS.has(name) && first) {
      this.definitionArgument(name, first);
      return [];
    }
    if (INTEROP_HELPER.test(name) && first) {
      // Babel/TypeScript interop: a CommonJS module's exports are also its `default`.
      const module = this.expression(first);
      for (const ref of module) this.copy([ref], `${ref.key}.default`);
      return module;
    }
    return undefined;
  }

  /** `xPage({ … })`, `app.createComponent({ … })`: a wrapper of Page or Component given the options literally. */
  private definitionWrapper(callee: TSESTree.Node, node: TSESTree.CallExpression): Ref[] | undefined {
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
    const kind = name === undefined ? undefined : DEFINITION_WRAPPER.exec(name)?.[1];
    const options = node.arguments[0];
    if (!kind || node.arguments.length !== 1 || options?.type !== 'ObjectExpression' || !hasOptionsOf(kind, options)) return undefined;
    this.expression(callee as TSESTree.Expression);
    this.definitionArgument(kind, options);
    return [];
  }

  protected memberCall(callee: TSESTree.MemberExpression, node: TSESTree.CallExpression): Ref[] | undefined {
    const method = memberName(callee);
    const object = unwrapTypeScript(callee.object) as TSESTree.Node;
    if (!method) return undefined;
    const cloud = this.cloudCall(method, callee, node);
    if (cloud) return cloud;
    const namespace = object.type === 'Identifier' ? this.namespaceAlias(object) : this.platformObject(object);
    if (namespace) return handleApiCall(this, method, `${namespace}.${method}`, node);
    if (object.type === 'Identifier' && !this.variables.has(object)) {
      if (object.name === 'console' && CONSOLE_METHODS.has(method)) return this.sinkCall(node, 'log', `console.${method}`);
      if (object.name === 'JSON' || object.name === 'Object' && method === 'assign') {
        const args = node.arguments.map((argument) => this.expression(argument));
        if (method === 'parse') return this.parsedRecord(args, node);
        if (method !== 'assign') return deep(args.flat());
        // A target the graph has no node for (`Object.assign(lib.deepClone(config), options, { url })`) still gets the sources' fields.
        const targets = args[0]?.some((ref) => !ref.shallow) ? args[0] : [{ key: this.temp(node, '#assign') }];
        node.arguments.forEach((source, index) => {
          if (index === 0 || source.type !== 'ObjectExpression') return;
          for (const property of source.properties) {
            const name = property.type === 'Property' ? propertyName(property) : undefined;
            if (name === undefined) continue;
            const value = (args[index] ?? []).flatMap((ref) => (ref.shallow ? [] : [fieldKey(ref.key, name)].filter((key): key is string => key !== undefined)));
            for (const written of this.thisWrite(targets, name, property)) this.copy(value.map((key) => ({ key })), written);
          }
        });
        for (const source of args.slice(1)) for (const target of targets) if (!target.shallow) this.copy(source, target.key);
        return targets;
      }
      if (object.name === 'Promise' && (method === 'resolve' || method === 'all' || method === 'race' || method === 'allSettled' || method === 'any')) {
        return node.arguments.flatMap((argument) => this.expression(argument));
      }
    }
    if (object.type === 'ThisExpression' || object.type === 'Identifier' || object.type === 'MemberExpression') {
      // A class page compiled from Taro 1 or 2 keeps its state as the page's data: `this.setState({ url })` feeds `{{url}}`.
      if ((method === 'setData' || (method === 'setState' && this.classPage !== undefined)) && node.arguments[0]?.type === 'ObjectExpression') {
        const base = this.expression(object as TSESTree.Expression);
        this.setData(base, node.arguments[0]);
        for (const argument of node.arguments.slice(1)) this.expression(argument);
        return [];
      }
      if (method === 'triggerEvent' && object.type === 'ThisExpression') {
        const event = node.arguments[0] ? staticString(this, node.arguments[0]) : undefined;
        const detail = node.arguments[1] ? this.expression(node.arguments[1]) : [];
        if (event) this.copy(detail, this.node(`e:${this.fileId}:${keyText(event.toLowerCase())}`, node, `event "${event}"`));
        return [];
      }
    }
    if ((method === 'emit' || method === 'on' || method === 'once') && this.isChannelReceiver(callee.object as TSESTree.Node)) {
      this.expression(callee.object as TSESTree.Expression);
      const event = node.arguments[0] ? staticString(this, node.arguments[0]) : undefined;
      const channel = event === undefined ? undefined : this.node(`c:${keyText(event)}`, node, `event channel "${event}"`);
      const payload = node.arguments.slice(1).map((argument) => this.expression(argument));
      if (!channel) return [];
      if (method === 'emit') for (const value of payload) this.copy(value, channel);
      else for (const listener of payload) this.invoke(listener, [[{ key: channel }]], node);
      return [];
    }
    const receiver = () => this.expression(callee.object as TSESTree.Expression);
    if ((method === 'call' || method === 'apply') && callee.object.type !== 'Super') return this.callOrApply(method, callee.object as TSESTree.Expression, node);
    // `this.save.bind(this)`: the same function (its bound `this` aside).
    if (method === 'bind' && callee.object.type !== 'Super') {
      for (const argument of node.arguments) this.expression(argument);
      return receiver().filter((ref) => !ref.shallow);
    }
    if (method === 'push' || method === 'unshift') {
      const target = receiver();
      const values = node.arguments.map((argument) => this.expression(argument));
      for (const ref of target) if (!ref.shallow) for (const value of values) this.copy(value, fieldKey(ref.key, '[]') ?? ref.key);
      return [];
    }
    if (ARRAY_CALLBACKS.has(method) && node.arguments[0]) {
      // `ALLOWED.some((id) => id === referrerInfo.appId)` checks an app id like `includes` does.
      if (INERT_METHODS.has(method)) this.guardTest(node);
      const elements = this.elementsOf(receiver());
      if ('params' in node.arguments[0]) this.noteKeyIteration(node.arguments[0].params[0], callee.object, false);
      const callback = this.expression(node.arguments[0]);
      const result = this.invoke(callback, [elements], node);
      if (method === 'map' || method === 'flatMap') {
        const array = this.temp(node, '#map');
        this.copy(result, fieldKey(array, '[]')!);
        return [{ key: array }];
      }
      return method === 'filter' ? elements.map((ref) => (ref.key.endsWith('.[]') ? { key: ref.key.slice(0, -3) } : ref)) : method === 'find' || method === 'findLast' ? elements : [];
    }
    if (method === 'reduce' && node.arguments[0]) {
      const elements = this.elementsOf(receiver());
      const initial = node.arguments[1] ? this.expression(node.arguments[1]) : [];
      return this.invoke(this.expression(node.arguments[0]), [initial, elements], node);
    }
    if (PROMISE_CALLBACKS.has(method)) {
      const value = [...receiver(), ...this.chainStart(callee.object as TSESTree.Node)];
      const results = node.arguments.map((argument) => this.invoke(this.expression(argument), [method === 'then' ? value : []], node));
      // A fulfilled promise passes its value through `catch` and `finally`, and through `then` with no fulfilment callback.
      if (method === 'finally') return value;
      return method === 'catch' || !isFunctionValue(node.arguments[0]) ? [...value, ...results.flat()] : results.flat();
    }
    return undefined;
  }

  /** `res.eventChannel`, `this.getOpenerEventChannel()`, or a const bound to one of these. */
  protected isChannelReceiver(node: TSESTree.Node): boolean {
    if (isChannel(this.options.text.slice(node.range[0], node.range[1]))) return true;
    const definition = node.type === 'Identifier' ? this.variables.get(node)?.defs[0] : undefined;
    return definition?.type === 'Variable' && !!definition.node.init && isChannel(this.options.text.slice(definition.node.init.range[0], definition.node.init.range[1]));
  }

  /**
   * `promisify(wx.getLocation)`: a source API handed on as a value is a function whose options'
   * `success` gets the value, and whose result is the value; calls reach it through the graph.
   */
  protected apiValue(namespace: string, method: string, node: TSESTree.MemberExpression): Ref[] {
    const label = own(this.options.catalog.sourceApis, method);
    if (!label) return [];
    const fn = this.node(this.functionKey(node), node, `${namespace}.${method}`);
    this.fragment.functions.add(fn);
    const source = this.source(label, `from ${namespace}.${method}`, node, undefined, method);
    this.copy([source], `${fn}#r`);
    for (const callback of ['success', 'complete']) this.fragment.calls.push({ callees: [`${fn}#p0.${callback}`], args: [[source]], result: `${fn}#${callback}` });
    return [{ key: fn }];
  }

  /** `f.call(ctx, a, b)` and `f.apply(ctx, args)`: a call of f with `ctx` as `this`. */
  protected callOrApply(method: 'call' | 'apply', target: TSESTree.Expression, node: TSESTree.CallExpression): Ref[] {
    const [context, ...rest] = node.arguments.map((argument) => this.expression(argument));
    const args = method === 'call' ? rest : Array.from({ length: SPREAD_ARGUMENTS }, () => this.elementsOf(rest[0] ?? []));
    const inner = unwrapTypeScript(target) as TSESTree.Node;
    if (inner.type === 'MemberExpression' && this.isLogWrite(inner)) {
      this.fragment.sinks.push({
        kind: 'log',
        api: compact(this.options.text.slice(inner.range[0], inner.range[1])),
        inputs: sinkInputs(args.flat()),
        location: this.location(node),
        ...(this.options.thirdParty && { thirdParty: true }),
        ...(this.context.fn && { owner: this.context.fn }),
      });
      return [];
    }
    return this.invoke(this.expression(target).filter((ref) => !ref.shallow), args, node, context, false, false, method === 'call');
  }

  /** `console.log`, or a method of a log manager held in a variable (`const log = wx.getRealtimeLogManager()`). */
  protected isLogWrite(member: TSESTree.MemberExpression): boolean {
    const object = member.object;
    if (object.type !== 'Identifier') return false;
    const method = memberName(member);
    if (!method || !CONSOLE_METHODS.has(method)) return false;
    if (object.name === 'console' && !this.variables.has(object)) return true;
    const definition = this.variables.get(object)?.defs[0];
    const init = definition?.type === 'Variable' ? definition.node.init : undefined;
    if (init?.type !== 'CallExpression' || init.callee.type !== 'MemberExpression') return false;
    const api = memberName(init.callee);
    return !!api && this.options.catalog.logManagerApis.includes(api) && init.callee.object.type === 'Identifier' && this.namespaceAlias(init.callee.object) !== undefined;
  }

  /** `this.setData({ 'a.b': v, list: xs })` writes `data.a.b` and `data.list` of the instance. */
  protected setData(base: readonly Ref[], data: TSESTree.ObjectExpression): void {
    for (const property of data.properties) {
      if (property.type !== 'Property') {
        this.expression(property.argument);
        continue;
      }
      const value = this.expression(property.value as TSESTree.Expression);
      const name = propertyName(property);
      if (!name) continue;
      for (const ref of base) {
        if (ref.shallow) continue;
        let key: string | undefined = fieldKey(ref.key, 'data');
        for (const part of name.replace(/\[\d+\]/g, '.[]').split('.').filter(Boolean)) key = key && fieldKey(key, part);
        if (key) this.copy(value, this.node(key, property));
      }
    }
  }

  /** A call whose arguments all leave the app: tracking SDKs, log managers, console. */
  sinkCall(node: TSESTree.CallExpression, kind: 'tracker' | 'log', api?: string): Ref[] {
    const inputs = sinkInputs(node.arguments.flatMap((argument) => this.expression(argument)));
    if (!api) this.expression(node.callee);
    const calleeText = api ?? compact(this.options.text.slice(node.callee.range[0], node.callee.range[1])).replace(/\.(?:apply|call)$/, '');
    this.fragment.sinks.push({
      kind,
      api: calleeText,
      inputs,
      location: this.location(node),
      valueNames: node.arguments.flatMap((argument) => valueNames(argument)),
      ...(this.options.thirdParty && { thirdParty: true }),
      ...(this.context.fn && { owner: this.context.fn }),
    });
    return [];
  }

  /** `sa.track('buy', …)` on a receiver that is not known here to be an SDK: the flow tells whether an SDK handle reaches it. */
  protected sdkCall(node: TSESTree.CallExpression, method: string, receiver: readonly Ref[]): void {
    // A field read also carries its object's own value (`sa.store` is shallowly `sa`): only the receiver itself counts here.
    const inputs = receiver.filter((ref) => !ref.shallow).map((ref) => ({ key: ref.key }));
    if (inputs.length === 0) return;
    this.fragment.sinks.push({
      kind: 'sdk-call',
      api: compact(this.options.text.slice(node.callee.range[0], node.callee.range[1])),
      inputs,
      method,
      literals: (argumentFacts(node.arguments) ?? []).map((fact) => fact?.text ?? null),
      location: this.location(node),
      ...(this.options.thirdParty && { thirdParty: true }),
      ...(this.context.fn && { owner: this.context.fn }),
    });
  }

  protected newExpression(node: TSESTree.NewExpression): Ref[] {
    const callee = node.callee;
    const executor = node.arguments[0];
    if (callee.type === 'Identifier' && callee.name === 'Promise' && executor && (executor.type === 'FunctionExpression' || executor.type === 'ArrowFunctionExpression')) {
      const fn = this.function(executor, this.context.this);
      // resolve(x) calls parameter 0: its call node's argument is the promise's value.
      const resolved = this.temp(node, '#resolved');
      this.fragment.functions.add(`${resolved}!`);
      this.copy([{ key: `${resolved}!` }], `${fn}#p0`);
      this.copy([{ key: `${resolved}!#p0` }], resolved);
      return [{ key: resolved }];
    }
    const args = node.arguments.map((argument) => this.expression(argument));
    // `new BigNumber(price)`: a number made of its argument, not an instance of the library's (minified) class.
    if (isNumberLibrary(callee)) return deep(args.flat());
    const classes = this.expression(callee);
    if (callee.type === 'Identifier' && !this.variables.has(callee)) return deep(args.flat());
    // `new C(a)`: the instance is C's prototype; its constructor gets the arguments.
    const instance = this.field(classes, 'prototype', node, false).filter((ref) => !ref.shallow);
    // A constructor the graph cannot find (a library class) passes its arguments to the object it makes.
    const made = this.invoke(this.field(instance, 'constructor', node, false).filter((ref) => !ref.shallow), args, node, instance);
    // An SDK's class makes an SDK handle (`new GravityEngine(config)`): the instance keeps the class's own labels.
    return [...instance, ...made, ...classes.map((ref) => ({ key: ref.key, shallow: true }))];
  }
}

export { optionValue };
export { deep, valueNames } from './extract-syntax.js';
