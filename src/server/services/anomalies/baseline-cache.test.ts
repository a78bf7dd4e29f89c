import { describe, expect, it } from 'vitest';
import { BaselineCache, sampleFingerprint } from './baseline-cache.ts';
import { madOf, madSorted, quantileSorted, SampleBuffer } from './stats.ts';

describe('madSorted', () => {
  it('equals the MAD of a second sort, for odd, even, skewed and tied samples', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const samples = [[5], [1, 9], [0, 0, 0, 4], [3, 1, 2], Array.from({ length: 144 }, () => Math.floor(random() ** 3 * 50)), Array.from({ length: 37 }, () => random())];
    for (const values of samples) {
      const sorted = Float64Array.from(values).sort();
      const median = quantileSorted(sorted, 0.5);
      expect(madSorted(sorted, median)).toBe(madOf(values, median));
    }
    expect(madSorted(new Float64Array(0), 0)).toBeNaN();
  });

  it('gathers into a growing buffer without losing values', () => {
    const buffer = new SampleBuffer();
    for (let i = 0; i < 600; i++) buffer.push(i);
    expect(buffer.view()).toHaveLength(600);
    expect(buffer.view()[599]).toBe(599);
    buffer.reset();
    buffer.push(3);
    expect([...buffer.view()]).toEqual([3]);
  });
});

describe('baseline cache', () => {
  it('fingerprints differ when a value, the order, the size or the basis differ', () => {
    const base = sampleFingerprint([1, 2, 3], 'hour_of_week');
    expect(sampleFingerprint([1, 2, 3], 'hour_of_week')).toBe(base);
    for (const other of [sampleFingerprint([1, 2, 4], 'hour_of_week'), sampleFingerprint([1, 3, 2], 'hour_of_week'), sampleFingerprint([1, 2, 3, 0], 'hour_of_week'), sampleFingerprint([1, 2, 3], 'hour_of_day'), sampleFingerprint([1, 2, 3.000001], 'hour_of_week')]) {
      expect(other).not.toBe(base);
    }
  });

  it('reuses a baseline only for the same series, hour and sample, and forgets what a pass did not use', () => {
    const cache = new BaselineCache();
    cache.beginPass();
    cache.forSeries<string>('a').set(10, 111, 'baseline a');
    cache.forSeries<string>('b').set(10, 222, 'baseline b');
    cache.beginPass();
    const a = cache.forSeries<string>('a');
    expect(a.get(10, 111)).toBe('baseline a');
    expect(a.get(10, 999)).toBeUndefined();
    expect(a.get(11, 111)).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
    // "b" was not used in the last pass: gone after the next one starts.
    cache.beginPass();
    expect(cache.forSeries<string>('a').get(10, 111)).toBe('baseline a');
    expect(cache.forSeries<string>('b').get(10, 222)).toBeUndefined();
  });
});
