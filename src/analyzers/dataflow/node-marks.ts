import { grown, grownCapacity } from './linked-lists.js';

/**
 * The nodes one bounded graph search has visited, kept as a stamp per node so that the next search
 * starts clean without allocating: linking, sink judgement and flow reporting run thousands of
 * small backward searches, and a fresh Set for each was a large share of all the memory a scan
 * allocated (and so of its collections). One instance serves one search at a time.
 */
export class NodeMarks {
  private stamps = new Int32Array(1024);
  private stamp = 1;

  /** Unmarks every node: the start of a new search. */
  clear(): void {
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
  }

  /** Marks `node`; false when this search had marked it already. */
  mark(node: number): boolean {
    if (node >= this.stamps.length) this.fit(node);
    if (this.stamps[node] === this.stamp) return false;
    this.stamps[node] = this.stamp;
    return true;
  }

  has(node: number): boolean {
    return node < this.stamps.length && this.stamps[node] === this.stamp;
  }

  private fit(node: number): void {
    let capacity = this.stamps.length;
    while (capacity <= node) capacity = grownCapacity(capacity);
    this.stamps = grown(this.stamps, capacity);
  }
}
