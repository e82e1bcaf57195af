import type { TSESTree } from '@typescript-eslint/types';
import { namesATrackerHandle } from '../platforms/tracker-words.js';
import { moduleBasename, type TrackerIndex } from '../platforms/trackers.js';
import type { Node } from './traverse.js';
import { isGetAppCall, memberChain, propertyKey, unwrap, type Range } from './tracker-syntax.js';
import type { TrackerValues } from './tracker-values.js';

/**
 * Calls on a tracker the App instance carries under a name the catalogue does not know:
 * `getApp().Tracker.click('…')`, `this.Tracker.err(…)` in app.js, `const { Tracker } = getApp()`.
 * A tracking package loaded for its side effects puts such a handle there. Whether the app loads
 * one, and whether the app sets the property itself, is known only once every file is read; the
 * tracking rules decide then (attached-tracker-calls.ts).
 */
export interface AttachedCall {
  /** The App property: `Tracker`. */
  property: string;
  /** The method path below it: `click`, `App.config`. */
  method: string;
  /** The call as written, for messages. */
  callee: string;
  role: 'init' | 'identify' | 'event';
  event?: string;
  /** The first argument is there but not a constant string: an event named at run time. */
  eventComputed?: true;
  range: Range;
  /** Reached as `this.Tracker` in a file named `app`: the App's own only if that file is the app's entry (the project check knows). */
  viaThis?: true;
  /** Not an App property: the binding this file imports from the package (`import Tracker from '…'`), by its specifier. */
  imported?: string;
}

/** What the walk knows about App references in one file. */
export interface AppReferences {
  readonly file: { path: string };
  readonly appRefs: ReadonlySet<string>;
  readonly index: TrackerIndex;
}

const IDENTIFY_METHODS = /^(?:identify|login|setUser|setUserId|setUserID|setUid|setOpenid|setOpenId|setUnionid|setUnionId)$/;
const INIT_METHODS = /^(?:init|config|configure|setConfig|setup|start)$/;

/** `getApp()`, a name bound to it, or `this` in a script named `app` (the project check keeps it only in the app's entry). */
export function isAppRoot(root: Node, refs: AppReferences): boolean {
  if (isGetAppCall(root)) return true;
  if (root.type === 'Identifier') return refs.appRefs.has(root.name);
  return root.type === 'ThisExpression' && moduleBasename(refs.file.path) === 'app';
}

/** The tracker-named App property a chain starts with (`app.Tracker`, `app.globalData.tracker`), when the catalogue does not know it. */
export function attachedProperty(root: Node, props: readonly string[], refs: AppReferences): { property: string; rest: readonly string[] } | undefined {
  if (!isAppRoot(root, refs)) return undefined;
  const at = props[0] === 'globalData' ? 1 : 0;
  const property = props[at];
  if (property === undefined || refs.index.attach.has(property) || !namesATrackerHandle(property)) return undefined;
  return { property, rest: props.slice(at + 1) };
}

/** The property a local name holds, for `const tracker = getApp().Tracker` and `const { Tracker } = getApp()`. */
export function attachedBindings(id: Node, init: Node, refs: AppReferences): [local: string, property: string][] {
  const value = unwrap(init);
  // The local's own name must say it too: minified code reuses `e` for anything in the next function.
  if (id.type === 'Identifier') {
    // `let Tracker = app.Tracker || $global.Tracker`: the App's handle, or a fallback.
    const chain = memberChain(value.type === 'LogicalExpression' && value.operator !== '&&' ? unwrap(value.left) : value);
    const attached = chain && namesATrackerHandle(id.name) ? attachedProperty(chain.root, chain.props, refs) : undefined;
    return attached && attached.rest.length === 0 ? [[id.name, attached.property]] : [];
  }
  if (id.type !== 'ObjectPattern' || !isAppRoot(value, refs)) return [];
  const bound: [string, string][] = [];
  for (const property of id.properties) {
    if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
    const key = propertyKey(property);
    if (key !== undefined && !refs.index.attach.has(key) && namesATrackerHandle(key) && namesATrackerHandle(property.value.name)) bound.push([property.value.name, key]);
  }
  return bound;
}

/** Methods every array or object has: data handled, not a tracker's method. */
const BUILT_IN_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'slice', 'concat', 'join', 'map', 'filter', 'forEach', 'find', 'findIndex', 'some', 'every', 'reduce', 'includes', 'indexOf', 'sort', 'reverse', 'keys', 'values', 'entries', 'hasOwnProperty', 'toString', 'valueOf', 'call', 'apply', 'bind', 'then', 'catch', 'finally']);

export function attachedCall(property: string, methodPath: readonly string[], args: readonly Node[], node: Node, callee: string, values: TrackerValues, viaThis: boolean): AttachedCall | undefined {
  // `Tracker.click(…)`, `Tracker.App.config(…)`: a method of the tracker or of one of its parts.
  if (methodPath.length === 0 || methodPath.length > 2) return undefined;
  const last = methodPath[methodPath.length - 1]!;
  if (BUILT_IN_METHODS.has(last)) return undefined;
  const role = IDENTIFY_METHODS.test(last) ? 'identify' : INIT_METHODS.test(last) ? 'init' : 'event';
  const event = role === 'event' ? values.staticString(args[0]) : undefined;
  const computed = role === 'event' && event === undefined && args.length > 0;
  return { property, method: methodPath.join('.'), callee, role, ...(event !== undefined && { event }), ...(computed && { eventComputed: true as const }), range: node.range, ...(viaThis && { viaThis: true as const }) };
}

/**
 * The tracker-named App properties this file sets: `App({ tracker: … })`, `getApp().tracker = …`,
 * `this.tracker = …` in app.js. A property the app sets is its own object, not one a package attached.
 */
export function appPropertiesSet(calls: readonly { node: Node }[], writes: readonly TSESTree.MemberExpression[], refs: AppReferences): string[] {
  const set: string[] = [];
  for (const { node: call } of calls) {
    if (call.type !== 'CallExpression') continue;
    const callee = unwrap(call.callee);
    const options = call.arguments[0] && unwrap(call.arguments[0]);
    if (callee.type !== 'Identifier' || callee.name !== 'App' || options?.type !== 'ObjectExpression') continue;
    for (const entry of options.properties) {
      const key = entry.type === 'Property' ? propertyKey(entry) : undefined;
      if (key !== undefined && namesATrackerHandle(key)) set.push(key);
      // `App({ globalData: { tracker: … } })`
      const nested = key === 'globalData' && entry.type === 'Property' ? unwrap(entry.value) : undefined;
      if (nested?.type !== 'ObjectExpression') continue;
      for (const inner of nested.properties) {
        const name = inner.type === 'Property' ? propertyKey(inner) : undefined;
        if (name !== undefined && namesATrackerHandle(name)) set.push(name);
      }
    }
  }
  for (const write of writes) {
    const chain = memberChain(write);
    const attached = chain ? attachedProperty(chain.root, chain.props, refs) : undefined;
    if (attached && attached.rest.length === 0) set.push(attached.property);
  }
  return set;
}
