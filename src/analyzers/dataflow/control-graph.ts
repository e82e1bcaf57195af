import type { SourceLocation } from '../../types.js';
import { ENTRY_FIELDS, LIFECYCLE_ENTRIES } from '../../platforms/lifecycle.js';
import { nodeLocation, type CallSite, type ControlCall, type NodeInfo } from './fragment.js';

/**
 * What runs what: the call graph the value-flow graph already resolved, seen as control. A
 * function's successors are the functions it calls and the callbacks it hands to calls (a literal
 * written as an argument or an option, `this.onResult` passed along). The lifecycle handlers the
 * runtime calls without any user action (platforms/lifecycle.ts) are the entries.
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
  /** `without`: leave out the calls made only where that permission is granted (`if (auth['scope.userLocation']) this.locate()`). */
  successors(fn: string, without?: string): Iterable<string>;
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
  /** Used while building only: the graph is not kept. Answers are memoised by the graph. */
  functionsReaching(key: string): readonly string[];
  functionInfo: ReadonlyMap<string, NodeInfo>;
}

/** `i:3.onData`, `app.login`: a method of an instance handed on as a callback. */
const INSTANCE_FIELD = /^(?:i:[^.]+|app)\.[^.]+$/;

export function buildControlGraph(input: ControlInput): ControlGraph {
  const reaching = input.functionsReaching;
  const edges = new Map<string, Set<string>>();
  // Edge → the permissions every call behind it is made with granted; an edge with none is not listed.
  const guarded = new Map<string, readonly string[]>();
  const add = (from: string, to: string, granted?: readonly string[]): void => {
    if (from === to) return;
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    const key = `${from}\0${to}`;
    const before = set.has(to) ? guarded.get(key) ?? [] : granted ?? [];
    const common = (granted ?? []).filter((scope) => before.includes(scope));
    if (common.length > 0) guarded.set(key, common);
    else guarded.delete(key);
    set.add(to);
  };
  input.calls.forEach((call, index) => {
    if (call.owner === undefined) return;
    // `callback()` inside a helper runs what each caller passed: that is the caller's edge (below), not every caller's.
    if (!call.viaParameter) for (const fn of input.callees.get(index) ?? []) add(call.owner, fn, call.granted);
    for (const ref of call.args.flat()) if (INSTANCE_FIELD.test(ref.key)) for (const fn of reaching(ref.key)) add(call.owner!, fn);
  });
  // A callback literal runs when the call it is handed to does; a literal stored for later runs where it is called.
  for (const [child, parent] of input.parents) if (input.handedToCalls.has(child)) add(parent, child);
  const resolve = (keys: string[]): string[] => [...new Set(keys.flatMap(reaching))];
  const calls = input.controlCalls.map((call) => ({
    ...call,
    callbacks: { success: resolve(call.callbacks.success), fail: resolve(call.callbacks.fail), complete: resolve(call.callbacks.complete) },
  }));
  const entries: LifecycleEntry[] = [];
  const addEntries = (instance: string, names: readonly string[]): void => {
    for (const name of names) for (const fn of reaching(`${instance}.${ENTRY_FIELDS[name] ?? name.slice(name.indexOf('.') + 1)}`)) entries.push({ fn, name });
  };
  addEntries('app', LIFECYCLE_ENTRIES.app);
  for (const instance of input.instances) addEntries(instance, LIFECYCLE_ENTRIES.instance);
  return controlGraph(edges, guarded, entries, calls, input.functionInfo);
}

/** The graph as rules read it: it holds only what it answers with, not the value-flow graph it was built from. */
function controlGraph(
  edges: ReadonlyMap<string, ReadonlySet<string>>,
  guarded: ReadonlyMap<string, readonly string[]>,
  entries: LifecycleEntry[],
  calls: ResolvedControlCall[],
  functionInfo: ReadonlyMap<string, NodeInfo>,
): ControlGraph {
  const none: ReadonlySet<string> = new Set();
  return {
    entries,
    calls,
    successors: (fn, without) => {
      const next = edges.get(fn) ?? none;
      if (without === undefined || guarded.size === 0) return next;
      return [...next].filter((to) => !guarded.get(`${fn}\0${to}`)?.includes(without));
    },
    location: (fn) => {
      const info = functionInfo.get(fn);
      return info && nodeLocation(info);
    },
  };
}

/**
 * Functions reachable from `roots`, each with the function it was reached from (undefined for a
 * root), breadth first so paths are shortest. `blocked` functions are neither entered nor passed;
 * `without`: calls made only where that permission is granted are not followed.
 */
export function reachFrom(graph: ControlGraph, roots: readonly string[], blocked: ReadonlySet<string>, without?: string): Map<string, string | undefined> {
  const reached = new Map<string, string | undefined>();
  const queue: string[] = [];
  for (const root of roots) {
    if (blocked.has(root) || reached.has(root)) continue;
    reached.set(root, undefined);
    queue.push(root);
  }
  for (let index = 0; index < queue.length; index++) {
    const fn = queue[index]!;
    for (const next of graph.successors(fn, without)) {
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
