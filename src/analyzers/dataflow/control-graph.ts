import type { SourceLocation } from '../../types.js';
import { nodeLocation, type CallSite, type ControlCall, type NodeInfo } from './fragment.js';

/**
 * What runs what: the call graph the value-flow graph already resolved, seen as control. A
 * function's successors are the functions it calls, the functions it hands to others as callbacks
 * (a literal nested in it, `this.onResult` passed along) and the functions nested in it. The
 * lifecycle handlers the runtime calls without any user action are the entries.
 */
export interface LifecycleEntry {
  fn: string;
  /** `App.onLaunch`, `Page.onLoad`, `Component.attached`. */
  name: string;
}

export type ResolvedControlCall = Omit<ControlCall, 'callbacks'> & { callbacks: { success: string[]; fail: string[]; complete: string[] } };

export interface ControlGraph {
  entries: readonly LifecycleEntry[];
  calls: readonly ResolvedControlCall[];
  successors(fn: string): readonly string[];
  /** Where a function is written. */
  location(fn: string): SourceLocation | undefined;
}

export interface ControlInput {
  calls: readonly CallSite[];
  /** Call index → the functions its callee resolved to. */
  callees: ReadonlyMap<number, readonly string[]>;
  parents: ReadonlyMap<string, string>;
  handedToCalls: ReadonlySet<string>;
  controlCalls: readonly ControlCall[];
  /** `i:<file>` of every Page and Component. */
  instances: readonly string[];
  /** Used while building only: the graph is not kept. */
  functionsReaching(key: string): string[];
  functionInfo: ReadonlyMap<string, NodeInfo>;
}

/** Handlers the runtime calls by itself: the App's, and a page's or component's (a page built with Component has a page's). */
const APP_ENTRIES = ['App.onLaunch', 'App.onShow'];
const INSTANCE_ENTRIES = ['Page.onLoad', 'Page.onShow', 'Page.onReady', 'Component.attached', 'Component.ready'];

/** `i:3.onData`, `app.login`: a method of an instance handed on as a callback. */
const INSTANCE_FIELD = /^(?:i:[^.]+|app)\.[^.]+$/;

export function buildControlGraph(input: ControlInput): ControlGraph {
  const edges = new Map<string, Set<string>>();
  const add = (from: string, to: string): void => {
    if (from === to) return;
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    set.add(to);
  };
  input.calls.forEach((call, index) => {
    if (call.owner === undefined) return;
    // `callback()` inside a helper runs what each caller passed: that is the caller's edge (below), not every caller's.
    if (!call.viaParameter) for (const fn of input.callees.get(index) ?? []) add(call.owner, fn);
    for (const ref of call.args.flat()) if (INSTANCE_FIELD.test(ref.key)) for (const fn of input.functionsReaching(ref.key)) add(call.owner!, fn);
  });
  // A callback literal runs when the call it is handed to does; a literal stored for later runs where it is called.
  for (const [child, parent] of input.parents) if (input.handedToCalls.has(child)) add(parent, child);
  const resolve = (keys: string[]): string[] => [...new Set(keys.flatMap((key) => input.functionsReaching(key)))];
  const calls = input.controlCalls.map((call) => ({
    ...call,
    callbacks: { success: resolve(call.callbacks.success), fail: resolve(call.callbacks.fail), complete: resolve(call.callbacks.complete) },
  }));
  const entries: LifecycleEntry[] = [];
  const addEntries = (instance: string, names: readonly string[]): void => {
    for (const name of names) for (const fn of input.functionsReaching(`${instance}.${name.slice(name.indexOf('.') + 1)}`)) entries.push({ fn, name });
  };
  addEntries('app', APP_ENTRIES);
  for (const instance of input.instances) addEntries(instance, INSTANCE_ENTRIES);
  const empty: readonly string[] = [];
  return {
    entries,
    calls,
    successors: (fn) => {
      const set = edges.get(fn);
      return set ? [...set] : empty;
    },
    location: (fn) => {
      const info = input.functionInfo.get(fn);
      return info && nodeLocation(info);
    },
  };
}

/**
 * Functions reachable from `roots`, each with the function it was reached from (undefined for a
 * root), breadth first so paths are shortest. `blocked` functions are neither entered nor passed.
 */
export function reachFrom(graph: ControlGraph, roots: readonly string[], blocked: ReadonlySet<string>): Map<string, string | undefined> {
  const reached = new Map<string, string | undefined>();
  const queue: string[] = [];
  for (const root of roots) {
    if (blocked.has(root) || reached.has(root)) continue;
    reached.set(root, undefined);
    queue.push(root);
  }
  for (let index = 0; index < queue.length; index++) {
    const fn = queue[index]!;
    for (const next of graph.successors(fn)) {
      if (reached.has(next) || blocked.has(next)) continue;
      reached.set(next, fn);
      queue.push(next);
    }
  }
  return reached;
}

/** The path from a root to `fn` in a `reachFrom` result, root first. */
export function pathTo(reached: ReadonlyMap<string, string | undefined>, fn: string): string[] {
  const path: string[] = [];
  for (let step: string | undefined = fn; step !== undefined; step = reached.get(step)) path.unshift(step);
  return path;
}
