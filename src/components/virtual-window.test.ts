import { describe, expect, it } from 'vitest';
import { indexAt, rowOffset, scrollToReveal, visibleWindow } from './virtual-window.ts';

describe('visibleWindow', () => {
  it('draws only the rows on screen plus the overscan, at any list size', () => {
    const input = { count: 100_000, rowHeight: 26, viewportHeight: 520, overscan: 5, open: null };
    expect(visibleWindow({ ...input, scrollTop: 0 })).toEqual({ start: 0, end: 25, totalHeight: 2_600_000 });
    expect(visibleWindow({ ...input, scrollTop: 26 * 50_000 })).toEqual({ start: 49_995, end: 50_025, totalHeight: 2_600_000 });
    expect(visibleWindow({ ...input, scrollTop: 2_600_000 })).toMatchObject({ start: 99_994, end: 100_000 });
  });

  it('accounts for one taller open row', () => {
    const open = { index: 10, height: 226 };
    expect(rowOffset(10, 26, open)).toBe(260);
    expect(rowOffset(11, 26, open)).toBe(486);
    expect(indexAt(300, 100, 26, open)).toBe(10);
    expect(indexAt(486, 100, 26, open)).toBe(11);
    expect(indexAt(100, 100, 26, open)).toBe(3);
    expect(visibleWindow({ count: 100, rowHeight: 26, viewportHeight: 100, overscan: 0, scrollTop: 490, open })).toEqual({
      start: 11,
      end: 15,
      totalHeight: 2800,
    });
  });

  it('handles an empty list', () => {
    expect(visibleWindow({ count: 0, rowHeight: 26, viewportHeight: 500, overscan: 5, scrollTop: 0, open: null })).toEqual({ start: 0, end: 0, totalHeight: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls as little as needed, or not at all', () => {
    expect(scrollToReveal(5, 0, 260, 26, null)).toBeNull();
    expect(scrollToReveal(20, 0, 260, 26, null)).toBe(21 * 26 - 260);
    expect(scrollToReveal(2, 260, 260, 26, null)).toBe(52);
  });

  it('shows the top of an open row taller than the viewport', () => {
    expect(scrollToReveal(10, 0, 200, 26, { index: 10, height: 900 })).toBe(260);
  });
});

describe('scrollToReveal with a margin', () => {
  it('keeps neighbours in view, within the list', () => {
    expect(scrollToReveal(20, 0, 260, 26, null, 52)).toBe(21 * 26 + 52 - 260);
    expect(scrollToReveal(1, 260, 260, 26, null, 52)).toBe(0);
    expect(scrollToReveal(5, 0, 260, 26, null, 52)).toBeNull();
  });
});
