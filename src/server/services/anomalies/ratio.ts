/**
 * Error-ratio baseline (pure). Ratios of small counts are noisy, so the seasonal sample is made
 * of whole hours (the pooled hours of model.ts, each one ratio of summed errors to summed lines),
 * and a bucket is judged by its error count against what its own line count makes expected:
 * expected = p x lines, variance = lines x p(1-p) (counting noise) + (spread x lines)^2 (how much
 * the ratio itself moves from hour to hour), at least 1. p is the median hourly ratio, spread the
 * largest of 1.4826 x MAD and (p90 - median) / 1.2816 of the hourly ratios.
 */
import { BAND_Z, DAY_MS, HOUR_MS, scoreOf, WEEK_MS, type Basis, type CountSeries, type EvaluatedPoint } from './model.ts';
import { sampleFingerprint, type SeriesBaselines } from './baseline-cache.ts';
import { MAD_TO_SIGMA, madSorted, quantileSorted, sortNumbers, Z_P90 } from './stats.ts';

export interface RatioBaseline {
  ratio: number;
  spread: number;
  basis: Basis;
  samples: number;
}

function hourRatio(errors: CountSeries, totals: CountSeries, hour: number): number | null {
  const dataFrom = totals.dataFrom ?? Number.POSITIVE_INFINITY;
  if (hour < dataFrom || hour < totals.start) return null;
  let e = 0;
  let n = 0;
  for (let t = hour; t < hour + HOUR_MS; t += totals.step) {
    const k = (t - totals.start) / totals.step;
    if (k >= totals.values.length || totals.excluded?.(k)) continue;
    e += errors.values[k]!;
    n += totals.values[k]!;
  }
  return n > 0 ? e / n : null;
}

type HourRatio = (hour: number) => number | null;

/**
 * Each hour's ratio enters the samples of about a dozen later hours (3 pooled hours x 4 weeks),
 * so one evaluation computes it once.
 */
function memoHourRatio(errors: CountSeries, totals: CountSeries): HourRatio {
  const known = new Map<number, number | null>();
  return (hour) => {
    let r = known.get(hour);
    if (r === undefined) known.set(hour, (r = hourRatio(errors, totals, hour)));
    return r;
  };
}

export function ratioSample(errors: CountSeries, totals: CountSeries, hour: number, ratioAt: HourRatio = (h) => hourRatio(errors, totals, h)): { values: number[]; basis: Basis } | null {
  const collect = (offsets: number[]) => {
    const values: number[] = [];
    let periods = 0;
    for (const offset of offsets) {
      let found = false;
      for (const d of [-HOUR_MS, 0, HOUR_MS]) {
        const r = ratioAt(hour - offset + d);
        if (r !== null) {
          values.push(r);
          found = true;
        }
      }
      if (found) periods++;
    }
    return { values, periods };
  };
  const weekly = collect([1, 2, 3, 4].map((w) => w * WEEK_MS));
  if (weekly.periods >= 2) return { values: weekly.values, basis: 'hour_of_week' };
  const daily = collect([1, 2, 3, 4, 5, 6, 7].map((d) => d * DAY_MS));
  if (daily.periods >= 3) return { values: daily.values, basis: 'hour_of_day' };
  const history: number[] = [];
  for (let h = hour - WEEK_MS; h < hour; h += HOUR_MS) {
    const r = ratioAt(h);
    if (r !== null) history.push(r);
  }
  return history.length >= 12 ? { values: history, basis: 'history' } : null;
}

export function ratioBaseline(sample: { values: number[]; basis: Basis }): RatioBaseline {
  const sorted = sortNumbers(sample.values);
  const ratio = quantileSorted(sorted, 0.5);
  const spread = Math.max(MAD_TO_SIGMA * madSorted(sorted, ratio), (quantileSorted(sorted, 0.9) - ratio) / Z_P90);
  return { ratio, spread, basis: sample.basis, samples: sorted.length };
}

/** Error counts judged against the ratio baseline; buckets without lines are skipped. */
export function evaluateRatio(errors: CountSeries, totals: CountSeries, from: number, to: number, baselines?: SeriesBaselines<RatioBaseline>): EvaluatedPoint[] {
  const points: EvaluatedPoint[] = [];
  let hourCached = Number.NaN;
  let baseline: RatioBaseline | null = null;
  const ratioAt = memoHourRatio(errors, totals);
  for (let k = Math.max(0, Math.ceil((from - totals.start) / totals.step)); k < totals.values.length; k++) {
    const time = totals.start + k * totals.step;
    if (time + totals.step > to) break;
    const lines = totals.values[k]!;
    if (totals.dataFrom === null || time < totals.dataFrom || lines === 0) continue;
    const hour = time - (time % HOUR_MS);
    if (hour !== hourCached) {
      const unchanged = baselines?.unchanged(hour);
      const sample = unchanged ? null : ratioSample(errors, totals, hour, ratioAt);
      if (unchanged) baseline = unchanged;
      else if (!sample) baseline = null;
      else {
        const fingerprint = baselines ? sampleFingerprint(sample.values, sample.basis) : 0;
        baseline = baselines?.get(hour, fingerprint) ?? ratioBaseline(sample);
        baselines?.set(hour, fingerprint, baseline);
      }
      hourCached = hour;
    }
    if (!baseline) continue;
    const value = errors.values[k]!;
    const expected = baseline.ratio * lines;
    const sigma = Math.sqrt(Math.max(lines * baseline.ratio * (1 - baseline.ratio) + (baseline.spread * lines) ** 2, 1));
    // Fewer errors than usual is good news, not an anomaly: error ratios are judged upwards only.
    const z = Math.max(0, (value - expected) / sigma);
    points.push({ time, value, expected, sigma, z, score: z > BAND_Z ? scoreOf(z) : 0, total: lines, basis: baseline.basis });
  }
  return points;
}
