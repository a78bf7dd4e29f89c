import { describe, expect, it } from 'vitest';
import { bucketGrid, NICE_WIDTHS } from './buckets.ts';

describe('timeline buckets', () => {
  it('cut every range from a minute to years into 60..120 nice, aligned buckets', () => {
    for (let range = 60_000; range < 5 * 365 * 86_400_000; range = Math.ceil(range * 1.37)) {
      const from = 1_795_000_000_123 - range;
      const grid = bucketGrid(from, from + range);
      expect(NICE_WIDTHS).toContain(grid.width);
      expect(grid.count, `range ${range}`).toBeGreaterThanOrEqual(60);
      expect(grid.count, `range ${range}`).toBeLessThanOrEqual(120);
      expect(grid.start % grid.width).toBe(0);
      expect(grid.start).toBeLessThanOrEqual(from);
      expect(grid.start + grid.count * grid.width).toBeGreaterThanOrEqual(from + range);
    }
  });

  it('30 days at 6 hours, 7 days at 2 hours', () => {
    const day = 86_400_000;
    expect(bucketGrid(0, 30 * day)).toEqual({ start: 0, width: 6 * 3_600_000, count: 120 });
    expect(bucketGrid(0, 7 * day).width).toBe(2 * 3_600_000);
  });
});
