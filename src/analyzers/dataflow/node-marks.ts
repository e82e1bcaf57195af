import { PagedInts } from './paged-ints.js';

/**
 * The nodes one bounded graph search has visited, kept as a stamp per node so that the next search
 * starts clean without allocating: linking, sink judgement and flow reporting run thousands of
 * small backward searches, and a fresh Set for each was a large share of all the memory a scan
 * allocated (and so of its collections). One instance serves one search at a time.
 */
export class NodeMarks {
  private readonly stamps = new PagedInts();
  private stamp = 1;

  /** Unmarks every node: the start of a new search. */
  clear(): void {
    if (this.stamp === 0x7fffffff) {
      this.stamps.reset();
      this.stamp = 0;
    }
    this.stamp++;
  }

  /** Marks `node`; false when this search had marked it already. */
  mark(node: number): boolean {
    if (this.stamps.get(node) === this.stamp) return false;
    this.stamps.set(node, this.stamp);
    return true;
  }

  has(node: number): boolean {
    return this.stamps.get(node) === this.stamp;
  }
}
