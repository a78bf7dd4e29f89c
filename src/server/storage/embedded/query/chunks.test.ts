import { describe, expect, it } from 'vitest';
import { SEQ_PER_MS } from '../line-id.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import { windowChunks, type BucketCounts } from './chunks.ts';

const BUCKET = ROLLUP_BUCKET_MS;

/** Every bucket holds (index % 7) rows; counts which ranges were asked for. */
function fakeCounts(reads: [number, number][]): BucketCounts {
  return (from, to) => {
    reads.push([from, to]);
    const counts = new Map<number, number>();
    for (let bucket = from; bucket < to; bucket += BUCKET) counts.set(bucket, (bucket / BUCKET) % 7);
    return counts;
  };
}

describe('window chunks', () => {
  it('cover the window without gaps or overlaps, in page order, with the rollup counts', () => {
    const lo = (1_000 * BUCKET + 12_345) * SEQ_PER_MS;
    const hi = (1_700 * BUCKET + 999) * SEQ_PER_MS;
    for (const order of ['newest', 'oldest'] as const) {
      const reads: [number, number][] = [];
      const chunks = [...windowChunks(fakeCounts(reads), lo, hi, order, 50)];
      const sorted = order === 'newest' ? [...chunks].reverse() : chunks;
      expect(sorted[0]!.lo).toBe(lo);
      expect(sorted.at(-1)!.hi).toBe(hi);
      for (let index = 1; index < sorted.length; index++) expect(sorted[index]!.lo).toBe(sorted[index - 1]!.hi);
      expect(chunks.slice(0, -1).every((chunk) => chunk.rows >= 50 && chunk.rows < 57)).toBe(true);
      let total = 0;
      for (let bucket = 1_000; bucket <= 1_700; bucket++) total += bucket % 7;
      expect(chunks.reduce((sum, chunk) => sum + chunk.rows, 0)).toBe(total);
      // Read a day of buckets at a time, each bucket once.
      expect(reads.reduce((sum, [from, to]) => sum + (to - from) / BUCKET, 0)).toBe(701);
      expect(reads.length).toBe(Math.ceil(701 / 288));
    }
  });

  it('give one chunk for a window inside one bucket, none for an empty one', () => {
    const lo = 5 * BUCKET * SEQ_PER_MS + 10;
    expect([...windowChunks(fakeCounts([]), lo, lo + 1_000, 'newest', 10)]).toEqual([{ lo, hi: lo + 1_000, rows: 5 }]);
    expect([...windowChunks(fakeCounts([]), lo, lo, 'oldest', 10)]).toEqual([]);
  });
});
