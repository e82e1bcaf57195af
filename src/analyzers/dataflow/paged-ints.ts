/** 2^14 ints (64 KB) a page. */
const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/**
 * An unbounded array of ints kept in fixed pages. The graph's arrays grow with the code; grown as
 * one typed array each, every step copied the whole array and left the old one for the collector,
 * and up to a third of the last one stood unused, at the scan's memory peak. Pages are added, never
 * copied. An index never set reads as `fill`.
 */
export class PagedInts {
  private readonly pages: Int32Array[] = [];

  constructor(private readonly fill = 0) {}

  get(index: number): number {
    const page = this.pages[index >>> PAGE_BITS];
    return page === undefined ? this.fill : page[index & PAGE_MASK]!;
  }

  set(index: number, value: number): void {
    const page = this.pages[index >>> PAGE_BITS] ?? this.addPagesTo(index);
    page[index & PAGE_MASK] = value;
  }

  /** Adds one to the value at `index`. */
  increment(index: number): void {
    const page = this.pages[index >>> PAGE_BITS] ?? this.addPagesTo(index);
    page[index & PAGE_MASK]!++;
  }

  /** Sets every index to `fill` again. */
  reset(): void {
    for (const page of this.pages) page.fill(this.fill);
  }

  private addPagesTo(index: number): Int32Array {
    const last = index >>> PAGE_BITS;
    while (this.pages.length <= last) {
      const page = new Int32Array(PAGE_SIZE);
      if (this.fill !== 0) page.fill(this.fill);
      this.pages.push(page);
    }
    return this.pages[last]!;
  }
}
