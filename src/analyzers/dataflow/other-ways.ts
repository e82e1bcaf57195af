import type { NodeMarks } from './node-marks.js';
import { END_OF_LIST, type LinkedLists } from './linked-lists.js';
import { TAIL } from './fragment.js';

/** The nodes the search may visit, and the places it lists per sink. */
const WAYS_SEARCH = 2_000;
const MAX_WAYS = 12;

export interface WaysGraph {
  keyOf(id: number): string;
  readonly incoming: LinkedLists;
}

/**
 * The places one label reaches a sink by, besides its path: each read of a source carrying it
 * (`'?token=' + app.globalData.token` in four branches), and each place the value the path starts
 * with is built into something else on the way (`'&openid=' + openid` in five `setData` calls). A
 * backward search from the sink's inputs through the nodes carrying the label, bounded; node ids,
 * for the caller to place.
 */
export function otherWays(
  graph: WaysGraph,
  inputs: readonly number[],
  path: readonly number[],
  carries: (node: number) => boolean,
  isSource: (node: number) => boolean,
  seen: NodeMarks,
): number[] {
  // The value itself, before it is built into anything: the path's start up to its first join or temporary.
  const start = new Set<number>();
  for (const node of path) {
    const key = graph.keyOf(node);
    if (start.size > 0 && (key.includes(TAIL) || key.startsWith('t:'))) break;
    start.add(node);
  }
  const ways: number[] = [];
  const listed = new Set<number>();
  const list = (node: number): void => {
    if (!listed.has(node) && ways.length < MAX_WAYS) {
      listed.add(node);
      ways.push(node);
    }
  };
  seen.clear();
  const queue = inputs.filter((node) => carries(node) && seen.mark(node));
  for (let index = 0; index < queue.length && index < WAYS_SEARCH && ways.length < MAX_WAYS; index++) {
    const node = queue[index]!;
    if (isSource(node) && !start.has(node)) list(node);
    for (let link = graph.incoming.first(node); link !== END_OF_LIST; link = graph.incoming.next(link)) {
      const from = graph.incoming.value(link);
      if (!carries(from)) continue;
      if (start.has(from) && !start.has(node)) list(node);
      else if (seen.mark(from)) queue.push(from);
    }
  }
  return ways;
}
