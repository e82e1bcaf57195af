import type { FlowLabel } from '../../platforms/flows.js';
import type { FlowStep } from '../../types.js';
import { fieldKey, type CallSite, type FlowFragment, type NodeInfo, type SinkRecord, type SourceRecord } from './fragment.js';

/** A value from a source that reaches a sink. */
export interface Flow {
  sink: SinkRecord;
  label: FlowLabel;
  source: SourceRecord;
  /** Source first, sink last. */
  steps: FlowStep[];
  /** A function on the way compares an app id with expected ids. */
  guarded: boolean;
}

export interface FlowStats {
  nodes: number;
  edges: number;
  calls: number;
  /** The graph reached its size bound; some flows may be missing. */
  truncated: boolean;
}

export interface DataFlowResult {
  flows: Flow[];
  sinks: SinkRecord[];
  stats: FlowStats;
}

/** Bounds that keep the graph linear in the code: nodes, backward search for callees, link rounds. */
const MAX_NODES = 3_000_000;
const CALLEE_SEARCH = 2_000;
const MAX_CALLEES = 16;
const LINK_ROUNDS = 4;

/**
 * The project's value-flow graph: fragments joined by key, fields copied along assignments, calls
 * tied to the functions that reach their callee, then labels propagated from the sources, once
 * per label and node (linear in edges × labels). Flow-insensitive and context-insensitive.
 */
export class FlowGraph {
  private readonly info = new Map<string, NodeInfo>();
  private readonly out = new Map<string, string[]>();
  private readonly incoming = new Map<string, string[]>();
  private readonly edgeSet = new Set<string>();
  private readonly children = new Map<string, Set<string>>();
  private readonly copyTargets = new Map<string, string[]>();
  private readonly functions = new Set<string>();
  private readonly parents = new Map<string, string>();
  private readonly guarded = new Set<string>();
  private readonly sources: SourceRecord[] = [];
  private readonly sinks: SinkRecord[] = [];
  private readonly calls: CallSite[] = [];
  private readonly pending: [string, string][] = [];
  private nodeCount = 0;
  private truncated = false;

  add(fragment: FlowFragment): void {
    for (const [key, info] of fragment.nodes) if (!this.info.has(key)) this.info.set(key, info);
    for (const fn of fragment.functions) this.functions.add(fn);
    for (const [fn, parent] of fragment.parents) this.parents.set(fn, parent);
    for (const fn of fragment.guarded) this.guarded.add(fn);
    this.sources.push(...fragment.sources);
    this.sinks.push(...fragment.sinks);
    this.calls.push(...fragment.calls);
    for (const [from, to] of fragment.copies) this.copy(from, to);
  }

  solve(): DataFlowResult {
    this.close();
    const linked = new Set<number>();
    for (let round = 0; round < LINK_ROUNDS; round++) {
      let added = 0;
      this.calls.forEach((call, index) => {
        if (linked.has(index)) return;
        const callees = call.callees.flatMap((callee) => this.functionsReaching(callee));
        if (callees.length === 0) return;
        linked.add(index);
        added++;
        for (const fn of callees) {
          call.args.forEach((arg, position) => arg.forEach((ref) => this.copy(ref.shallow ? `${ref.key}^` : ref.key, `${fn}#p${position}`)));
          for (const ref of call.receiver ?? []) this.copy(ref.shallow ? `${ref.key}^` : ref.key, `${fn}#this`);
          this.copy(`${fn}#r`, call.result);
        }
      });
      this.close();
      if (added === 0) break;
    }
    // A call to nothing the graph knows (a library, a built-in) passes its arguments through.
    this.calls.forEach((call, index) => {
      if (linked.has(index)) return;
      for (const ref of [...call.args.flat(), ...(call.receiver ?? [])]) this.copy(ref.shallow ? `${ref.key}^` : `${ref.key}+`, call.result);
    });
    this.close();
    for (const sink of this.sinks) for (const input of sink.inputs) this.touch(input.shallow ? `${input.key}^` : input.key);
    this.materialiseViews();
    return this.propagate();
  }

  // ------------------------------------------------------------ building

  private readonly known = new Set<string>();

  private touch(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    if (++this.nodeCount > MAX_NODES) this.truncated = true;
    const dot = key.lastIndexOf('.');
    if (dot > 0 && !key.endsWith('+') && !key.endsWith('^')) {
      const parent = key.slice(0, dot);
      this.touch(parent);
      let names = this.children.get(parent);
      if (!names) this.children.set(parent, (names = new Set()));
      names.add(key.slice(dot + 1));
      // A new field of a copied value is a field of every copy.
      for (const target of this.copyTargets.get(parent) ?? []) {
        const field = fieldKey(target, key.slice(dot + 1));
        if (field) this.pending.push([key, field]);
      }
    }
  }

  private edge(from: string, to: string): boolean {
    if (from === to) return false;
    const id = `${from}\u0000${to}`;
    if (this.edgeSet.has(id)) return false;
    this.touch(from);
    this.touch(to);
    this.edgeSet.add(id);
    push(this.out, from, to);
    push(this.incoming, to, from);
    return true;
  }

  /** A structural copy: `to` gets `from`'s value and each of its fields. */
  private copy(from: string, to: string): void {
    if (this.truncated) return;
    if (!this.edge(from, to)) return;
    if (from.endsWith('+') || from.endsWith('^')) return;
    push(this.copyTargets, from, to);
    for (const name of this.children.get(from) ?? []) {
      const target = fieldKey(to, name);
      if (target) this.pending.push([`${from}.${name}`, target]);
    }
  }

  private close(): void {
    while (this.pending.length > 0 && !this.truncated) {
      const [from, to] = this.pending.pop()!;
      this.copy(from, to);
    }
  }

  /** `k^` is k's own value; `k+` is k with all its fields. */
  private materialiseViews(): void {
    for (const key of [...this.known]) {
      if (key.endsWith('^')) this.edge(key.slice(0, -1), key);
      else if (key.endsWith('+')) this.deepen(key.slice(0, -1));
    }
  }

  private deepen(root: string): void {
    const stack = [root];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (!this.edge(key, `${key}+`)) continue;
      for (const name of this.children.get(key) ?? []) {
        const child = `${key}.${name}`;
        this.edge(`${child}+`, `${key}+`);
        stack.push(child);
      }
    }
  }

  /** Function literals whose value reaches `callee` through copies (a bounded backward search). */
  private functionsReaching(callee: string): string[] {
    const found: string[] = [];
    const seen = new Set([callee]);
    const queue = [callee];
    for (let index = 0; index < queue.length && index < CALLEE_SEARCH && found.length < MAX_CALLEES; index++) {
      const key = queue[index]!;
      if (this.functions.has(key)) {
        found.push(key);
        continue;
      }
      for (const from of this.incoming.get(key) ?? []) {
        if (!seen.has(from) && !from.endsWith('+')) {
          seen.add(from);
          queue.push(from);
        }
      }
    }
    return found;
  }

  // ------------------------------------------------------------ propagation

  private propagate(): DataFlowResult {
    // One bit per label, and per name category for values known by name only (kept apart from traced ones).
    const labels: string[] = [];
    const bitOf = (label: string): number => {
      let index = labels.indexOf(label);
      if (index === -1) index = labels.push(label) - 1;
      return index;
    };
    const bits = new Map<string, number>();
    const predecessor = new Map<string, string>();
    const origin = new Map<string, SourceRecord>();
    const queue: string[] = [];
    for (const source of this.sources) {
      const bit = 1 << bitOf(source.named ? `named:${source.named}` : source.label);
      origin.set(source.key, source);
      if (((bits.get(source.key) ?? 0) & bit) === 0) {
        bits.set(source.key, (bits.get(source.key) ?? 0) | bit);
        queue.push(source.key);
      }
    }
    for (let index = 0; index < queue.length; index++) {
      const key = queue[index]!;
      const have = bits.get(key)!;
      for (const next of this.out.get(key) ?? []) {
        const fresh = have & ~(bits.get(next) ?? 0);
        if (fresh === 0) continue;
        bits.set(next, (bits.get(next) ?? 0) | fresh);
        for (let bit = 0; bit < labels.length; bit++) if (fresh & (1 << bit)) predecessor.set(`${next}\u0000${bit}`, key);
        queue.push(next);
      }
    }
    const flows: Flow[] = [];
    for (const sink of this.sinks) {
      const reached = new Map<number, string>();
      for (const input of sink.inputs) {
        const key = input.shallow ? `${input.key}^` : input.key;
        const have = bits.get(key) ?? 0;
        for (let bit = 0; bit < labels.length; bit++) if (have & (1 << bit) && !reached.has(bit)) reached.set(bit, key);
      }
      for (const [bit, key] of reached) {
        const path = this.path(key, bit, predecessor);
        const source = origin.get(path[0]!);
        if (!source) continue;
        flows.push({ sink, label: source.label, source, steps: this.steps(path, source, sink), guarded: this.isGuarded(path, source, sink) });
      }
    }
    return { flows, sinks: this.sinks, stats: { nodes: this.nodeCount, edges: this.edgeSet.size, calls: this.calls.length, truncated: this.truncated } };
  }

  private path(end: string, bit: number, predecessor: ReadonlyMap<string, string>): string[] {
    const path = [end];
    const seen = new Set(path);
    for (let key = predecessor.get(`${end}\u0000${bit}`); key !== undefined && !seen.has(key); key = predecessor.get(`${key}\u0000${bit}`)) {
      seen.add(key);
      path.push(key);
    }
    return path.reverse();
  }

  private steps(path: readonly string[], source: SourceRecord, sink: SinkRecord): FlowStep[] {
    const steps: FlowStep[] = [{ location: source.location, message: source.description }];
    for (const key of path.slice(1)) {
      const info = this.info.get(key.replace(/[+^]$/, ''));
      if (!info || key.startsWith('t:') || key.startsWith('src:')) continue;
      const last = steps[steps.length - 1]!;
      if (last.location.file === info.location.file && last.location.region.startOffset === info.location.region.startOffset) continue;
      steps.push({ location: info.location, message: describe(key, info) });
    }
    steps.push({ location: sink.location, message: `reaches ${sink.api}` });
    return steps;
  }

  private isGuarded(path: readonly string[], source: SourceRecord, sink: SinkRecord): boolean {
    const owners = [source.owner, sink.owner, ...path.map((key) => this.info.get(key.replace(/[+^]$/, ''))?.owner)];
    for (const owner of owners) {
      for (let fn = owner, depth = 0; fn !== undefined && depth < 32; fn = this.parents.get(fn), depth++) if (this.guarded.has(fn)) return true;
    }
    return false;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function describe(key: string, info: NodeInfo): string {
  if (key.startsWith('s:')) return `stored under ${info.label}`;
  if (key.startsWith('q:')) return `passed in the ${info.label}`;
  if (key.startsWith('c:') || key.startsWith('e:')) return `sent as ${info.label}`;
  if (/#p\d+$/.test(key)) return `parameter ${info.label}`;
  if (/#r$/.test(key)) return `returned from ${info.label}`;
  return info.label;
}
