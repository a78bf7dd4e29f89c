import { describe, expect, it } from 'vitest';
import { judgedShare, runSteps, stepTimes, type BucketCells, type ModelSpec, type RuleState, type SeriesData } from './model.ts';

const STEP = 60_000;
const spec = (overrides: Partial<ModelSpec> = {}): ModelSpec => ({
  op: '>',
  threshold: 5,
  windowSteps: 5,
  stepMs: STEP,
  pendingMs: 0,
  recovery: 1,
  grouped: false,
  ratio: null,
  ...overrides,
});

/** Counts per minute bucket from minute 0: [[group, count], …] per bucket. */
function series(buckets: Record<number, Record<string, number>>, totals?: Record<number, number>): SeriesData {
  const cells: BucketCells = new Map();
  for (const [index, groups] of Object.entries(buckets)) cells.set(Number(index), new Map(Object.entries(groups)));
  return { origin: 0, cells, totals: totals ? new Map(Object.entries(totals).map(([i, n]) => [Number(i), n])) : null };
}

const run = (s: ModelSpec, data: SeriesData, minutes: number, state: RuleState = { groups: {} }) =>
  runSteps(s, data, state, stepTimes(0, minutes * STEP, STEP));

describe('alert model', () => {
  it('sums the window of buckets before each evaluation and slides it step by step', () => {
    const data = series({ 0: { '': 3 }, 1: { '': 3 }, 6: { '': 10 } });
    const { watched } = run(spec(), data, 8);
    // t=1: bucket 0; t=2: 0..1; … t=6: 1..5; t=7: 2..6.
    expect(watched).toEqual([3, 6, 6, 6, 6, 3, 10, 10]);
  });

  it('fires when the condition holds and resolves after the clean evaluations asked for', () => {
    const data = series({ 0: { '': 6 } });
    const { transitions } = run(spec({ windowSteps: 1, recovery: 3 }), data, 6);
    expect(transitions.map((t) => [t.state, t.at / STEP])).toEqual([
      ['firing', 1],
      ['resolved', 4],
    ]);
    expect(transitions[1]).toMatchObject({ peak: 6, firedAt: STEP });
  });

  it('waits for the pending period and forgets a condition that stops holding before it', () => {
    const short = series({ 0: { '': 9 }, 1: { '': 9 } });
    expect(run(spec({ windowSteps: 1, pendingMs: 3 * STEP }), short, 6).transitions).toEqual([]);
    const long = series({ 0: { '': 9 }, 1: { '': 9 }, 2: { '': 9 }, 3: { '': 9 } });
    const { transitions } = run(spec({ windowSteps: 1, pendingMs: 3 * STEP }), long, 6);
    expect(transitions.map((t) => [t.state, t.at / STEP])).toEqual([
      ['firing', 4],
      ['resolved', 5],
    ]);
  });

  it('keeps one state per group and reports them in a stable order', () => {
    const data = series({ 0: { b: 7, a: 9, c: 1 }, 3: { c: 8 } });
    const { transitions } = run(spec({ windowSteps: 1, grouped: true }), data, 5);
    expect(transitions.map((t) => `${t.state}:${t.groupKey}@${t.at / STEP}`)).toEqual(['firing:a@1', 'firing:b@1', 'resolved:a@2', 'resolved:b@2', 'firing:c@4', 'resolved:c@5']);
  });

  it('judges a zero in the window without groupBy (absence)', () => {
    const data = series({ 0: { '': 2 }, 1: { '': 2 } });
    const { transitions } = run(spec({ op: '<', threshold: 1, windowSteps: 2 }), data, 5);
    expect(transitions.map((t) => [t.state, t.at / STEP])).toEqual([['firing', 4]]);
  });

  it('computes ratios in percent and does not judge below the minimum volume', () => {
    const data = series({ 0: { '': 1 }, 1: { '': 30 } }, { 0: 4, 1: 100 });
    const { watched, transitions } = run(spec({ windowSteps: 1, threshold: 10, ratio: { minVolume: 10 } }), data, 3);
    expect(watched).toEqual([null, 30, null]);
    expect(transitions.map((t) => [t.state, t.at / STEP])).toEqual([
      ['firing', 2],
      ['resolved', 3],
    ]);
  });

  it('continues from a saved state exactly as one run over the whole history', () => {
    const data = series({ 0: { x: 9 }, 1: { x: 9 }, 2: { x: 9 }, 7: { x: 9 }, 9: { y: 20 } });
    const s = spec({ windowSteps: 2, grouped: true, pendingMs: STEP, recovery: 2 });
    const whole = run(s, data, 14);
    const state: RuleState = { groups: {} };
    const parts = [
      ...runSteps(s, data, state, stepTimes(0, 4 * STEP, STEP)).transitions,
      ...runSteps(s, data, JSON.parse(JSON.stringify(state)) as RuleState, stepTimes(4 * STEP, 14 * STEP, STEP)).transitions,
    ];
    expect(parts).toEqual(whole.transitions);
    expect(whole.transitions.length).toBeGreaterThan(2);
  });

  it('puts evaluation times on the step grid after the last one done', () => {
    expect(stepTimes(90_000, 300_000, STEP)).toEqual([120_000, 180_000, 240_000, 300_000]);
    expect(stepTimes(300_000, 300_000, STEP)).toEqual([]);
  });
});

describe('ratio judgement', () => {
  it('judges a share by its 95 % bound, so a few matches in a thin window are not taken for a rise', () => {
    expect(judgedShare(4, 65, '>')).toBeCloseTo(2.4, 1);
    expect(judgedShare(200, 260, '>')).toBeGreaterThan(70);
    // The upper bound for "below": 1 of 100 may well be 5 % or less, 0 of 10 not surely.
    expect(judgedShare(1, 100, '<')).toBeCloseTo(5.4, 1);
    expect(judgedShare(0, 10, '<=')).toBeGreaterThan(25);
    for (const [m, n] of [[0, 1], [1, 1], [3, 7], [5000, 10000]] as const) {
      expect(judgedShare(m, n, '>')).toBeLessThanOrEqual((m / n) * 100);
      expect(judgedShare(m, n, '<')).toBeGreaterThanOrEqual((m / n) * 100);
    }
  });

  it('does not fire a ratio rule on chance at a volume just over the minimum, and fires on a burst', () => {
    // 4 of 65 lines (6 %) against a 5 % threshold, then a burst of 200 of 260.
    const data = series({ 0: { '': 4 }, 2: { '': 200 } }, { 0: 65, 1: 60, 2: 260, 3: 60 });
    const { watched, transitions } = run(spec({ windowSteps: 1, threshold: 5, ratio: { minVolume: 50 } }), data, 4);
    expect(watched[0]).toBeCloseTo(6.15, 1);
    expect(transitions.map((t) => [t.state, t.at / STEP])).toEqual([
      ['firing', 3],
      ['resolved', 4],
    ]);
  });
});
