/** What `first` and `next` return past a list's last value. */
export const END_OF_LIST = -1;

/**
 * One list of ints per node, all kept in a few typed arrays: a project's flow graph has hundreds of
 * thousands of nodes, and an array or map per node for its edges, fields and copies cost more
 * memory than the rest of the analysis (and kept the garbage collector busy). Lists keep insertion
 * order, so the graph is walked as before. Iterate with `first`, `next` and `value`.
 */
export class LinkedLists {
  private heads = new Int32Array(1024).fill(END_OF_LIST);
  private tails = new Int32Array(1024).fill(END_OF_LIST);
  private lengths = new Int32Array(1024);
  private values = new Int32Array(4096);
  private links = new Int32Array(4096);
  private size = 0;

  /** `counted`: the lists keep their lengths (4 bytes a node); lists nobody asks the length of need not. */
  constructor(private readonly counted = true) {
    if (!counted) this.lengths = new Int32Array(0);
  }

  push(list: number, value: number): void {
    this.fitList(list);
    if (this.size === this.values.length) this.growLinks();
    const link = this.size++;
    this.values[link] = value;
    this.links[link] = END_OF_LIST;
    const tail = this.tails[list]!;
    if (tail === END_OF_LIST) this.heads[list] = link;
    else this.links[tail] = link;
    this.tails[list] = link;
    if (this.counted) this.lengths[list]!++;
  }

  /** The first link of `list`, or -1. */
  first(list: number): number {
    return list < this.heads.length ? this.heads[list]! : END_OF_LIST;
  }

  next(link: number): number {
    return this.links[link]!;
  }

  value(link: number): number {
    return this.values[link]!;
  }

  length(list: number): number {
    if (!this.counted) throw new Error('LinkedLists: the length of a list of an uncounted set was asked');
    return list < this.lengths.length ? this.lengths[list]! : 0;
  }

  includes(list: number, value: number): boolean {
    for (let link = this.first(list); link !== END_OF_LIST; link = this.links[link]!) if (this.values[link] === value) return true;
    return false;
  }

  /** The list's values, in order, at most `limit` of them (for the few callers that need an array). */
  toArray(list: number, limit = Infinity): number[] {
    const result: number[] = [];
    for (let link = this.first(list); link !== END_OF_LIST && result.length < limit; link = this.links[link]!) result.push(this.values[link]!);
    return result;
  }

  private fitList(list: number): void {
    if (list < this.heads.length) return;
    let capacity = this.heads.length;
    while (capacity <= list) capacity = grownCapacity(capacity);
    this.heads = grown(this.heads, capacity, END_OF_LIST);
    this.tails = grown(this.tails, capacity, END_OF_LIST);
    if (this.counted) this.lengths = grown(this.lengths, capacity, 0);
  }

  private growLinks(): void {
    const capacity = grownCapacity(this.values.length);
    this.values = grown(this.values, capacity, 0);
    this.links = grown(this.links, capacity, END_OF_LIST);
  }
}

/**
 * The graph's typed arrays grow by half: the largest graphs reach their size during the scan's
 * memory peak, where doubling left up to half of each array unused, and the old and new arrays both
 * alive while copied.
 */
export function grownCapacity(capacity: number): number {
  return capacity + (capacity >> 1);
}

/** A copy of `array` at `capacity`, the new places set to `fill`. */
export function grown(array: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

