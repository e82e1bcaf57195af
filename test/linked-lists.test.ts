import { describe, expect, it } from 'vitest';
import { LinkedLists } from '../src/analyzers/dataflow/linked-lists.js';
import { PagedInts } from '../src/analyzers/dataflow/paged-ints.js';

describe('LinkedLists (the flow graph’s edge, field and copy lists)', () => {
  it('keeps each list in insertion order across pages, and lists apart', () => {
    const lists = new LinkedLists();
    const expected = new Map<number, number[]>();
    // Enough lists and values to span several pages of both the per-list and the per-value arrays.
    for (let i = 0; i < 60_000; i++) {
      const list = (i * 7919) % 40_009;
      lists.push(list, i);
      expected.set(list, [...(expected.get(list) ?? []), i]);
    }
    for (const [list, values] of expected) {
      expect(lists.toArray(list)).toEqual(values);
      expect(lists.length(list)).toBe(values.length);
    }
    expect(lists.toArray(90_000)).toEqual([]);
    expect(lists.length(90_000)).toBe(0);
    expect(lists.includes(0, 0)).toBe(true);
    expect(lists.includes(0, 1)).toBe(false);
  });

  it('keeps no lengths for an uncounted set, and says so when one is asked', () => {
    const lists = new LinkedLists(false);
    for (let i = 0; i < 5_000; i++) lists.push(i % 1_700, i);
    expect(lists.toArray(3)).toEqual([3, 1_703, 3_403]);
    expect(() => lists.length(3)).toThrow(/uncounted/);
  });
});

describe('PagedInts (the graph’s unbounded int arrays)', () => {
  it('reads its fill where nothing was set, keeps values across pages, and resets', () => {
    const ints = new PagedInts(-1);
    expect(ints.get(0)).toBe(-1);
    expect(ints.get(1_000_000)).toBe(-1);
    ints.set(70_000, 5);
    ints.increment(70_000);
    ints.increment(3);
    expect(ints.get(70_000)).toBe(6);
    expect(ints.get(3)).toBe(0);
    // Pages before the one set exist now, and hold the fill.
    expect(ints.get(20_000)).toBe(-1);
    expect(ints.get(70_001)).toBe(-1);
    ints.reset();
    expect(ints.get(70_000)).toBe(-1);
    expect(ints.get(3)).toBe(-1);
  });
});
