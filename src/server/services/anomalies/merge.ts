/**
 * From evaluated buckets to anomalies (pure). Buckets beyond the band (|z| > 3) of one series and
 * direction merge when at most one quiet bucket separates them. A drop can also be a slow one: a
 * run of at least three buckets each at least 1 sigma below expected, whose summed deviation is
 * 4.5 sigma of the sum or more (a stream going silent). A rise scores as its worst bucket; a drop
 * as the larger of its worst bucket's score and that of its summed deviation (sum of actual - sum
 * of expected over the root of the summed variances), so a long silence scores like a short sharp
 * fall. Rises are not scored by their sums: bursty streams (the demo's internet scanners rise 3-6x
 * for one hour in thirty) then scored 96-99 for every scanning wave (measured), above real attacks.
 */
import { BAND_Z, DROP_MIN_BUCKETS, DROP_RUN_Z, scoreOf, type EvaluatedPoint } from './model.ts';

export interface AnomalyWindow {
  start: number;
  /** Exclusive: end of the last bucket. */
  end: number;
  direction: 'up' | 'down';
  /** Summed over the window's buckets. */
  value: number;
  expected: number;
  /** Root of the summed variances. */
  sigma: number;
  total: number | null;
  score: number;
  peak: { time: number; value: number; expected: number; score: number };
  buckets: number;
}

function summarise(points: readonly EvaluatedPoint[], step: number, direction: 'up' | 'down'): AnomalyWindow {
  let value = 0;
  let expected = 0;
  let variance = 0;
  let total: number | null = null;
  let peak = points[0]!;
  for (const p of points) {
    value += p.value;
    expected += p.expected;
    variance += p.sigma ** 2;
    if (p.total !== undefined) total = (total ?? 0) + p.total;
    if (Math.abs(p.z) > Math.abs(peak.z)) peak = p;
  }
  const sigma = Math.sqrt(variance);
  const windowScore = scoreOf((value - expected) / sigma);
  return {
    start: points[0]!.time,
    end: points.at(-1)!.time + step,
    direction,
    value,
    expected,
    sigma,
    total,
    score: Math.max(direction === 'down' ? windowScore : 0, ...points.map((p) => p.score)),
    peak: { time: peak.time, value: peak.value, expected: peak.expected, score: peak.score },
    buckets: points.length,
  };
}

/** Consecutive points (no missing bucket between them) satisfying `keep`, allowing `gap` misses. */
function runs(points: readonly EvaluatedPoint[], step: number, keep: (p: EvaluatedPoint) => boolean, gap: number): EvaluatedPoint[][] {
  const found: EvaluatedPoint[][] = [];
  let current: EvaluatedPoint[] = [];
  let lastKept = -1;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!keep(p)) continue;
    const previous = current.at(-1);
    if (previous && (p.time - previous.time) / step - 1 <= gap && i - lastKept - 1 <= gap) {
      // Take the quiet buckets in between too: they belong to the duration and the sums.
      current.push(...points.slice(lastKept + 1, i + 1));
    } else {
      if (current.length > 0) found.push(current);
      current = [p];
    }
    lastKept = i;
  }
  if (current.length > 0) found.push(current);
  return found;
}

export function findAnomalies(points: readonly EvaluatedPoint[], step: number, options: { drops: boolean }): AnomalyWindow[] {
  const windows: AnomalyWindow[] = [];
  for (const run of runs(points, step, (p) => p.z > BAND_Z, 1)) windows.push(summarise(run, step, 'up'));
  if (options.drops) {
    const down: EvaluatedPoint[][] = runs(points, step, (p) => p.z < -BAND_Z, 1);
    // Slow drops need a seasonal baseline: against the week-before fallback a night is a "drop"
    // (measured: a 7-day stream's first Monday night scored 86).
    for (const run of runs(points, step, (p) => p.z <= -1 && p.basis !== 'history', 0)) {
      if (run.length < DROP_MIN_BUCKETS) continue;
      const w = summarise(run, step, 'down');
      if ((w.value - w.expected) / w.sigma <= -DROP_RUN_Z) down.push(run);
    }
    // Sharp drops inside a slow one are the same event: keep the enclosing run.
    down.sort((a, b) => a[0]!.time - b[0]!.time || b.length - a.length);
    let coveredUntil = Number.NEGATIVE_INFINITY;
    for (const run of down) {
      const end = run.at(-1)!.time + step;
      if (run[0]!.time < coveredUntil) continue;
      windows.push(summarise(run, step, 'down'));
      coveredUntil = end;
    }
  }
  return windows.sort((a, b) => a.start - b.start);
}
