import { END_OF_LIST, LinkedLists } from './linked-lists.js';
import { PagedInts } from './paged-ints.js';
import { fileOfKey, isHiddenField, MAX_FIELD_DEPTH } from './fragment.js';
import { NodeMarks } from './node-marks.js';

/** Bounds that keep the graph linear in the code: nodes, backward search for callees. */
const MAX_NODES = 800_000;
const CALLEE_SEARCH = 2_000;
const MAX_CALLEES = 16;
/**
 * Fields a value may receive through copies (fields its own code names are always kept), and how
 * many copied fields the graph may hold: a base plus two per node the code names, so the graph
 * stays linear in the code. Structures that contain themselves (`x.__value__ = x`), copied into
 * hundreds of call results, otherwise grow every result a tree of fields^depth nodes: one 62 KB
 * compiled template function made 870,000 nodes (3.5 s, 830 MB); on the development corpus these
 * bounds halved the memory of six apps and changed no finding.
 */
const MAX_COPIED_FIELDS = 256;
/**
 * The same for a value of library code (a shipped package, a framework's library chunk): a UI
 * library's trees (React's fibers, a framework's DOM, whose nodes hold their parents and children)
 * otherwise fill the graph's budget before the app's pages are tied to the helpers they call, and
 * a page's flow through a library helper (`slicedToArray(useState(…), 2)`) needs few fields.
 */
const MAX_LIBRARY_COPIED_FIELDS = 64;
const COPIES_PER_NAMED_FIELD = 2;
const COPIED_FIELDS_BASE = 20_000;

/**
 * The graph's storage: nodes interned as ids, edges and fields in linked lists, structural copies
 * that give a target the source's fields, deep views (`k+`) and the backward search for the
 * functions reaching a callee. FlowGraph (solve.ts) builds on it.
 */
export class GraphStore {
  // Nodes are interned: key ↔ id, edges and fields by id.
  protected readonly ids = new Map<string, number>();
  /**
   * Each node's key, or '' for a field a copy made: most of those are never named, and their keys
   * (a parent's key plus the field's name) were a tenth of a large app's memory peak. keyOf builds
   * them on demand from the parent chain.
   */
  private readonly storedKeys: string[] = [];
  /** The node each field belongs to (-1 for a value). */
  protected readonly parentOf = new PagedInts(-1);
  /** Field depth of each node (`a.b.c` is 2 below a), in paged int arrays like the lists: 4 bytes a node where an array took 8. */
  protected readonly depth = new PagedInts();
  /** The value each node is a field of (itself for a value), and how many fields copies gave each value. */
  protected readonly rootOf = new PagedInts();
  protected readonly copiedFields = new Map<number, number>();
  protected copiedTotal = 0;
  /** Ids of the files that are library code (MAX_LIBRARY_COPIED_FIELDS). */
  protected readonly libraryFiles = new Set<string>();
  protected graphBudgetSpent = false;
  protected overfilled = 0;
  protected readonly out = new LinkedLists();
  protected readonly incoming = new LinkedLists(false);
  protected readonly outSets = new Map<number, Set<number>>();
  protected edgeCount = 0;
  /** Each node's fields in creation order, each field's name, and an index for the few nodes with many fields. */
  protected readonly children = new LinkedLists();
  protected readonly fieldName: string[] = [];
  protected readonly manyFields = new Map<number, Map<string, number>>();
  protected readonly copyTargets = new LinkedLists(false);
  /** Deep (`k+`) and own (`k^`) views. */
  protected readonly views: number[] = [];
  protected readonly pending: number[] = [];
  protected truncated = false;
  protected readonly functions = new Set<string>();


  /** The names of the fields the graph holds of `key`'s value. */
  protected fieldNames(key: string): string[] {
    const id = this.lookup(key);
    return id === undefined ? [] : this.fieldNamesOf(id);
  }

  /** The names of the fields of node `id` whose node `keep` accepts. */
  protected fieldNamesOf(id: number, keep: (child: number) => boolean = () => true): string[] {
    const names: string[] = [];
    for (let link = this.children.first(id); link !== END_OF_LIST; link = this.children.next(link)) {
      const child = this.children.value(link);
      const name = this.fieldName[child]!;
      if (!isHiddenField(name) && keep(child)) names.push(name);
    }
    return names;
  }

  /** The id of a key, creating the node (and its parent chain: `a.b.c` is field c of a.b). */
  protected id(key: string): number {
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
    const name = key.slice(dot + 1);
    const copied = this.field(parent, name);
    if (copied === undefined) return this.fieldOf(parent, name, key)!;
    // A field a copy made is interned once code names it.
    this.ids.set(key, copied);
    return copied;
  }

  /**
   * The node of `key`, if the graph holds it; never creates one. Fields that copies made are not
   * interned (most are never named by code), so they are found through their parent.
   */
  lookup(key: string): number | undefined {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const last = key.charCodeAt(key.length - 1);
    const dot = key.lastIndexOf('.');
    if (last === PLUS || last === CARET || dot <= 0) return undefined;
    const parent = this.lookup(key.slice(0, dot));
    return parent === undefined ? undefined : this.field(parent, key.slice(dot + 1));
  }

  protected create(key: string, depth: number, root?: number, interned = true): number {
    const id = this.storedKeys.length;
    if (interned) this.ids.set(key, id);
    this.storedKeys.push(key);
    this.depth.set(id, depth);
    this.rootOf.set(id, root ?? id);
    this.fieldName.push('');
    if (id >= MAX_NODES) this.truncated = true;
    return id;
  }

  get nodeCount(): number {
    return this.storedKeys.length;
  }

  /** The key of node `id`. */
  keyOf(id: number): string {
    return this.keyIsStored(id) ? this.storedKeys[id]! : `${this.keyOf(this.parentOf.get(id))}.${this.fieldName[id]!}`;
  }

  /** Whether the key of node `id` ends with `suffix` (which holds no dot), without building the key of a copied field. */
  keyEndsWith(id: number, suffix: string): boolean {
    return (this.keyIsStored(id) ? this.storedKeys[id]! : this.fieldName[id]!).endsWith(suffix);
  }

  /** Every node keeps its key but a field a copy made, whose key is its parent's and its name. */
  private keyIsStored(id: number): boolean {
    return this.storedKeys[id] !== '' || this.parentOf.get(id) < 0;
  }

  /** The keys of the nodes code names (values and the fields it writes or reads), in creation order. */
  protected namedKeys(): string[] {
    return this.storedKeys.filter((key) => key !== '');
  }

  private isDeepView(id: number): boolean {
    const stored = this.storedKeys[id]!;
    return stored.charCodeAt(stored.length - 1) === PLUS;
  }

  /** Whether node `id` is a deep (`k+`) or own (`k^`) view. Fields copies make never are. */
  protected isView(id: number): boolean {
    const stored = this.storedKeys[id]!;
    const last = stored.charCodeAt(stored.length - 1);
    return last === PLUS || last === CARET;
  }

  /**
   * Field `name` of `parent`, created when missing (undefined past the depth bound, or, for a field
   * only a copy would create, past the value's budget). A new field of a copied value is a field of
   * every copy too.
   */
  protected fieldOf(parent: number, name: string, key?: string): number | undefined {
    const existing = this.field(parent, name);
    if (existing !== undefined) return existing;
    if (this.depth.get(parent) >= MAX_FIELD_DEPTH) return key === undefined ? undefined : this.create(key, MAX_FIELD_DEPTH);
    const root = this.rootOf.get(parent);
    if (key === undefined && !this.spendCopiedField(root)) return undefined;
    const child = this.create(key ?? '', this.depth.get(parent) + 1, root, key !== undefined);
    this.parentOf.set(child, parent);
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
  protected field(parent: number, name: string): number | undefined {
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
  protected spendCopiedField(root: number): boolean {
    if (this.copiedTotal >= COPIED_FIELDS_BASE + COPIES_PER_NAMED_FIELD * (this.storedKeys.length - this.copiedTotal)) {
      this.graphBudgetSpent = true;
      return false;
    }
    const spent = this.copiedFields.get(root) ?? 0;
    const bound = this.libraryFiles.size > 0 && this.libraryFiles.has(fileOfKey(this.keyOf(root)) ?? '') ? MAX_LIBRARY_COPIED_FIELDS : MAX_COPIED_FIELDS;
    if (spent > bound) return false;
    this.copiedFields.set(root, spent + 1);
    if (spent < bound) {
      this.copiedTotal++;
      return true;
    }
    this.overfilled++;
    return false;
  }

  protected edge(from: number, to: number): boolean {
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
  protected assign(from: string, to: string): void {
    if (from.charCodeAt(from.length - 1) === CARET) this.edge(this.id(from.slice(0, -1)), this.id(to));
    else this.copy(this.id(from), this.id(to));
  }

  /** A structural copy: `to` gets `from`'s value and each of its fields. */
  protected copy(from: number, to: number): void {
    if (this.truncated || !this.edge(from, to)) return;
    if (this.isView(from)) return;
    this.copyTargets.push(from, to);
    for (let link = this.children.first(from); link !== END_OF_LIST; link = this.children.next(link)) {
      const child = this.children.value(link);
      const target = this.fieldOf(to, this.fieldName[child]!);
      if (target !== undefined) this.pending.push(child, target);
    }
  }

  protected close(): void {
    while (this.pending.length > 0 && !this.truncated) {
      const to = this.pending.pop()!;
      const from = this.pending.pop()!;
      this.copy(from, to);
    }
  }

  /** `k+` is k with all its fields. */
  protected materialiseViews(): void {
    for (let index = 0; index < this.views.length; index++) {
      const view = this.views[index]!;
      this.deepen(this.id(this.keyOf(view).slice(0, -1)));
    }
  }

  protected deepen(root: number): void {
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

  protected readonly deepIds = new Map<number, number>();

  protected deepOf(node: number): number {
    let deep = this.deepIds.get(node);
    if (deep === undefined) this.deepIds.set(node, (deep = this.id(`${this.keyOf(node)}+`)));
    return deep;
  }

  /** Function literals whose value reaches `callee` through copies (a bounded backward search). */
  protected functionsReaching(callee: string): readonly string[] {
    if (this.functions.has(callee)) return [callee];
    // Linking asks again for every call not yet tied, each round; only a new edge can change the answer.
    const known = this.reaching.get(callee);
    if (known?.edges === this.edgeCount) return known.found;
    const found = this.searchFunctionsReaching(callee);
    this.reaching.set(callee, { edges: this.edgeCount, found });
    return found;
  }

  private readonly reaching = new Map<string, { edges: number; found: readonly string[] }>();
  /** The search's visited nodes and queue, reused from one search to the next. */
  private readonly searched = new NodeMarks();
  private readonly searchQueue: number[] = [];

  private searchFunctionsReaching(callee: string): string[] {
    const start = this.lookup(callee);
    if (start === undefined) return [];
    const found: string[] = [];
    const seen = this.searched;
    seen.clear();
    seen.mark(start);
    const queue = this.searchQueue;
    queue.length = 0;
    queue.push(start);
    for (let index = 0; index < queue.length && index < CALLEE_SEARCH && found.length < MAX_CALLEES; index++) {
      const node = queue[index]!;
      const key = this.storedKeys[node]!;
      if (key !== '' && this.functions.has(key)) {
        found.push(key);
        continue;
      }
      for (let link = this.incoming.first(node); link !== END_OF_LIST; link = this.incoming.next(link)) {
        const from = this.incoming.value(link);
        // Deep views (`k+`) gather all of k's fields; the search does not go back through them.
        if (!this.isDeepView(from) && seen.mark(from)) queue.push(from);
      }
    }
    return found;
  }
}

const PLUS = '+'.charCodeAt(0);
const CARET = '^'.charCodeAt(0);
const SMALL_DEGREE = 16;
const FIELD_SCAN_LIMIT = 8;
