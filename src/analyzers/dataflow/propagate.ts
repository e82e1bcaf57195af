import type { ArgumentSites } from './argument-sites.js';
import type { FlowStep, SourceLocation } from '../../types.js';
import { NodeMarks } from './node-marks.js';
import { Predecessors } from './predecessors.js';
import { otherWays } from './other-ways.js';
import { TemporaryPlaces } from './node-places.js';
import { END_OF_LIST, type LinkedLists } from './linked-lists.js';
import { nodeLabel, nodeLocation, RECORD_VIEW, TAIL, type NodeInfo, type SinkRecord, type SourceRecord } from './fragment.js';
import { LabelBits } from './label-bits.js';
import { describeStep, enteredThrough, fieldNamesOf, isPageCarrier, LAUNCH_QUERY_LABEL, plainKey, QUERY_LABEL, queryKeptOn, queryOf, sentWholeAfterParse, wholeQuery } from './path-keys.js';
import { IDENTITY_LABELS, ORIGIN_LABELS, type FlowLabel } from '../../platforms/flows.js';

import type { Flow } from './flow.js';

export type { Flow };

/** What the propagation reads of the built graph. */
export interface GraphView {
  readonly nodeCount: number;
  keyOf(id: number): string;
  /** Whether a node's key ends with `suffix` (which holds no dot): cheaper than its key. */
  keyEndsWith(id: number, suffix: string): boolean;
  /** The node of a key, if the graph holds it. */
  lookup(key: string): number | undefined;
  readonly out: LinkedLists;
  readonly incoming: LinkedLists;
  readonly info: ReadonlyMap<string, NodeInfo>;
  readonly parents: ReadonlyMap<string, string>;
  readonly guarded: ReadonlySet<string>;
  readonly validated: ReadonlySet<string>;
  readonly rewritten: ReadonlySet<string>;
  readonly sources: readonly SourceRecord[];
  readonly sinks: readonly SinkRecord[];
  /** The calls that hand a node to a parameter, where each is written. */
  readonly argumentSites: Pick<ArgumentSites, 'of' | 'firstOf'>;
}

/** Plain-HTTP URLs count only where they start a sink's URL (its `urlInputs`), never as a value sent. */
const URL_LABEL = 'insecure-url';
const TAIL_VIEW = `${TAIL}+`;
/** Plain-HTTP URLs traced to one sink's URL, and the nodes the backward search for them may visit. */
const MAX_URL_FLOWS = 16;
const URL_SEARCH = 2_000;
/** Identities that count when a test around a database call reads them: the client's claim, and the caller the platform authenticated. */
const CONDITION_LABELS: ReadonlySet<string> = new Set(['client-identity', 'caller-identity']);
/** Other reads of a page's query listed per sink, and the nodes the search for them may visit. */
const MAX_QUERY_READS = 8;
const QUERY_SEARCH = 2_000;
const MAX_NAMES_ON_THE_WAY = 32;
/** Sinks whose flows list the other ways the value reaches them. */
const WAY_SINKS: ReadonlySet<string> = new Set(['web-view', 'page-handover']);

/**
 * Labels carried from the sources over the built graph, once per label and node (linear in edges ×
 * labels), then the flows each sink receives, with the path of each.
 */
export class LabelPropagation {
  constructor(private readonly graph: GraphView) {
    this.temporaries = new TemporaryPlaces(graph.info);
  }

  /** Where the temporaries on paths are (their keys carry file and offset). */
  private readonly temporaries: TemporaryPlaces;

  /** The nodes the search for other reads of a query has visited (one search at a time). */
  private readonly readsSeen = new NodeMarks();

  run(): { flows: Flow[]; sinks: SinkRecord[] } {
    const labels = new LabelBits(this.graph.sources, this.graph.sinks);
    const bits = new Int32Array(this.graph.nodeCount);
    const predecessor = new Predecessors(bits.length);
    const origin = new Map<number, SourceRecord>();
    const queue: number[] = [];
    for (const source of this.graph.sources) {
      const id = this.graph.lookup(source.key);
      if (id === undefined) continue;
      const bit = 1 << labels.of(source);
      origin.set(id, source);
      if ((bits[id]! & bit) === 0) {
        bits[id]! |= bit;
        queue.push(id);
      }
    }
    // A record view (`k~record`, RECORD_FIELD) passes on where a value came from, not its personal data.
    const kinds = labels.kinds;
    const personal = personalBits(kinds);
    const recordView = recordViews(this.graph);
    for (let index = 0; index < queue.length; index++) {
      const node = queue[index]!;
      const have = bits[node]!;
      for (let link = this.graph.out.first(node); link !== END_OF_LIST; link = this.graph.out.next(link)) {
        const next = this.graph.out.value(link);
        const fresh = have & ~bits[next]! & (recordView[next] === 1 ? ~personal : -1);
        if (fresh === 0) continue;
        bits[next]! |= fresh;
        predecessor.add(next, fresh, node);
        queue.push(next);
      }
    }
    const flows: Flow[] = [];
    /** For each label bit `wanted` accepts: the first of `inputs` it reaches. */
    const reachedBits = (inputs: readonly { key: string }[] | undefined, wanted: (label: string) => boolean): Map<number, number> => {
      const reached = new Map<number, number>();
      for (const input of inputs ?? []) {
        const id = this.graph.lookup(input.key);
        if (id === undefined) continue;
        for (let bit = 0; bit < labels.size; bit++) if (bits[id]! & (1 << bit) && !reached.has(bit) && wanted(kinds[bit]!)) reached.set(bit, id);
      }
      return reached;
    };
    for (const sink of this.graph.sinks) {
      // A node's bits are its own value; a shallow input reads just that, a deep one (`k+`) its fields too.
      const reached = reachedBits(sink.inputs, (label) => label !== URL_LABEL);
      const viaKey = reachedBits(sink.keyInputs, (label) => label.startsWith('key-name:'));
      const viaCondition = reachedBits(sink.conditionInputs, (label) => CONDITION_LABELS.has(label));
      for (const [entries, via] of [[reached, undefined], [viaKey, 'viaKey'], [viaCondition, 'viaCondition']] as const) {
        for (const [bit, id] of entries) {
          let path = this.path(id, bit, predecessor);
          const source = origin.get(path[0]!);
          if (!source) continue;
          const reads = source.label === QUERY_LABEL && via === undefined ? this.otherReads(sink, path, source, bits, 1 << bit) : undefined;
          // The path met the query joined after a fixed start, but another read starts the URL: show that one.
          const joinAt = reads?.startingWay ? path.indexOf(reads.startingWay[0]!) : -1;
          if (joinAt >= 0 && path.some((node) => this.graph.keyOf(node).includes(TAIL))) path = [...path.slice(0, joinAt), ...reads!.startingWay!];
          const keys = path.map((node) => this.graph.keyOf(node));
          if (sink.judgedArguments && enteredThrough(keys, sink.judgedArguments)) continue;
          // Only identities are followed to a web-view by other ways: the search is not paid for every navigation.
          const ways = WAY_SINKS.has(sink.kind) && via === undefined && IDENTITY_LABELS.has(source.named ?? source.label) ? this.otherWaysOf(sink, path, bits, 1 << bit, origin) : undefined;
          flows.push({
            sink,
            label: source.label,
            ...(via && { [via]: true }),
            source,
            steps: this.steps(keys, source, sink),
            guarded: this.onPathOf(this.graph.guarded, keys, source, sink),
            ...(this.onPathOf(this.graph.validated, keys, source, sink) && { validated: true }),
            ...(keys.some((key) => key.includes(TAIL)) && { viaTail: true }),
            ...(keys.some((key) => plainKey(key).endsWith(RECORD_VIEW)) && { viaRecord: true }),
            ...(sentWholeAfterParse(keys, this.graph.lookup) && { viaParsed: true }),
            // Read by the rules that check how a path crosses pages: a page query's actions, and what reaches a web-view.
            ...((source.label === QUERY_LABEL || sink.kind === 'web-view' || sink.kind === 'page-handover') && this.carriersOf(keys)),
            ...fieldNamesOf(keys, source.label === LAUNCH_QUERY_LABEL),
            ...queryOf(keys, source),
            ...(reads?.otherReads && { otherReads: reads.otherReads }),
            ...(reads?.namesOnTheWay && { namesOnTheWay: reads.namesOnTheWay }),
            ...(ways && { otherWays: ways }),
          });
        }
      }
    }
    const urlBit = kinds.indexOf(URL_LABEL);
    if (urlBit >= 0) for (const sink of this.graph.sinks) if (sink.urlInputs) flows.push(...this.urlFlows(sink, bits, 1 << urlBit, origin));
    return { flows, sinks: [...this.graph.sinks] };
  }

  private path(end: number, bit: number, predecessor: Predecessors): number[] {
    const path = [end];
    const seen = new Set(path);
    for (let node = predecessor.of(end, bit); node !== undefined && !seen.has(node); node = predecessor.of(node, bit)) {
      seen.add(node);
      path.push(node);
    }
    return path.reverse();
  }

  /**
   * Every plain-HTTP URL that starts the URL of `sink`, not only the first: a backward search from
   * its URL inputs through the nodes the URL label reached (bounded), one flow per URL found.
   */
  private urlFlows(sink: SinkRecord, bits: Int32Array, urlBit: number, origin: ReadonlyMap<number, SourceRecord>): Flow[] {
    const next = new Map<number, number>();
    const queue: number[] = [];
    for (const input of sink.urlInputs ?? []) {
      const id = this.graph.lookup(input.key);
      if (id !== undefined && bits[id]! & urlBit && !next.has(id)) {
        next.set(id, -1);
        queue.push(id);
      }
    }
    const flows: Flow[] = [];
    for (let index = 0; index < queue.length && index < URL_SEARCH && flows.length < MAX_URL_FLOWS; index++) {
      const node = queue[index]!;
      const source = origin.get(node);
      if (source?.label === URL_LABEL) {
        const path = [node];
        for (let at = next.get(node)!; at !== -1; at = next.get(at)!) path.push(at);
        const keys = path.map((id) => this.graph.keyOf(id));
        flows.push({ sink, label: URL_LABEL, viaUrl: true, ...(this.overwritable(path) && { overwritable: true }), source, steps: this.steps(keys, source, sink), guarded: false });
        continue;
      }
      // A URL in the tail of a string (`'https://a/?next=' + x`) does not start it.
      if (this.graph.keyEndsWith(node, TAIL_VIEW)) continue;
      for (let link = this.graph.incoming.first(node); link !== END_OF_LIST; link = this.graph.incoming.next(link)) {
        const from = this.graph.incoming.value(link);
        if (bits[from]! & urlBit && !next.has(from)) {
          next.set(from, node);
          queue.push(from);
        }
      }
    }
    return flows;
  }

  /**
   * Where else the query whose node is `query` is read on the way to `sink`: a backward search from
   * the sink's inputs through nodes carrying the label (bounded), collecting the nodes fed straight
   * from the query's node, other than the path's own; and the names of the fields each such read
   * passes through on its way to the sink, unless as an id read off an object (a record view).
   */
  private otherReads(sink: SinkRecord, path: readonly number[], source: SourceRecord, bits: Int32Array, bit: number): Pick<Flow, 'otherReads' | 'namesOnTheWay'> & { startingWay?: number[] } {
    const keyOf = (id: number): string => this.graph.keyOf(id);
    const query = wholeQuery(path, keyOf);
    if (query.size === 0) return {};
    const kept = queryKeptOn(path, query, keyOf);
    const prefixes = [...query, ...(kept === undefined ? [] : [kept])].map((node) => `${keyOf(node)}.`);
    const seen = this.readsSeen;
    seen.clear();
    // Each node's next step towards the sink (-1 for the sink's inputs): the first the search found,
    // or a later one whose way crosses no record view where the first did (`m_id` and `price` of one row).
    const towardSink = new Map<number, number>();
    const recordFree = new Set<number>();
    const walked = new Map<number, boolean>();
    const queue: number[] = [];
    for (const input of sink.inputs) {
      const id = this.graph.lookup(input.key);
      if (id !== undefined && bits[id]! & bit && seen.mark(id)) {
        queue.push(id);
        towardSink.set(id, -1);
        if (!this.isRecordView(id)) recordFree.add(id);
      }
    }
    const reads = new Map<string, SourceLocation>();
    const names = new Set<string>();
    // A web-view's URL is the query's only where the query starts it: reads joined after a fixed start (`'…?id=' + id`) are left out.
    const startsOnly = sink.kind === 'web-view' || sink.kind === 'page-handover';
    let startingWay: number[] | undefined;
    for (let index = 0; index < queue.length && index < QUERY_SEARCH && (reads.size < MAX_QUERY_READS || names.size < MAX_NAMES_ON_THE_WAY); index++) {
      const node = queue[index]!;
      for (let link = this.graph.incoming.first(node); link !== END_OF_LIST; link = this.graph.incoming.next(link)) {
        const from = this.graph.incoming.value(link);
        // `query.nonceStr` is read as the field and the query's own value: either marks a read, where the code names it.
        const fromKey = this.graph.keyOf(from);
        if (startsOnly && fromKey.includes(TAIL)) continue;
        const read = query.has(from) ? this.graph.keyOf(node) : startsWithAny(fromKey, prefixes) ? fromKey : undefined;
        if (read !== undefined) {
          if (names.size < MAX_NAMES_ON_THE_WAY) this.namesToSink(read === fromKey ? [from, node] : [node], towardSink, walked, names);
          if (startsOnly && !startingWay) startingWay = this.wayFrom(this.readStart(from, query), node, towardSink);
          const info = this.graph.info.get(plainKey(read));
          // A field handed straight to a helper (`this.open(options.url)`) is read where the call is written.
          const handedAt = read === fromKey ? this.graph.argumentSites.of(this.graph.keyOf(node), fromKey) : [];
          for (const location of info ? [nodeLocation(info), ...handedAt] : handedAt) {
            // One per line: a read and what it is put into (`nonceStr: query.nonceStr`) are one place to a reader.
            const line = `${location.file}:${location.region.start.line}`;
            if (!reads.has(line) && reads.size < MAX_QUERY_READS) reads.set(line, location);
          }
        } else if (bits[from]! & bit) {
          const free = recordFree.has(node) && !this.isRecordView(from);
          if (seen.mark(from)) queue.push(from);
          else if (!free || recordFree.has(from)) continue;
          towardSink.set(from, node);
          walked.delete(from);
          if (free) recordFree.add(from);
        }
      }
    }
    const sorted = [...reads.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.region.startOffset - b.region.startOffset));
    // One read is worth listing only when the path does not show it (a path through the query kept whole, `this.options`).
    const listed = sorted.length > 1 || (sorted.length === 1 && !this.onLinesOf(path, source, sorted[0]!));
    return { ...(listed && { otherReads: sorted }), ...(names.size > 0 && { namesOnTheWay: [...names].sort() }), ...(startingWay && { startingWay }) };
  }

  /** Whether `location` is on a line the path's source or one of its nodes is on. */
  private onLinesOf(path: readonly number[], source: SourceRecord, location: SourceLocation): boolean {
    if (onSameLine(source.location, location)) return true;
    return path.some((node) => {
      const info = this.graph.info.get(plainKey(this.graph.keyOf(node)));
      return info !== undefined && onSameLine(nodeLocation(info), location);
    });
  }

  /** Where a read's way starts: the query node it is fed from, then the read (`options`, `options.url`), or the query node itself. */
  private readStart(from: number, query: ReadonlySet<number>): number[] {
    if (query.has(from)) return [from];
    const key = this.graph.keyOf(from);
    for (const node of query) if (key.startsWith(`${this.graph.keyOf(node)}.`)) return [node, from];
    return [from];
  }

  /** The nodes from a query node through its read and `node` along the search's steps to the sink's input. */
  private wayFrom(start: readonly number[], node: number, towardSink: ReadonlyMap<number, number>): number[] | undefined {
    const way = [...start, ...this.stepsToSink(node, towardSink)];
    return way.length > 1 ? way : undefined;
  }

  /** `node` and the search's steps from it towards the sink, up to a node already walked. */
  private stepsToSink(node: number, towardSink: ReadonlyMap<number, number>, walked?: ReadonlyMap<number, boolean>): number[] {
    const steps: number[] = [];
    for (let at: number | undefined = node; at !== undefined && at !== -1 && steps.length < QUERY_SEARCH && !walked?.has(at); at = towardSink.get(at)) steps.push(at);
    return steps;
  }

  private isRecordView(node: number): boolean {
    return plainKey(this.graph.keyOf(node)).endsWith(RECORD_VIEW);
  }

  /**
   * The field names from a read of the query to the sink, along the search's steps; none when the
   * way reads an id off an object (a record view). Each node is walked once per search: `walked`
   * says whether the way on from it crosses no record view, and its names are already taken.
   */
  private namesToSink(start: readonly number[], towardSink: ReadonlyMap<number, number>, walked: Map<number, boolean>, names: Set<string>): void {
    const steps = this.stepsToSink(start[start.length - 1]!, towardSink, walked);
    const after = steps.length > 0 ? towardSink.get(steps[steps.length - 1]!) : start[start.length - 1];
    let free = after === undefined || after === -1 || (walked.get(after) ?? true);
    for (let index = steps.length - 1; index >= 0; index--) {
      free &&= !this.isRecordView(steps[index]!);
      walked.set(steps[index]!, free);
    }
    // `free` covers the walk from the read on; the field the read came from (`options.url`) is checked here.
    const before = start.slice(0, -1);
    if (!free || before.some((node) => this.isRecordView(node))) return;
    for (const name of fieldNamesOf([...before, ...steps].map((node) => this.graph.keyOf(node))).fieldNames ?? []) names.add(name);
  }

  /** Whether a variable or field on `path` is written more than once in its module: the URL may be replaced before use. */
  private overwritable(path: readonly number[]): boolean {
    return path.some((node) => this.graph.rewritten.has(this.graph.keyOf(node)));
  }

  private carriersOf(keys: readonly string[]): Pick<Flow, 'carriers'> {
    const carriers: SourceLocation[] = [];
    for (const key of keys) {
      const info = isPageCarrier(key) ? this.graph.info.get(plainKey(key)) : undefined;
      if (info) carriers.push(nodeLocation(info));
    }
    return carriers.length > 0 ? { carriers } : {};
  }

  private steps(path: readonly string[], source: SourceRecord, sink: SinkRecord): FlowStep[] {
    const steps: FlowStep[] = [{ location: source.location, message: source.description }];
    path.forEach((key, index) => {
      if (index === 0) return;
      const info = key.startsWith('t:') ? this.temporaries.callResult(key) : this.graph.info.get(plainKey(key));
      // A record view is the field read's own step, shown by the field.
      if (!info || key.startsWith('src:') || key.endsWith(RECORD_VIEW)) return;
      // A parameter is entered at the call that hands it the value before it on the path (`this.open(options.url)`), shown
      // when that is not the line the path is on already.
      const call = this.graph.argumentSites.firstOf(plainKey(key), plainKey(path[index - 1]!));
      const at = call && nodeLocation(call);
      if (at && !onSameLine(at, steps[steps.length - 1]!.location)) this.addStep(steps, at, nodeLabel(call));
      this.addStep(steps, nodeLocation(info), describeStep(key, nodeLabel(info)));
    });
    if (sink.judgedFrom) {
      steps.push({ location: sink.location, message: 'passed to the call' });
      steps.push({ location: sink.judgedFrom, message: `reaches ${sink.api}` });
    } else steps.push({ location: sink.location, message: `reaches ${sink.api}` });
    return steps;
  }

  /** A step after the last, unless at the same place. */
  private addStep(steps: FlowStep[], location: SourceLocation, message: string): void {
    const last = steps[steps.length - 1]!;
    if (last.location.file !== location.file || last.location.region.startOffset !== location.region.startOffset) steps.push({ location, message });
  }

  /** Where a node is in the code: a source's read, the node's record, or a temporary's offset. */
  private placeOf(node: number, origin: ReadonlyMap<number, SourceRecord>): SourceLocation | undefined {
    const source = origin.get(node);
    if (source) return source.location;
    const key = this.graph.keyOf(node);
    const info = this.graph.info.get(plainKey(key));
    if (info) return nodeLocation(info);
    return this.temporaries.placeOf(key);
  }

  /** The other places `bit` reaches a web-view sink by (other-ways.ts), in the search's order; the rule lists them once per line. */
  private otherWaysOf(sink: SinkRecord, path: readonly number[], bits: Int32Array, bit: number, origin: ReadonlyMap<number, SourceRecord>): SourceLocation[] | undefined {
    const inputs = sink.inputs.map((input) => this.graph.lookup(input.key)).filter((id): id is number => id !== undefined);
    const ways = otherWays(this.graph, inputs, path, (id) => (bits[id]! & bit) !== 0, (id) => origin.has(id), this.readsSeen);
    const places = ways.map((node) => this.placeOf(node, origin)).filter((place): place is SourceLocation => place !== undefined);
    return places.length > 0 ? places : undefined;
  }

  /** Whether a function of `set` holds the source, the sink or a node on the path, or encloses one that does. */
  private onPathOf(set: ReadonlySet<string>, path: readonly string[], source: SourceRecord, sink: SinkRecord): boolean {
    if (set.size === 0) return false;
    const owners = [source.owner, sink.owner, ...path.map((key) => this.graph.info.get(plainKey(key))?.owner)];
    for (const owner of owners) {
      for (let fn = owner, depth = 0; fn !== undefined && depth < 32; fn = this.graph.parents.get(fn), depth++) if (set.has(fn)) return true;
    }
    return false;
  }
}

/** Whether two places start on the same line of the same file. */
function onSameLine(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.region.start.line === b.region.start.line;
}

/** Whether `text` starts with one of `prefixes` (a loop, not a closure per call: it runs once per edge searched). */
function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (let index = 0; index < prefixes.length; index++) if (text.startsWith(prefixes[index]!)) return true;
  return false;
}

/** The bits of labels that are personal data (by source or by name): all but where a value came from. */
function personalBits(labels: readonly string[]): number {
  let mask = 0;
  labels.forEach((label, bit) => {
    // `named:phone` is personal by its name; `key-name:token` is a storage key's evidence, never masked.
    const [kind, named] = label.split(':') as [FlowLabel, FlowLabel | undefined];
    const data = kind === 'named' ? named : named === undefined ? kind : undefined;
    if (data !== undefined && !ORIGIN_LABELS.has(data)) mask |= 1 << bit;
  });
  return mask;
}

/** 1 for each node that is a record view (`k~record`). */
function recordViews(graph: GraphView): Uint8Array {
  const views = new Uint8Array(graph.nodeCount);
  for (let id = 0; id < graph.nodeCount; id++) if (graph.keyEndsWith(id, RECORD_VIEW)) views[id] = 1;
  return views;
}
