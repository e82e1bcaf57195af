import { describe, expect, it } from 'vitest';
import { NodeMarks } from '../src/analyzers/dataflow/node-marks.js';

describe('NodeMarks (the visited nodes of one graph search, reused)', () => {
  it('answers as a fresh set would for each search, across clears and growth', () => {
    const marks = new NodeMarks();
    for (let search = 0; search < 50; search++) {
      marks.clear();
      const reference = new Set<number>();
      // Node ids past the initial capacity make the marks grow mid-search.
      for (let step = 0; step < 400; step++) {
        const node = (search * 7_919 + step * 104_729) % (search < 25 ? 2_000 : 300_000);
        expect(marks.has(node)).toBe(reference.has(node));
        expect(marks.mark(node)).toBe(!reference.has(node));
        reference.add(node);
        expect(marks.has(node)).toBe(true);
      }
    }
  });

  it('forgets every mark on clear', () => {
    const marks = new NodeMarks();
    expect(marks.mark(5)).toBe(true);
    expect(marks.mark(5)).toBe(false);
    expect(marks.has(70_000)).toBe(false);
    marks.clear();
    expect(marks.has(5)).toBe(false);
    expect(marks.mark(5)).toBe(true);
  });
});
