import { describe, expect, it } from 'vitest';
import { BaselineCache, sampleFingerprint } from './baseline-cache.ts';
import { evaluateCounts, type CountSeries } from './model.ts';
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

describe('baselines kept between passes', () => {
  const STEP = 300_000;
  const HOUR = 3_600_000;
  const START = Date.UTC(2026, 9, 5);
  const DAYS = 40;
  let seed = 3;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const values = Array.from({ length: (DAYS * 24 * HOUR) / STEP }, (_, k) => Math.round(20 + 15 * Math.sin((k / 288) * 2 * Math.PI) + random() * 6));

  function pass(cache: BaselineCache, series: CountSeries, from: number, to: number) {
    cache.beginPass();
    const input = { start: series.start, step: series.step, dataFrom: series.dataFrom, arrays: [series.values], exclusions: '' };
    return evaluateCounts(series, from, to, cache.forSeries('s', input));
  }

  it('answer exactly like a cold evaluation after new data, a change in the past and a later start', () => {
    const cache = new BaselineCache();
    const from = START + 30 * 24 * HOUR;
    const to = START + DAYS * 24 * HOUR - 6 * HOUR;
    const first = { start: START, step: STEP, dataFrom: START, values: values.slice(0, (to - START) / STEP) };
    expect(pass(cache, first, from, to)).toEqual(evaluateCounts(first, from, to));

    // An hour later: more data at the end, the window moved, one bucket in the past changed.
    const later = START + HOUR;
    const changed = values.slice(HOUR / STEP, (to + HOUR - START) / STEP);
    // A whole past day tripled (an import), so the baselines that read it really differ.
    const day = (from - 14 * 24 * HOUR - later) / STEP;
    for (let k = day; k < day + 288; k++) changed[k] = changed[k]! * 3;
    const second = { start: later, step: STEP, dataFrom: START, values: changed };
    const result = pass(cache, second, from + HOUR, to + HOUR);
    expect(cache.hits).toBeGreaterThan(100);
    expect(result).toEqual(evaluateCounts(second, from + HOUR, to + HOUR));
  });
});
