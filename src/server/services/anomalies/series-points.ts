/** A series as chart points: every bucket, with its band where it could be judged (pure). */
import type { AnomalySeries } from '../../../contract/index.ts';
import { evaluateSeries, unitOf, type Exclusion } from './evaluate.ts';
import { BAND_Z } from './model.ts';
import type { SourceSeries } from './series.ts';

export function seriesPoints(source: SourceSeries, from: number, until: number, exclusions: readonly Exclusion[]): AnomalySeries {
  const { start, step, values, dataFrom } = source.counts;
  const evaluated = new Map(evaluateSeries(source, from, until, exclusions).map((p) => [p.time, p]));
  const ratio = source.kind === 'log_error_ratio';
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const points: AnomalySeries['points'] = [];
  for (let time = from - ((from - start) % step); time + step <= until; time += step) {
    if (time < from) continue;
    const k = (time - start) / step;
    const lines = ratio ? source.totals!.values[k]! : 1;
    const hasData = dataFrom !== null && time >= dataFrom && (!ratio || lines > 0);
    const p = evaluated.get(time);
    const scale = ratio ? 1 / Math.max(1, p?.total ?? lines) : 1;
    points.push({
      time,
      actual: hasData ? round(values[k]! * scale) : null,
      expected: p ? round(p.expected * scale) : null,
      lower: p ? round(Math.max(0, p.expected - BAND_Z * p.sigma) * scale) : null,
      upper: p ? round((p.expected + BAND_Z * p.sigma) * scale) : null,
      score: p?.score ?? 0,
    });
  }
  return { kind: source.kind, subject: source.subject, from, to: until, bucketMs: step, unit: unitOf(source), points, evaluatedUntil: until };
}
