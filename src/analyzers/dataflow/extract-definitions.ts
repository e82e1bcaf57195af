import type { TSESTree } from '@typescript-eslint/types';
import { unwrapTypeScript } from '../api-calls.js';
import type { Node } from '../traverse.js';
import { fieldKey, keyText } from './fragment.js';
import { pageRoute } from './extract-options.js';
import { propertyName, type FunctionNode } from './extract-syntax.js';
import { COMPONENT_GROUPS } from './extract-base.js';
import { ExpressionExtractor } from './extract-expressions.js';
import { classMethodDescriptor } from './compiled-class-pages.js';
import { isScriptSetup, setupRenderFunctions } from './composition-hooks.js';
import { ENTRY_FIELDS } from '../../platforms/lifecycle.js';
import { linkWebpackModules } from './webpack-modules.js';

/**
 * Object literals and what they define: Page, Component and App options, Vue components and their
 * `setup()`, compiled class pages, and the lifecycle handlers the runtime hands launch options,
 * referrer data and page queries.
 */
export abstract class DefinitionExtractor extends ExpressionExtractor {
  /** The parameters the file's webpack chunk modules require each other with (webpack-modules.ts). */
  private webpackRequires = new Set<TSESTree.Identifier>();

  protected override linkWebpack(): void {
    this.webpackRequires = linkWebpackModules(this, this.program);
  }

  protected readonly isWebpackRequire = (callee: TSESTree.Node): boolean => {
    if (callee.type !== 'Identifier' || this.webpackRequires.size === 0) return false;
    const name = this.variables.get(callee)?.defs[0]?.name;
    return name?.type === 'Identifier' && this.webpackRequires.has(name);
  };

  protected override object(node: TSESTree.ObjectExpression, thisKey?: string): string {
    const key = this.temp(node);
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        this.copy(this.expression(property.argument), key);
        continue;
      }
      const name = propertyName(property);
      const value = property.value;
      if (name === 'setup' && value.type === 'FunctionExpression') this.setupDepth++;
      const failure = name === 'fail' && (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression');
      if (failure) this.failDepth++;
      const refs = thisKey && (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression')
        ? [{ key: this.function(value, thisKey) }]
        : value.type === 'FunctionExpression'
          ? [{ key: this.method(value, key) }]
          : this.expression(value as TSESTree.Expression);
      if (failure) this.failDepth--;
      if (name === undefined) continue;
      if (name === 'setup' && value.type === 'FunctionExpression') this.setupRendered(value, isScriptSetup(node));
      const target = fieldKey(key, name);
      if (target) this.copy(refs, this.node(target, property));
    }
    if (this.classPage) this.classMethod(node);
    return key;
  }

  /** Inside a Vue 3 `setup()` (composition-hooks.ts): how many deep. */
  protected setupDepth = 0;

  /**
   * Leaving `setup()`: what its render function returns is what the compiled template binds. The
   * `setup()` of a compiled `<script setup>` runs when the component is created, with no user action.
   */
  private setupRendered(setup: TSESTree.FunctionExpression, scriptSetup: boolean): void {
    this.setupDepth--;
    for (const render of setupRenderFunctions(setup)) this.copy([{ key: `${this.functionKey(render)}#r` }], this.node(`${this.instance}.data`, render));
    if (scriptSetup) this.copy([{ key: this.functionKey(setup) }], this.node(`${this.instance}.${ENTRY_FIELDS['Component.setup']}`, setup));
  }

  /** `onLoad((query) => …)` in `setup()`: the page's own `onLoad`, handed the page's query. */
  protected registerCompositionHook(name: string, fn: FunctionNode): void {
    if (fn.type !== 'FunctionDeclaration') this.instanceHandler('Vue', name, fn, fn);
  }

  /** In a compiled class page, `{ key: 'onLoad', value: function onLoad(options) {…} }` is the page's method, lifecycle handlers included. */
  private classMethod(node: TSESTree.ObjectExpression): void {
    const descriptor = classMethodDescriptor(node);
    if (descriptor) this.instanceHandler(this.classPage!, descriptor.name, descriptor.fn, node);
  }

  /** `fn`, written outside the page's options, is its handler `name`: a lifecycle one is handed what the runtime hands it. */
  private instanceHandler(kind: string, name: string, fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression, at: Node): void {
    if (kind === 'Page' || kind === 'Vue') this.fragment.pages.add(this.instance);
    this.lifecycle(kind, name, fn);
    const target = fieldKey(this.instance, name);
    if (target) this.copy([{ key: this.functionKey(fn) }], this.node(target, at));
  }

  /**
   * A method written in an object literal: its `this` is whatever it is called on (bound at each
   * call, as for any function), and also the object itself, so `utils.request()`'s
   * `this.base()` is followed even where nothing calls the method.
   */
  private method(value: TSESTree.FunctionExpression, object: string): string {
    const fn = this.function(value, object);
    // What a call binds as `this` (`h.save.call(page)`) reaches the object: copied into it, not the
    // object into a `this` per method, which would copy every field of a large object into each of
    // its methods.
    const bound = this.node(`${fn}#this`, value, 'this');
    this.copy([{ key: bound }], object);
    return fn;
  }

  /**
   * A Vue component's options, as uni-app, mpvue and Taro-Vue builds ship them (`{ data() {…},
   * onLoad(query) {…}, methods: {…} }`): the file's instance, like a Page's, with `methods` merged in,
   * and its fields seen as its `data`, which the page's template binds (`this.webUrl` is `{{webUrl}}`).
   * A bundle with several such objects in one file merges them, which over-approximates.
   */
  protected override vueComponent(options: TSESTree.ObjectExpression): string {
    const instance = this.instance;
    this.definition('Vue', options);
    this.copy([{ key: instance }], `${instance}.data`);
    return instance;
  }

  /** `Page({...})`, `Component({...})`, `App({...})`, a Vue component's options: methods get the instance as `this`. */
  protected definition(kind: string, options: TSESTree.ObjectExpression): void {
    const instance = kind === 'App' ? 'app' : this.instance;
    this.node(instance, options, kind === 'App' ? 'getApp()' : 'this');
    const hasOnLoad = options.properties.some((property) => property.type === 'Property' && propertyName(property) === 'onLoad');
    if (kind === 'Page' || (kind === 'Vue' && hasOnLoad)) this.fragment.pages.add(instance);
    for (const property of options.properties) {
      if (property.type !== 'Property') {
        this.copy(this.expression(property.argument), instance);
        continue;
      }
      const name = propertyName(property);
      const value = property.value;
      if (name === 'behaviors' || name === 'mixins') {
        for (const behavior of this.elementsOf(this.expression(value as TSESTree.Expression))) if (!behavior.shallow) this.copy([behavior], instance);
        continue;
      }
      if (name && COMPONENT_GROUPS.has(name) && value.type === 'ObjectExpression' && kind !== 'Page') {
        this.copy([{ key: this.object(value, instance) }], instance);
        continue;
      }
      // `methods: _objectSpread({}, mapMutations([…]), { getSite() {…} })`: Babel's object spread of Vuex's helpers.
      if (name && COMPONENT_GROUPS.has(name) && value.type === 'CallExpression' && kind !== 'Page') {
        for (const part of spreadParts(value)) this.copy(part.type === 'ObjectExpression' ? [{ key: this.object(part, instance) }] : this.expression(part), instance);
        continue;
      }
      const isFunction = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression';
      if (isFunction && name) this.lifecycle(kind, name, value);
      const refs = isFunction
        ? [{ key: this.function(value, instance) }]
        : value.type === 'ObjectExpression' && name === 'properties'
          ? (this.expression(value), [])
          : this.expression(value as TSESTree.Expression);
      if (name) this.copy(refs, this.node(`${instance}.${name}`, property));
    }
    // A page with no `onLoad` still has its query as `this.options`.
    if (kind === 'Page' && !hasOnLoad) this.instanceOptions(this.pageQuery(`${instance}#query`, options), options);
  }

  /** `Page(Object.assign({}, mixin, {...}))`: literal parts are definitions, the rest is merged into the instance. */
  protected definitionArgument(kind: string, raw: TSESTree.Node): void {
    const node = unwrapTypeScript(raw as Node) as TSESTree.Node;
    if (node.type === 'ObjectExpression') {
      this.definition(kind, node);
      return;
    }
    const callee = node.type === 'CallExpression' ? node.callee : undefined;
    if (node.type === 'CallExpression' && callee?.type === 'MemberExpression' && this.options.text.slice(callee.range[0], callee.range[1]).replace(/\s+/g, '') === 'Object.assign') {
      for (const argument of node.arguments) this.definitionArgument(kind, argument);
      return;
    }
    this.copy(this.expression(node), kind === 'App' ? 'app' : this.instance);
  }

  /**
   * What the runtime hands lifecycle methods: App.onLaunch/onShow get the launch options, whose
   * referrerInfo.extraData comes from another mini-app; Page.onLoad gets the page's query.
   */
  protected lifecycle(kind: string, name: string, fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
    const key = this.functionKey(fn);
    const param = fn.params[0];
    if (!param) {
      if (kind === 'Page' && name === 'onLoad') this.instanceOptions(this.pageQuery(`${key}#p0`, fn), fn);
      return;
    }
    if (kind === 'App' && (name === 'onLaunch' || name === 'onShow')) {
      const referrer = this.source('referrer', `referrerInfo.extraData of App.${name}`, param);
      this.copy([referrer], this.node(`${key}#p0.referrerInfo.extraData`, param));
      this.copy([this.source('launch-query', `the launch query of App.${name}`, param)], this.node(`${key}#p0.query`, param));
    } else if ((kind === 'Page' || kind === 'Vue') && name === 'onLoad') {
      const query = this.pageQuery(`${key}#p0`, param);
      if (kind === 'Page') this.instanceOptions(query, param);
    }
  }

  /** The page's query at `queryKey` (what `onLoad` receives), with its source. */
  private pageQuery(queryKey: string, at: TSESTree.Node): string {
    const page = pageRoute(this.options.file, this.options.appRoot);
    const query = this.node(queryKey, at);
    this.copy([{ key: this.node(`q:${keyText(page)}`, at, `query of ${page}`) }], query);
    this.copy([this.source('page-query', `the query of page ${page}`, at, undefined, undefined, page)], query);
    return query;
  }

  /** The page instance keeps its query as `this.options` (WeChat, and the platforms that follow it), read in any of its methods. */
  private instanceOptions(query: string, at: TSESTree.Node): void {
    this.copy([{ key: query }], this.node(`${this.instance}.options`, at));
  }
}

/** How deep nested spread helpers are followed (`r(r({}, a), {}, { … })`). */
const MAX_SPREAD_DEPTH = 8;

/**
 * The parts an object spread compiles to: the arguments of `_objectSpread(…)`, `Object.assign(…)` or
 * a minified helper (`r(r({}, Object(o.mapMutations)([…])), {}, { … })`), nested calls opened; the
 * call's callee is not a part.
 */
function spreadParts(call: TSESTree.CallExpression, depth = 0): TSESTree.Node[] {
  return call.arguments.flatMap((argument): TSESTree.Node[] => {
    const node = unwrapTypeScript(argument as Node) as TSESTree.Node;
    if (node.type === 'SpreadElement') return [node.argument];
    if (node.type === 'CallExpression' && depth < MAX_SPREAD_DEPTH && node.arguments.some((inner) => inner.type === 'ObjectExpression')) return spreadParts(node, depth + 1);
    return [node];
  });
}
