import { describe, expect, it } from 'vitest';
import { excerpt } from '../src/reporters/excerpt.js';

describe('source excerpts', () => {
  it('keeps short lines whole, trimmed', () => {
    expect(excerpt('    wx.getLocation({});', 5)).toBe('wx.getLocation({});');
  });

  it('cuts long lines around the column, marking both cuts', () => {
    const line = `${'a;'.repeat(50_000)}wx.getLocation({});${'b;'.repeat(50_000)}`;
    const shown = excerpt(line, 100_001, 60);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('wx.getLocation({});');
    expect(shown.length).toBeLessThanOrEqual(62);
  });

  it('does not mark a cut at the start when the column is near it', () => {
    const shown = excerpt(`wx.getLocation({});${'x'.repeat(500)}`, 1, 40);
    expect(shown.startsWith('wx.getLocation')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
  });
});
