import { PagedInts } from './paged-ints.js';

/** What `first` and `next` return past a list's last value. */
export const END_OF_LIST = -1;

/**
 * One list of ints per node, all kept in a few paged int arrays: a project's flow graph has hundreds
 * of thousands of nodes, and an array or map per node for its edges, fields and copies cost more
 * memory than the rest of the analysis (and kept the garbage collector busy). Lists keep insertion
 * order, so the graph is walked as before. Iterate with `first`, `next` and `value`.
 */
export class LinkedLists {
  private readonly heads = new PagedInts(END_OF_LIST);
  private readonly tails = new PagedInts(END_OF_LIST);
  private readonly lengths = new PagedInts();
  private readonly values = new PagedInts();
  private readonly links = new PagedInts(END_OF_LIST);
  private size = 0;

  /** `counted`: the lists keep their lengths (4 bytes a node); lists nobody asks the length of need not. */
  constructor(private readonly counted = true) {}

  push(list: number, value: number): void {
    const link = this.size++;
    this.values.set(link, value);
    const tail = this.tails.get(list);
    if (tail === END_OF_LIST) this.heads.set(list, link);
    else this.links.set(tail, link);
    this.tails.set(list, link);
    if (this.counted) this.lengths.increment(list);
  }

  /** The first link of `list`, or -1. */
  first(list: number): number {
    return this.heads.get(list);
  }

  next(link: number): number {
    return this.links.get(link);
  }

  value(link: number): number {
    return this.values.get(link);
  }

  length(list: number): number {
    if (!this.counted) throw new Error('LinkedLists: the length of a list of an uncounted set was asked');
    return this.lengths.get(list);
  }

  includes(list: number, value: number): boolean {
    for (let link = this.first(list); link !== END_OF_LIST; link = this.next(link)) if (this.value(link) === value) return true;
    return false;
  }

  /** The list's values, in order, at most `limit` of them (for the few callers that need an array). */
  toArray(list: number, limit = Infinity): number[] {
    const result: number[] = [];
    for (let link = this.first(list); link !== END_OF_LIST && result.length < limit; link = this.next(link)) result.push(this.value(link));
    return result;
  }
}
