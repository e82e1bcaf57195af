import { isHiddenField } from './fragment.js';

/** Copies a read of an entry is followed through, and successors looked at per node. */
const MAX_HOPS = 3;
const MAX_SUCCESSORS = 16;

/** What the search needs of the graph. */
export interface EntryUseGraph {
  /** The first `limit` nodes `id` is copied to. */
  successors(id: number, limit: number): readonly number[];
  fields(id: number): readonly number[];
  key(id: number): string;
}

/**
 * The names a read of a storage entry is put under a few copies on: `t.token = read.id`,
 * `setToken(read)` with `setToken(e) { header = { token: e } }`. An entry kept under a key that says
 * nothing (`'RESULT'`, `'c_t'`) is known by them: what the app treats as its token is one.
 * `holders`: the entry and what holds a read of it and nothing else, each a place it is put; their fields count as the read.
 */
export function namesPutUnder(holders: Iterable<number>, graph: EntryUseGraph): string[] {
  const names = new Set<string>();
  const seen = new Set<number>();
  let frontier: number[] = [];
  for (const holder of holders) {
    // A holder is itself a place the read is put (`this.data.token = read`).
    const name = fieldName(graph.key(holder));
    if (name !== undefined) names.add(name);
    for (const node of [holder, ...graph.fields(holder)]) if (!seen.has(node)) seen.add(node), frontier.push(node);
  }
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const successor of graph.successors(node, MAX_SUCCESSORS)) {
        if (seen.has(successor)) continue;
        seen.add(successor);
        const name = fieldName(graph.key(successor));
        if (name !== undefined) names.add(name);
        next.push(successor);
      }
    }
    frontier = next;
  }
  return [...names];
}

/** `i:3.token` → `token`; undefined for a value of its own or a hidden or element field. */
function fieldName(key: string): string | undefined {
  const plain = key.replace(/[+^]$/, '');
  const dot = plain.lastIndexOf('.');
  const name = dot > 0 ? plain.slice(dot + 1) : undefined;
  return name === undefined || name === '[]' || isHiddenField(name) ? undefined : name;
}
