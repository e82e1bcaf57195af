import { PagedInts } from './paged-ints.js';

/**
 * Where each label came from in the propagation (propagate.ts): one record each time a node gains
 * labels, listing them and the node they came from, rather than one map entry per node and label.
 * On the largest development-corpus app the map held millions of entries at the scan's memory peak.
 */
export class Predecessors {
  /** Each node's latest record, or -1. */
  private readonly heads: Int32Array;
  private readonly from = new PagedInts();
  private readonly labels = new PagedInts();
  private readonly previous = new PagedInts();
  private count = 0;

  constructor(nodes: number) {
    this.heads = new Int32Array(nodes).fill(-1);
  }

  /** `node` gained the labels `bits` (one bit each) from `from`. */
  add(node: number, bits: number, from: number): void {
    this.from.set(this.count, from);
    this.labels.set(this.count, bits);
    this.previous.set(this.count, this.heads[node]!);
    this.heads[node] = this.count++;
  }

  /** The node label `bit` came to `node` from; undefined at its source. */
  of(node: number, bit: number): number | undefined {
    const mask = 1 << bit;
    for (let record = this.heads[node]!; record >= 0; record = this.previous.get(record)) if (this.labels.get(record) & mask) return this.from.get(record);
    return undefined;
  }
}
