import { GraphStore } from './graph-store.js';
import { END_OF_LIST } from './linked-lists.js';
import { LabelPropagation, type Flow } from './propagate.js';
import { ArgumentSites } from './argument-sites.js';
import { expandWrapperSinks, storageEntryOf, type WrapperCall } from './wrapper-sinks.js';
import { buildControlGraph, type ControlGraph } from './control-graph.js';
import { routeCalls } from './route-calls.js';
import { judgeSinksAtCalls } from './parameter-sinks.js';
import { plainKey } from './path-keys.js';
import { fieldKey, fileOfKey, storageEntry, RECORD_VIEW, SET_SUFFIX, TAIL, PAGE_STACK, type CallSite, type ControlCall, type FlowFragment, type NodeInfo, type SinkRecord, type SourceRecord } from './fragment.js';
import { namesPutUnder } from './entry-uses.js';

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
  /** The routes app.json lists, subpackages' under their root (page-routes.ts `listedRoutes`). */
  routes?: readonly string[];
  stats: FlowStats;
}

/** What reads of one storage entry are put in, looked at for the fields they are used with. */
const MAX_ENTRY_READERS = 64;
/** How many copies on from a storage read its holders are followed (a getter, its caller, a variable). */
const MAX_ENTRY_HOPS = 6;
/** Nodes searched back from a helper's result for its parameters and constants: a helper is small. */
const RETURN_SEARCH = 256;
/** Link rounds: calls tied to functions found through earlier rounds' copies. */
const LINK_ROUNDS = 4;
/** Methods calling methods on their own `this`, followed this deep for the fields they write there. */
const THIS_WRITE_ROUNDS = 4;

/**
 * The project's value-flow graph: fragments joined by key, fields copied along assignments, calls
 * tied to the functions that reach their callee, then labels propagated from the sources, once
 * per label and node (linear in edges × labels). Flow-insensitive and context-insensitive.
 */
export class FlowGraph extends GraphStore {
  private readonly info = new Map<string, NodeInfo>();
  private readonly parents = new Map<string, string>();
  private readonly handedToCalls = new Set<string>();
  private readonly valueHelpers = new Map<string, readonly number[]>();
  private readonly copyHelpers = new Map<string, number>();
  private readonly interopWrappers = new Set<string>();
  private readonly derivedHelpers = new Set<string>();
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


  add(fragment: FlowFragment): void {
    if (fragment.libraryFile !== undefined) this.libraryFiles.add(fragment.libraryFile);
    for (const [key, info] of fragment.nodes) if (!this.info.has(key)) this.info.set(key, info);
    for (const fn of fragment.functions) this.functions.add(fn);
    for (const [fn, parent] of fragment.parents) this.parents.set(fn, parent);
    for (const fn of fragment.handedToCalls) this.handedToCalls.add(fn);
    for (const [fn, starts] of fragment.valueHelpers) this.valueHelpers.set(fn, starts);
    for (const [fn, position] of fragment.copyHelpers) this.copyHelpers.set(fn, position);
    for (const fn of fragment.interopWrappers) this.interopWrappers.add(fn);
    for (const fn of fragment.derivedHelpers) this.derivedHelpers.add(fn);
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

  /** Whether `call` is made inside the scope that declares `fn` (a file's top level, or the function holding it). */
  private inScopeOf(fn: string, call: CallSite): boolean {
    const scope = this.parents.get(fn);
    if (scope === undefined) return fileOfKey(fn) === fileOfKey(call.result);
    for (let at = call.owner, depth = 0; at !== undefined && depth < 64; at = this.parents.get(at), depth++) if (at === scope) return true;
    return false;
  }

  /**
   * The functions that reach a call's callee, or undefined while none does. Most calls stay untied
   * through every linking round, so nothing is allocated for them.
   */
  private calleesOf(call: CallSite): string[] | undefined {
    let callees: string[] | undefined;
    for (const callee of call.callees) {
      const found = this.functionsReaching(callee);
      if (found.length > 0) (callees ??= []).push(...found);
    }
    return callees;
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
        const callees = this.calleesOf(call);
        if (callees === undefined) return;
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
          // An interop wrapper required from another module (a minified build's one shared module) gives back this call's own
          // module, itself and as `.default`. A file's own `_interopRequireDefault` merges only that file's imports: linked as it is.
          if (this.interopWrappers.has(fn) && !this.inScopeOf(fn, call)) {
            for (const ref of call.args[0] ?? []) for (const to of [call.result, fieldKey(call.result, 'default')!]) this.assign(ref.shallow ? `${ref.key}^` : ref.key, to);
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
          // A storage reader called with a key it names gives that key's entry (expandWrapperSinks), not what every key read.
          const reader = this.storageReaders.get(fn);
          if (reader !== undefined && storageEntryOf(call, reader) !== undefined) continue;
          // A result made only from the parameters is made from this call's own arguments: callers do not meet in it.
          if (this.derivedHelpers.has(fn)) this.linkDerivedHelper(fn, call);
          else this.copy(this.id(`${fn}#r`), this.id(call.result));
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
    this.sinks = judgeSinksAtCalls({ sinks: this.sinks, calls: this.calls, callees: this.callees, parents: this.parents, idOf: (key) => this.lookup(key), keyOf: (id) => this.keyOf(id), incoming: this.incoming, fieldsOf: (id) => this.children.toArray(id) });
    for (const sink of this.sinks) for (const input of [...sink.inputs, ...(sink.keyInputs ?? []), ...(sink.urlInputs ?? [])]) this.id(input.key);
    this.noteEntryFields();
    this.materialiseViews();
    const { nodeCount, out, incoming, info, parents, guarded, validated, rewritten, sources, sinks } = this;
    const result = new LabelPropagation({ nodeCount, keyOf: (id) => this.keyOf(id), keyEndsWith: (id, suffix) => this.keyEndsWith(id, suffix), lookup: (key) => this.lookup(key), out, incoming, info, parents, guarded, validated, rewritten, sources, sinks, argumentSites: new ArgumentSites(this.calls, this.callees) }).run();
    return { ...result, control: this.controlGraph(unopened), stats: { nodes: this.nodeCount, edges: this.edgeCount, calls: this.calls.length, truncated: this.truncated, overfilledValues: this.overfilled, copiedFields: this.copiedTotal, copyBudgetSpent: this.graphBudgetSpent } };
  }

  /**
   * Each storage write under a constant key, or a key named by a property, learns the fields its entry has anywhere in the project:
   * its own, and those of what a read of it is put in (`const me = getStorageSync('me'); me.nick_name`).
   */
  private noteEntryFields(): void {
    const byEntry = new Map<number, { fields: string[]; putUnder: string[] }>();
    for (const sink of this.sinks) {
      if (sink.kind !== 'storage') continue;
      const entryKey = sink.storageKey !== undefined ? storageEntry(sink.storageKey) : sink.namedEntry;
      const entry = entryKey === undefined ? undefined : this.lookup(entryKey);
      if (entry === undefined) continue;
      let uses = byEntry.get(entry);
      if (!uses) byEntry.set(entry, (uses = this.entryUses(entry)));
      // The fields the write itself puts there (`{ memberInfo: {} }`) say nothing of what is read back, nor of what a read is
      // kept as: a state object written back whole (`localdata = read; … setStorageSync(k, localdata)`) has them as its slots.
      const written = new Set(sink.inputs.flatMap((input) => this.fieldNames(plainKey(input.key))));
      const read = uses.fields.filter((name) => !written.has(name));
      if (read.length > 0) sink.entryFields = read;
      const putUnder = uses.putUnder.filter((name) => !written.has(name));
      if (putUnder.length > 0) sink.entryPutUnder = putUnder;
    }
  }

  /**
   * The read fields of an entry, and of what holds a read of it and nothing else (not `Object.assign(state, read)`),
   * followed a few copies on: a getter's return and its callers' results (`getUser() { return getStorageSync('u') }`,
   * `const user = app.getUser(); user.openid`).
   */
  private entryUses(entry: number): { fields: string[]; putUnder: string[] } {
    const fields = new Set<string>();
    this.readFields(entry, fields);
    const holders = new Set([entry]);
    let frontier = [entry];
    for (let depth = 0; depth < MAX_ENTRY_HOPS && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        let readers = 0;
        for (let link = this.out.first(node); link !== END_OF_LIST && readers < MAX_ENTRY_READERS; link = this.out.next(link), readers++) {
          const reader = this.out.value(link);
          if (holders.has(reader) || !this.holdsOnly(reader, holders)) continue;
          holders.add(reader);
          this.readFields(reader, fields);
          next.push(reader);
        }
      }
      frontier = next;
    }
    const graph = { successors: (id: number, limit: number) => this.out.toArray(id, limit), fields: (id: number) => this.children.toArray(id), key: (id: number) => this.keyOf(id) };
    return { fields: [...fields], putUnder: namesPutUnder(holders, graph) };
  }

  /**
   * Whether a node gets nothing but what `holders` hold (an empty default, `wx.getStorageSync('m') || {}`, is no
   * value), or the object around one of them: reading `user.data` also reads `user`, and Alipay's read is `{ data }`.
   */
  private holdsOnly(node: number, holders: ReadonlySet<number>): boolean {
    for (let link = this.incoming.first(node); link !== END_OF_LIST; link = this.incoming.next(link)) {
      const from = this.incoming.value(link);
      if (!holders.has(from) && !this.hasFieldIn(from, holders)) return false;
    }
    return true;
  }

  private hasFieldIn(node: number, nodes: ReadonlySet<number>): boolean {
    for (let link = this.children.first(node); link !== END_OF_LIST; link = this.children.next(link)) if (nodes.has(this.children.value(link))) return true;
    return false;
  }

  /** The names of the fields of a node that are read (copied on): a field only written (`{ memberInfo: {} }`) tells nothing of use. */
  private readFields(id: number, into: Set<string>): void {
    for (const name of this.fieldNamesOf(id, (child) => this.out.first(child) !== END_OF_LIST)) into.add(name);
    for (const name of this.viewedFields().get(this.keyOf(id)) ?? []) into.add(name);
  }

  private viewedFieldNames: Map<string, string[]> | undefined;

  /** The fields read whole through a view, by their object's key (`'?u=' + user.openid` reads `user.openid+`), before views are materialised. */
  private viewedFields(): Map<string, string[]> {
    if (this.viewedFieldNames) return this.viewedFieldNames;
    const byBase = new Map<string, string[]>();
    for (const view of this.views) {
      const field = this.keyOf(view).slice(0, -1);
      const dot = field.lastIndexOf('.');
      if (dot <= 0) continue;
      const base = field.slice(0, dot);
      const names = byBase.get(base);
      if (names) names.push(field.slice(dot + 1));
      else byBase.set(base, [field.slice(dot + 1)]);
    }
    return (this.viewedFieldNames = byBase);
  }

  private controlGraph(unopened: ReadonlySet<string>): ControlGraph {
    const instances = this.namedKeys().filter((key) => key.startsWith('i:') && !key.includes('.') && !key.endsWith('+') && !key.endsWith('^') && !key.endsWith(RECORD_VIEW) && !unopened.has(key));
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
      const exported = this.lookup(`${module}.default`);
      this.assign(exported !== undefined && this.incoming.first(exported) !== END_OF_LIST ? `${module}.default` : module, local);
    }
    this.close();
  }

  /**
   * A call of a helper whose result is made only from its parameters (derived-returns.ts): the
   * result gets what reaches the helper's result from this call's own arguments, plus what the
   * helper itself writes into it (a plain-HTTP base it prefixes), never the other callers' arguments.
   */
  private linkDerivedHelper(fn: string, call: CallSite): void {
    const { sources, parameters } = this.returnInputs(fn);
    for (const { position, rest } of parameters) for (const ref of call.args[position] ?? []) this.assign(ref.shallow && rest === '' ? `${ref.key}^` : `${ref.key}${rest}`, call.result);
    for (const source of sources) this.copy(source, this.id(call.result));
  }

  private readonly returnInputsOf = new Map<string, ReturnInputs>();

  /**
   * What reaches a helper's result, searched back from it: the parameters (a field of one, or the
   * whole of it when it is reached through a field of the result) and the sources met before any
   * parameter (the helper's own constants).
   */
  private returnInputs(fn: string): ReturnInputs {
    let found = this.returnInputsOf.get(fn);
    if (found) return found;
    this.sourceIds ??= new Set(this.sources.map((source) => this.id(source.key)));
    found = { sources: [], parameters: [] };
    const prefix = `${fn}#p`;
    const start = this.lookup(`${fn}#r`);
    const seen = new Set<number>();
    const queue: { node: number; whole: boolean }[] = [];
    const visit = (node: number | undefined, whole: boolean): void => {
      if (node === undefined || seen.has(node)) return;
      seen.add(node);
      const key = this.keyOf(node);
      if (!key.startsWith(prefix)) queue.push({ node, whole });
      else addParameter(found!.parameters, key.slice(prefix.length), whole);
    };
    visit(start, false);
    for (let index = 0; index < queue.length && index < RETURN_SEARCH; index++) {
      const { node, whole } = queue[index]!;
      if (this.sourceIds.has(node)) found.sources.push(node);
      const key = this.keyOf(node);
      // A deep view (`k+`) gets its edges only once linking is done: it stands for k and its fields.
      const base = key.endsWith('+') ? this.lookup(key.slice(0, -1)) : undefined;
      visit(base, true);
      // A field of the result is part of it: what reaches the field reaches the result, as a whole.
      for (let link = this.children.first(node); link !== END_OF_LIST; link = this.children.next(link)) visit(this.children.value(link), true);
      for (let link = this.incoming.first(node); link !== END_OF_LIST; link = this.incoming.next(link)) visit(this.incoming.value(link), whole);
    }
    this.returnInputsOf.set(fn, found);
    return found;
  }

  private sourceIds: Set<number> | undefined;

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
    if (this.lookup(tail) !== undefined) this.assign(`${tail}+`, call.result);
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

}

/** What reaches a derived helper's result: its parameters (position, then the field path or view after it) and its own sources. */
interface ReturnInputs {
  sources: number[];
  parameters: { position: number; rest: string }[];
}

/** `0`, `0.token`, `1+` after `fn#p`: a parameter's position and what follows it; the whole parameter when reached through a field. */
function addParameter(parameters: ReturnInputs['parameters'], suffix: string, whole: boolean): void {
  const digits = /^\d+/.exec(suffix);
  if (!digits) return;
  const position = Number(digits[0]);
  const rest = whole ? '+' : suffix.slice(digits[0].length);
  if (!parameters.some((known) => known.position === position && known.rest === rest)) parameters.push({ position, rest });
}
