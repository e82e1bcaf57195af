import { describe, expect, it } from 'vitest';
import { LinkedLists } from '../src/analyzers/dataflow/linked-lists.js';

describe('LinkedLists (the flow graph’s edge, field and copy lists)', () => {
  it('keeps each list in insertion order across growth, and lists apart', () => {
    const lists = new LinkedLists();
    const expected = new Map<number, number[]>();
    // Enough lists and values to grow both the per-list and the per-value arrays several times.
    for (let i = 0; i < 20_000; i++) {
      const list = (i * 7919) % 3_001;
      lists.push(list, i);
      expected.set(list, [...(expected.get(list) ?? []), i]);
    }
    for (const [list, values] of expected) {
      expect(lists.toArray(list)).toEqual(values);
      expect(lists.length(list)).toBe(values.length);
    }
    expect(lists.toArray(5_000)).toEqual([]);
    expect(lists.length(5_000)).toBe(0);
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
