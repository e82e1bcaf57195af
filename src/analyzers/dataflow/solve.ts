import { END_OF_LIST, LinkedLists } from './linked-lists.js';
import { LabelPropagation, type Flow } from './propagate.js';
import { expandWrapperSinks, type WrapperCall } from './wrapper-sinks.js';
import { buildControlGraph, type ControlGraph } from './control-graph.js';
import { routeCalls } from './route-calls.js';
import { judgeSinksAtCalls } from './parameter-sinks.js';
import { fieldKey, SET_SUFFIX, TAIL, MAX_FIELD_DEPTH, PAGE_STACK, type CallSite, type ControlCall, type FlowFragment, type NodeInfo, type SinkRecord, type SourceRecord } from './fragment.js';

export type { Flow } from './propagate.js';


export interface FlowStats {
  nodes: number;
  edges: number;
  calls: number;
  /** The graph reached its size bound; some flows may be missing. */
  truncated: boolean;
  /** Values that had more fields copied into them than the per-value budget; their further fields are not traced. */
  overfilledValues: number;
  /** Field nodes created by copies rather than named by the code. */
  copiedFields: number;
  /** Copies stopped giving fields: the graph's budget of copied fields, linear in the code, was spent. */
  copyBudgetSpent: boolean;
}

export interface DataFlowResult {
  flows: Flow[];
  sinks: SinkRecord[];
  /** What runs what, from the lifecycle handlers on: the prompt analysis's view of the same calls. */
  control: ControlGraph;
  /** Scripts of pages app.json does not list: nothing can open them, so their query is nobody's to set. */
  unlistedPages?: ReadonlySet<string>;
  stats: FlowStats;
}

/** Bounds that keep the graph linear in the code: nodes, backward search for callees, link rounds. */
const MAX_NODES = 800_000;
const CALLEE_SEARCH = 2_000;
const MAX_CALLEES = 16;
const LINK_ROUNDS = 4;
/** Methods calling methods on their own `this`, followed this deep for the fields they write there. */
const THIS_WRITE_ROUNDS = 4;
/**
 * Fields a value may receive through copies (fields its own code names are always kept), and how
 * many copied fields the graph may hold: a base plus two per node the code names, so the graph
 * stays linear in the code. Structures that contain themselves (`x.__value__ = x`), copied into
 * hundreds of call results, otherwise grow every result a tree of fields^depth nodes: one 62 KB
 * compiled template function made 870,000 nodes (3.5 s, 830 MB); on the development corpus these
 * bounds halved the memory of six apps and changed no finding.
 */
const MAX_COPIED_FIELDS = 256;
const COPIES_PER_NAMED_FIELD = 2;
const COPIED_FIELDS_BASE = 20_000;

/**
 * The project's value-flow graph: fragments joined by key, fields copied along assignments, calls
 * tied to the functions that reach their callee, then labels propagated from the sources, once
 * per label and node (linear in edges × labels). Flow-insensitive and context-insensitive.
 */
export class FlowGraph {
  private readonly info = new Map<string, NodeInfo>();
  private readonly functions = new Set<string>();
  private readonly parents = new Map<string, string>();
  private readonly handedToCalls = new Set<string>();
  private readonly valueHelpers = new Map<string, readonly number[]>();
  private readonly copyHelpers = new Map<string, number>();
  private readonly defaultImports: [string, string][] = [];
  private readonly literalWrites = new Map<string, string[]>();
  private readonly guarded = new Set<string>();
  private readonly validated = new Set<string>();
  private readonly rewritten = new Set<string>();
  private readonly storageReaders = new Map<string, number>();
  private readonly sources: SourceRecord[] = [];
  private sinks: SinkRecord[] = [];
  private readonly calls: CallSite[] = [];
  private readonly controlCalls: ControlCall[] = [];
  /** Function → the fields it writes on its own `this`. */
  private readonly thisWrites = new Map<string, Set<string>>();
  /** Call index → the functions its callee resolved to. */
  private readonly callees = new Map<number, readonly string[]>();

  // Nodes are interned: key ↔ id, edges and fields by id.
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Field depth of each node (`a.b.c` is 2 below a). */
  private readonly depth: number[] = [];
  /** The value each node is a field of (itself for a value), and how many fields copies gave each value. */
  private readonly rootOf: number[] = [];
  private readonly copiedFields = new Map<number, number>();
  private copiedTotal = 0;
  private graphBudgetSpent = false;
  private overfilled = 0;
  private readonly out = new LinkedLists();
  private readonly incoming = new LinkedLists();
  private readonly outSets = new Map<number, Set<number>>();
  private edgeCount = 0;
  /** Each node's fields in creation order, each field's name, and an index for the few nodes with many fields. */
  private readonly children = new LinkedLists();
  private readonly fieldName: string[] = [];
  private readonly manyFields = new Map<number, Map<string, number>>();
  private readonly copyTargets = new LinkedLists();
  /** Deep (`k+`) and own (`k^`) views. */
  private readonly views: number[] = [];
  private readonly pending: number[] = [];
  private truncated = false;

  add(fragment: FlowFragment): void {
    for (const [key, info] of fragment.nodes) if (!this.info.has(key)) this.info.set(key, info);
    for (const fn of fragment.functions) this.functions.add(fn);
    for (const [fn, parent] of fragment.parents) this.parents.set(fn, parent);
    for (const fn of fragment.handedToCalls) this.handedToCalls.add(fn);
    for (const [fn, starts] of fragment.valueHelpers) this.valueHelpers.set(fn, starts);
    for (const [fn, position] of fragment.copyHelpers) this.copyHelpers.set(fn, position);
    this.defaultImports.push(...fragment.defaultImports);
    for (const [chain, text] of fragment.literalWrites) this.literalWrites.set(chain, [...(this.literalWrites.get(chain) ?? []), text]);
    for (const fn of fragment.guarded) this.guarded.add(fn);
    for (const fn of fragment.validated) this.validated.add(fn);
    for (const key of fragment.rewritten) this.rewritten.add(key);
    for (const [fn, key] of fragment.storageReaders) this.storageReaders.set(fn, key);
    // What is written through getCurrentPages() reaches every page instance.
    for (const page of fragment.pages) this.copy(this.id(`${PAGE_STACK}.[]`), this.id(page));
    this.sources.push(...fragment.sources);
    this.sinks.push(...fragment.sinks);
    this.calls.push(...fragment.calls);
    this.controlCalls.push(...fragment.controlCalls);
    for (const [fn, field] of fragment.thisWrites) {
      const fields = this.thisWrites.get(fn) ?? new Set<string>();
      fields.add(field);
      this.thisWrites.set(fn, fields);
    }
    for (const [from, to] of fragment.copies) this.assign(from, to);
  }

  /** `unopened`: instances of pages app.json does not list, whose lifecycle never runs; `routes`: the pages it lists. */
  solve(unopened: ReadonlySet<string> = new Set(), routes: readonly string[] = []): DataFlowResult {
    this.close();
    this.bindDefaultImports();
    const linked = new Set<number>();
    const wrappers = new Set(this.sinks.flatMap((sink) => (sink.wrapper && sink.owner ? [sink.owner] : [])));
    const wrapperCalls: WrapperCall[] = [];
    for (let round = 0; round < LINK_ROUNDS; round++) {
      let added = 0;
      this.calls.forEach((call, index) => {
        if (linked.has(index)) return;
        const callees = call.callees.flatMap((callee) => this.functionsReaching(callee));
        if (callees.length === 0) return;
        linked.add(index);
        this.callees.set(index, callees);
        added++;
        for (const fn of callees) {
          // A value helper's result is made from this call's own arguments (and its own constants).
          const starts = this.valueHelpers.get(fn);
          if (starts) {
            this.linkValueHelper(fn, starts, call);
            continue;
          }
          // A copy helper's result is a copy of this call's own argument.
          const copied = this.copyHelpers.get(fn);
          if (copied !== undefined) {
            for (const ref of call.args[copied] ?? []) this.assign(ref.shallow ? `${ref.key}^` : ref.key, call.result);
            continue;
          }
          if (wrappers.has(fn) || this.storageReaders.has(fn)) wrapperCalls.push({ call, fn });
          call.args.forEach((arg, position) => arg.forEach((ref) => this.assign(ref.shallow ? `${ref.key}^` : ref.key, `${fn}#p${position}`)));
          if (this.info.has(`${fn}#this`)) for (const ref of call.receiver ?? []) this.assign(ref.shallow ? `${ref.key}^` : ref.key, `${fn}#this`);
          this.copy(this.id(`${fn}#r`), this.id(call.result));
        }
      });
      this.close();
      if (added === 0) break;
    }
    if (this.thisWrites.size > 0) this.writeBackThis();
    // A call to nothing the graph knows makes a fresh value, unless it is a known transformer.
    this.calls.forEach((call, index) => {
      if (linked.has(index) || !call.passThrough) return;
      for (const ref of [...call.args.flat(), ...(call.receiver ?? [])]) this.assign(ref.shallow ? `${ref.key}^` : `${ref.key}+`, call.result);
    });
    this.close();
    if (wrapperCalls.length > 0) {
      const expanded = expandWrapperSinks(this.sinks, wrapperCalls, this.storageReaders);
      this.sinks = expanded.sinks;
      for (const [from, to] of expanded.copies) this.assign(from, to);
      this.close();
    }
    const routed = routeCalls({ calls: this.calls, callees: this.callees, parents: this.parents, sinks: this.sinks, routes, literalWrites: this.literalWrites, fieldsOf: (key) => this.fieldNames(key) });
    if (routed.copies.length > 0) {
      this.sinks.push(...routed.sinks);
      for (const [from, to] of routed.copies) this.assign(from, to);
      this.close();
    }
    this.sinks = judgeSinksAtCalls({ sinks: this.sinks, calls: this.calls, callees: this.callees, parents: this.parents, idOf: (key) => this.ids.get(key), keyOf: (id) => this.keys[id]!, predecessors: (id) => this.incoming.toArray(id), fieldsOf: (id) => this.children.toArray(id) });
    for (const sink of this.sinks) for (const input of [...sink.inputs, ...(sink.keyInputs ?? []), ...(sink.urlInputs ?? [])]) this.id(input.key);
    this.materialiseViews();
    const { keys, ids, out, incoming, info, parents, guarded, validated, rewritten, sources, sinks } = this;
    const result = new LabelPropagation({ keys, ids, out, incoming, info, parents, guarded, validated, rewritten, sources, sinks }).run();
    return { ...result, control: this.controlGraph(unopened), stats: { nodes: this.keys.length, edges: this.edgeCount, calls: this.calls.length, truncated: this.truncated, overfilledValues: this.overfilled, copiedFields: this.copiedTotal, copyBudgetSpent: this.graphBudgetSpent } };
  }

  private controlGraph(unopened: ReadonlySet<string>): ControlGraph {
    const instances = this.keys.filter((key) => key.startsWith('i:') && !key.includes('.') && !key.endsWith('+') && !key.endsWith('^') && !unopened.has(key));
    return buildControlGraph({
      calls: this.calls,
      callees: this.callees,
      parents: this.parents,
      handedToCalls: this.handedToCalls,
      controlCalls: this.controlCalls,
      instances,
      functionsReaching: (key) => this.functionsReaching(key),
      // Only the functions' own records are kept, so the graph is not held after solving.
      functionInfo: new Map([...this.functions].flatMap((fn) => {
        const info = this.info.get(fn);
        return info ? [[fn, info] as const] : [];
      })),
    });
  }

  /** Each `import x from './m'` gets m's `default` export, or m's exports when nothing writes a default (CommonJS). */
  private bindDefaultImports(): void {
    for (const [module, local] of this.defaultImports) {
      const exported = this.ids.get(`${module}.default`);
      this.assign(exported !== undefined && this.incoming.length(exported) > 0 ? `${module}.default` : module, local);
    }
    this.close();
  }

  /**
   * A value helper's call: its result is made from this call's own arguments (and the helper's own
   * constants, through its return node). An argument that cannot start the string joins it through
   * a tail node, as `base + path` does in code, so a plain-HTTP URL there does not start it.
   */
  private linkValueHelper(fn: string, starts: readonly number[], call: CallSite): void {
    const tail = `${call.result}${TAIL}`;
    call.args.forEach((arg, position) => {
      const target = starts.includes(position) ? call.result : tail;
      for (const ref of arg) this.assign(ref.shallow ? `${ref.key}^` : `${ref.key}+`, target);
    });
    if (this.ids.has(tail)) this.assign(`${tail}+`, call.result);
    this.copy(this.id(`${fn}#r`), this.id(call.result));
  }

  /**
   * The fields a function writes on its `this` are written on each receiver it is called on (its
   * other fields stay the receiver's own: merging whole receivers would make every page that calls
   * a shared mixin method one object). A method that calls another on its own `this` writes what
   * that one writes, so this runs to a fixed point over the linked calls (bounded).
   */
  private writeBackThis(): void {
    for (let round = 0; round < THIS_WRITE_ROUNDS; round++) {
      let grew = false;
      this.callees.forEach((fns, index) => {
        const call = this.calls[index]!;
        for (const fn of fns) {
          const written = this.thisWrites.get(fn);
          if (!written) continue;
          // A method calling this one on its own `this` writes the same fields there.
          const targets = call.thisOwner !== undefined ? [`${call.thisOwner}${SET_SUFFIX}`] : (call.receiver ?? []).filter((ref) => !ref.shallow).map((ref) => ref.key);
          for (const target of targets) {
            for (const field of written) {
              const from = fieldKey(`${fn}${SET_SUFFIX}`, field);
              const to = fieldKey(target, field);
              if (from && to) this.assign(from, to);
            }
          }
          if (call.thisOwner !== undefined) grew = this.addThisWrites(call.thisOwner, written) || grew;
        }
      });
      this.close();
      if (!grew) break;
    }
  }

  private addThisWrites(fn: string, fields: ReadonlySet<string>): boolean {
    const known = this.thisWrites.get(fn) ?? new Set<string>();
    const before = known.size;
    for (const field of fields) known.add(field);
    this.thisWrites.set(fn, known);
    return known.size > before;
  }

  // ------------------------------------------------------------ building

  /** The names of the fields the graph holds of `key`'s value. */
  private fieldNames(key: string): string[] {
    const id = this.ids.get(key);
    if (id === undefined) return [];
    const names: string[] = [];
    for (let link = this.children.first(id); link !== END_OF_LIST; link = this.children.next(link)) names.push(this.fieldName[this.children.value(link)]!);
    return names;
  }

  /** The id of a key, creating the node (and its parent chain: `a.b.c` is field c of a.b). */
  private id(key: string): number {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const last = key.charCodeAt(key.length - 1);
    if (last === PLUS || last === CARET) {
      const id = this.create(key, 0);
      this.views.push(id);
      return id;
    }
    const dot = key.lastIndexOf('.');
    if (dot <= 0) return this.create(key, 0);
    const parent = this.id(key.slice(0, dot));
    return this.fieldOf(parent, key.slice(dot + 1), key)!;
  }

  private create(key: string, depth: number, root?: number): number {
    const id = this.keys.length;
    this.ids.set(key, id);
    this.keys.push(key);
    this.depth.push(depth);
    this.rootOf.push(root ?? id);
    this.fieldName.push('');
    if (id >= MAX_NODES) this.truncated = true;
    return id;
  }

  /**
   * Field `name` of `parent`, created when missing (undefined past the depth bound, or, for a field
   * only a copy would create, past the value's budget). A new field of a copied value is a field of
   * every copy too.
   */
  private fieldOf(parent: number, name: string, key?: string): number | undefined {
    const existing = this.field(parent, name);
    if (existing !== undefined) return existing;
    if (this.depth[parent]! >= MAX_FIELD_DEPTH) return key === undefined ? undefined : this.create(key, MAX_FIELD_DEPTH);
    const root = this.rootOf[parent]!;
    if (key === undefined && !this.spendCopiedField(root)) return undefined;
    const child = this.create(key ?? `${this.keys[parent]}.${name}`, this.depth[parent]! + 1, root);
    this.children.push(parent, child);
    this.fieldName[child] = name;
    this.manyFields.get(parent)?.set(name, child);
    for (let link = this.copyTargets.first(parent); link !== END_OF_LIST; link = this.copyTargets.next(link)) {
      const field = this.fieldOf(this.copyTargets.value(link), name);
      if (field !== undefined) this.pending.push(child, field);
    }
    return child;
  }

  /** The existing field `name` of `parent`: most nodes have a few fields, scanned; the rest are indexed. */
  private field(parent: number, name: string): number | undefined {
    const index = this.manyFields.get(parent);
    if (index) return index.get(name);
    const count = this.children.length(parent);
    if (count > FIELD_SCAN_LIMIT) {
      const built = new Map<string, number>();
      for (let link = this.children.first(parent); link !== END_OF_LIST; link = this.children.next(link)) {
        const child = this.children.value(link);
        built.set(this.fieldName[child]!, child);
      }
      this.manyFields.set(parent, built);
      return built.get(name);
    }
    for (let link = this.children.first(parent); link !== END_OF_LIST; link = this.children.next(link)) {
      const child = this.children.value(link);
      if (this.fieldName[child] === name) return child;
    }
    return undefined;
  }

  /**
   * Counts a field a copy gives `root`; false once its budget, or the graph's, is spent (counted once
   * per value). The graph may hold COPIES_PER_NAMED_FIELD copied fields per node its code names, so
   * its size stays linear in the code.
   */
  private spendCopiedField(root: number): boolean {
    if (this.copiedTotal >= COPIED_FIELDS_BASE + COPIES_PER_NAMED_FIELD * (this.keys.length - this.copiedTotal)) {
      this.graphBudgetSpent = true;
      return false;
    }
    const spent = this.copiedFields.get(root) ?? 0;
    if (spent > MAX_COPIED_FIELDS) return false;
    this.copiedFields.set(root, spent + 1);
    if (spent < MAX_COPIED_FIELDS) {
      this.copiedTotal++;
      return true;
    }
    this.overfilled++;
    return false;
  }

  private edge(from: number, to: number): boolean {
    if (from === to) return false;
    // Most nodes have a handful of successors: a scan beats hashing; busy nodes get a set.
    if (this.out.length(from) < SMALL_DEGREE) {
      if (this.out.includes(from, to)) return false;
    } else {
      let set = this.outSets.get(from);
      if (!set) this.outSets.set(from, (set = new Set(this.out.toArray(from))));
      if (set.has(to)) return false;
      set.add(to);
    }
    this.out.push(from, to);
    this.incoming.push(to, from);
    this.edgeCount++;
    return true;
  }

  /**
   * `to` gets `from`'s value: with its fields (a structural copy), or, for `k^`, k's own value only
   * (a plain edge: no node for the view).
   */
  private assign(from: string, to: string): void {
    if (from.charCodeAt(from.length - 1) === CARET) this.edge(this.id(from.slice(0, -1)), this.id(to));
    else this.copy(this.id(from), this.id(to));
  }

  /** A structural copy: `to` gets `from`'s value and each of its fields. */
  private copy(from: number, to: number): void {
    if (this.truncated || !this.edge(from, to)) return;
    const last = this.keys[from]!.charCodeAt(this.keys[from]!.length - 1);
    if (last === PLUS || last === CARET) return;
    this.copyTargets.push(from, to);
    for (let link = this.children.first(from); link !== END_OF_LIST; link = this.children.next(link)) {
      const child = this.children.value(link);
      const target = this.fieldOf(to, this.fieldName[child]!);
      if (target !== undefined) this.pending.push(child, target);
    }
  }

  private close(): void {
    while (this.pending.length > 0 && !this.truncated) {
      const to = this.pending.pop()!;
      const from = this.pending.pop()!;
      this.copy(from, to);
    }
  }

  /** `k+` is k with all its fields. */
  private materialiseViews(): void {
    for (let index = 0; index < this.views.length; index++) {
      const view = this.views[index]!;
      const key = this.keys[view]!;
      this.deepen(this.id(key.slice(0, -1)));
    }
  }

  private deepen(root: number): void {
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const deep = this.deepOf(node);
      if (!this.edge(node, deep)) continue;
      for (let link = this.children.first(node); link !== END_OF_LIST; link = this.children.next(link)) {
        const child = this.children.value(link);
        this.edge(this.deepOf(child), deep);
        stack.push(child);
      }
    }
  }

  private readonly deepIds = new Map<number, number>();

  private deepOf(node: number): number {
    let deep = this.deepIds.get(node);
    if (deep === undefined) this.deepIds.set(node, (deep = this.id(`${this.keys[node]}+`)));
    return deep;
  }

  /** Function literals whose value reaches `callee` through copies (a bounded backward search). */
  private functionsReaching(callee: string): string[] {
    if (this.functions.has(callee)) return [callee];
    const start = this.ids.get(callee);
    if (start === undefined) return [];
    const found: string[] = [];
    const seen = new Set([start]);
    const queue = [start];
    for (let index = 0; index < queue.length && index < CALLEE_SEARCH && found.length < MAX_CALLEES; index++) {
      const node = queue[index]!;
      const key = this.keys[node]!;
      if (this.functions.has(key)) {
        found.push(key);
        continue;
      }
      for (let link = this.incoming.first(node); link !== END_OF_LIST; link = this.incoming.next(link)) {
        const from = this.incoming.value(link);
        if (!seen.has(from) && this.keys[from]!.charCodeAt(this.keys[from]!.length - 1) !== PLUS) {
          seen.add(from);
          queue.push(from);
        }
      }
    }
    return found;
  }
}

const PLUS = '+'.charCodeAt(0);
const CARET = '^'.charCodeAt(0);
const SMALL_DEGREE = 16;
const FIELD_SCAN_LIMIT = 8;

