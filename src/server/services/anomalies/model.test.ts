import { describe, expect, it } from 'vitest';
import { findAnomalies } from './merge.ts';
import { DAY_MS, evaluateCounts, HOUR_MS, scoreOf, WEEK_MS, type CountSeries } from './model.ts';
import { evaluateRatio } from './ratio.ts';

const STEP = 300_000;
// A Monday 00:00 UTC, so weekdays and weekends fall where a reader expects them.
const START = Date.UTC(2026, 10, 2);

/** Deterministic noise in [-1, 1). */
function noise(k: number): number {
  const x = Math.sin(k * 12.9898) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** Office-hours traffic: busy 8-18 on weekdays, quiet nights, a quarter at weekends, +/-20 % noise. */
function seasonal(weeks: number): number[] {
  const values: number[] = [];
  for (let t = START; t < START + weeks * WEEK_MS; t += STEP) {
    const hour = new Date(t).getUTCHours();
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    const level = (hour >= 8 && hour < 18 ? 40 : 4) * (weekend ? 0.25 : 1);
    values.push(Math.max(0, Math.round(level * (1 + 0.2 * noise(values.length)))));
  }
  return values;
}

const series = (values: number[], dataFrom = START): CountSeries => ({ start: START, step: STEP, values, dataFrom });
const index = (t: number) => (t - START) / STEP;
const judge = (values: number[], from: number, to: number, drops = true) => {
  const points = evaluateCounts(series(values), from, to);
  return { points, anomalies: findAnomalies(points, STEP, { drops }) };
};

describe('seasonal baseline', () => {
  it('does not flag the ordinary daily and weekly rhythm', () => {
    const values = seasonal(6);
    const { points, anomalies } = judge(values, START + 4 * WEEK_MS, START + 6 * WEEK_MS);
    expect(points.length).toBe(2 * 7 * 288);
    expect(points.every((p) => p.basis === 'hour_of_week')).toBe(true);
    expect(anomalies.filter((a) => a.score >= 50)).toEqual([]);
  });

  it('finds a spike at night with a high score and its duration', () => {
    const values = seasonal(5);
    const spike = START + 4 * WEEK_MS + 2 * DAY_MS + 2 * HOUR_MS + 5 * 60_000;
    values[index(spike)] = 300;
    values[index(spike) + 1] = 320;
    const { anomalies } = judge(values, START + 4 * WEEK_MS, START + 5 * WEEK_MS);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ start: spike, end: spike + 2 * STEP, direction: 'up', value: 620, buckets: 2 });
    expect(anomalies[0]!.score).toBeGreaterThanOrEqual(95);
  });

  it('finds a stream going silent in office hours as a drop, though no single bucket leaves the band by much', () => {
    const values = seasonal(5);
    const silence = START + 4 * WEEK_MS + DAY_MS + 10 * HOUR_MS;
    for (let k = index(silence); k < index(silence + 2 * HOUR_MS); k++) values[k] = 0;
    const { anomalies } = judge(values, START + 4 * WEEK_MS, START + 5 * WEEK_MS);
    const drop = anomalies.find((a) => a.direction === 'down');
    expect(drop?.start).toBe(silence);
    // A noisy low bucket right after the silence may join the run.
    expect(drop!.end).toBeGreaterThanOrEqual(silence + 2 * HOUR_MS);
    expect(drop!.end).toBeLessThanOrEqual(silence + 2 * HOUR_MS + 3 * STEP);
    expect(drop!.score).toBeGreaterThanOrEqual(80);
  });

  it('flags a level shift (traffic tripled for a day) and merges its buckets', () => {
    const values = seasonal(5);
    const shift = START + 4 * WEEK_MS + 2 * DAY_MS;
    for (let k = index(shift + 9 * HOUR_MS); k < index(shift + 17 * HOUR_MS); k++) values[k] = values[k]! * 3;
    const { anomalies } = judge(values, START + 4 * WEEK_MS, START + 5 * WEEK_MS);
    const up = anomalies.filter((a) => a.direction === 'up' && a.score >= 50);
    expect(up.length).toBeGreaterThanOrEqual(1);
    expect(up.length).toBeLessThanOrEqual(3);
    expect(up[0]!.start).toBeGreaterThanOrEqual(shift + 9 * HOUR_MS);
    expect(up.reduce((n, a) => n + a.buckets, 0)).toBeGreaterThan(48);
  });

  it('falls back to same-kind days with short history, then to the week before, then refuses', () => {
    const values = seasonal(2);
    // 9 days of data: weekdays have the same hours of >= 3 earlier weekdays.
    const dataFrom = START;
    const tuesdayNextWeek = START + WEEK_MS + DAY_MS + 10 * HOUR_MS;
    const pointsAt = (from: number) => evaluateCounts({ ...series(values, dataFrom), values: values.slice(0, index(START + 9 * DAY_MS)) }, from, from + STEP);
    expect(pointsAt(tuesdayNextWeek)[0]?.basis).toBe('hour_of_day');
    expect(pointsAt(START + 3 * DAY_MS + 10 * HOUR_MS)[0]?.basis).toBe('hour_of_day');
    expect(pointsAt(START + DAY_MS + 10 * HOUR_MS)[0]?.basis).toBe('history');
    // Less than a day of history: not evaluable at all.
    expect(pointsAt(START + 10 * HOUR_MS)).toEqual([]);
  });

  it('leaves buckets marked expected out of the baseline', () => {
    const values = seasonal(5);
    // The same night hour was busy in all four past weeks: the baseline learns it...
    const hourOf = (w: number) => START + w * WEEK_MS + 3 * HOUR_MS;
    for (let w = 0; w < 5; w++) for (let k = index(hourOf(w)); k < index(hourOf(w) + HOUR_MS); k++) values[k] = 60;
    const usual = evaluateCounts(series(values), hourOf(4), hourOf(4) + HOUR_MS);
    expect(usual.every((p) => p.score === 0)).toBe(true);
    // ...unless the analyst marked those past hours expected (they are not normal traffic).
    const excluded = (k: number) => [0, 1, 2, 3].some((w) => k >= index(hourOf(w)) && k < index(hourOf(w) + HOUR_MS));
    const judged = evaluateCounts({ ...series(values), excluded }, hourOf(4), hourOf(4) + HOUR_MS);
    expect(judged.every((p) => p.score > 50)).toBe(true);
  });
});

describe('error ratio', () => {
  it('flags a burst of errors against the usual ratio, never a quiet spell', () => {
    const totals = seasonal(5);
    const errors = totals.map((n, k) => (noise(k + 7) > 0.9 ? Math.min(n, 1) : 0));
    const burst = START + 4 * WEEK_MS + 2 * DAY_MS + 14 * HOUR_MS;
    for (let k = index(burst); k < index(burst) + 3; k++) {
      totals[k] = totals[k]! + 200;
      errors[k] = 200;
    }
    const points = evaluateRatio(series(errors), series(totals), START + 4 * WEEK_MS, START + 5 * WEEK_MS);
    expect(points.every((p) => p.z >= 0)).toBe(true);
    const found = findAnomalies(points, STEP, { drops: false }).filter((a) => a.score >= 50);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: burst, buckets: 3, value: 600 });
    expect(found[0]!.score).toBe(100);
  });
});

describe('score', () => {
  it('is 0 inside the band and grows with the deviation up to 100', () => {
    expect(scoreOf(2.9)).toBe(0);
    expect(scoreOf(-3)).toBe(0);
    const scores = [3.5, 5, 9.4, 12, 20, 50].map(scoreOf);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scoreOf(9.4)).toBe(80);
    expect(scoreOf(-9.4)).toBe(80);
    expect(scoreOf(50)).toBe(100);
  });
});
