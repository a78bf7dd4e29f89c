/**
 * Judging one source series over a range (pure): baselines, scores, anomaly windows, and the
 * anomaly records the API returns, with a one-line summary from the numbers alone.
 */
import type { Anomaly, AnomalyFeedback } from '../../../contract/index.ts';
import type { AuditBehaviourCounts } from '../../storage/ports.ts';
import { anomalyId } from './ids.ts';
import { findAnomalies, type AnomalyWindow } from './merge.ts';
import type { SeriesBaselines } from './baseline-cache.ts';
import { BAND_Z, evaluateCounts, type Baseline, type CountSeries, type EvaluatedPoint } from './model.ts';
import { evaluateRatio, type RatioBaseline } from './ratio.ts';
import { BEHAVIOUR_WEIGHTS, seriesKey, type SourceSeries } from './series.ts';

export interface Exclusion {
  start: number;
  end: number;
}

function withExclusions(series: CountSeries, exclusions: readonly Exclusion[]): CountSeries {
  if (exclusions.length === 0) return series;
  return {
    ...series,
    excluded: (k) => {
      const t = series.start + k * series.step;
      return exclusions.some((e) => t >= e.start && t < e.end);
    },
  };
}

/** `baselines`: the background pass's cache for this series (baseline-cache.ts). */
export function evaluateSeries(source: SourceSeries, from: number, to: number, exclusions: readonly Exclusion[] = [], baselines?: SeriesBaselines<unknown>): EvaluatedPoint[] {
  const counts = withExclusions(source.counts, exclusions);
  if (source.kind === 'log_error_ratio') return evaluateRatio(counts, withExclusions(source.totals!, exclusions), from, to, baselines as SeriesBaselines<RatioBaseline> | undefined);
  return evaluateCounts(counts, from, to, baselines as SeriesBaselines<Baseline> | undefined);
}

export function unitOf(source: SourceSeries): Anomaly['unit'] {
  if (source.kind === 'log_volume') return 'lines';
  if (source.kind === 'log_error_ratio') return 'ratio';
  if (source.kind === 'audit_behaviour') return 'points';
  return 'user' in source.subject ? 'operations' : 'rated traces';
}

const BEHAVIOUR_WORDS: Record<keyof AuditBehaviourCounts, [string, string]> = {
  newSourceIp: ['new source address', 'new source addresses'],
  incident: ['incident-rated operation', 'incident-rated operations'],
  destructive: ['delete/disable operation', 'delete/disable operations'],
  firstOperation: ['first-ever operation', 'first-ever operations'],
  offHours: ['action outside usual hours', 'actions outside usual hours'],
  failed: ['failed operation', 'failed operations'],
  warning: ['warning-rated operation', 'warning-rated operations'],
};

export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 6) / 10;
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

const approx = (n: number) => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));
const percent = (r: number) => `${Math.round(r * 1000) / 10} %`;

function summaryOf(source: SourceSeries, w: AnomalyWindow): string {
  const span = durationText(w.end - w.start);
  if (source.kind === 'log_error_ratio') {
    return `Error lines were ${percent(w.value / (w.total ?? 1))} of ${w.total} lines in ${span} (usually ~${percent(w.expected / (w.total ?? 1))})`;
  }
  if (source.kind === 'audit_behaviour' && source.behaviour) {
    const k0 = (w.start - source.counts.start) / source.counts.step;
    const k1 = (w.end - source.counts.start) / source.counts.step;
    const parts: string[] = [];
    for (const key of Object.keys(BEHAVIOUR_WEIGHTS) as (keyof AuditBehaviourCounts)[]) {
      const n = source.behaviour[key].slice(k0, k1).reduce((a, b) => a + b, 0);
      if (n > 0) parts.push(`${n} ${BEHAVIOUR_WORDS[key][n === 1 ? 0 : 1]}`);
    }
    return `${approx(w.value)} unusual-action points in ${span} (usually ~${approx(w.expected)}): ${parts.join(', ')}`;
  }
  const what = source.kind === 'log_volume' ? 'Lines' : 'user' in source.subject ? 'Operations' : 'Warning and incident traces';
  const verb = w.direction === 'up' ? 'rose to' : 'fell to';
  return `${what} ${verb} ${approx(w.value)} in ${span} (usually ~${approx(w.expected)})`;
}

export function toAnomaly(source: SourceSeries, w: AnomalyWindow, basis: Anomaly['basis'], feedback: AnomalyFeedback | null): Anomaly {
  const ratio = source.kind === 'log_error_ratio';
  const scale = ratio ? 1 / Math.max(1, w.total ?? 1) : 1;
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    id: anomalyId(source.kind, source.subject, w.start),
    kind: source.kind,
    subject: source.subject,
    start: w.start,
    end: w.end,
    bucketMs: source.counts.step,
    unit: unitOf(source),
    actual: round(w.value * scale),
    expected: round(w.expected * scale),
    lower: round(Math.max(0, w.expected - BAND_Z * w.sigma) * scale),
    upper: round((w.expected + BAND_Z * w.sigma) * scale),
    deviation: Math.round(((w.value - w.expected) / w.sigma) * 100) / 100,
    score: w.score,
    direction: w.direction,
    basis,
    summary: summaryOf(source, w),
    feedback,
  };
}

export interface SeriesFeedback {
  exclusions: Exclusion[];
  byId: Map<string, AnomalyFeedback>;
}

/** The basis of the point at `time` (points are in time order, some buckets missing). */
function basisAt(points: readonly EvaluatedPoint[], time: number): EvaluatedPoint['basis'] | undefined {
  let low = 0;
  let high = points.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const t = points[middle]!.time;
    if (t === time) return points[middle]!.basis;
    if (t < time) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Anomalies of one series in [from, to). Expected windows are left out of its baselines. */
export function detectInSeries(source: SourceSeries, from: number, to: number, feedback: SeriesFeedback, baselines?: SeriesBaselines<unknown>): Anomaly[] {
  const points = evaluateSeries(source, from, to, feedback.exclusions, baselines);
  return findAnomalies(points, source.counts.step, { drops: source.kind === 'log_volume' }).map((w) => {
    const id = anomalyId(source.kind, source.subject, w.start);
    return toAnomaly(source, w, basisAt(points, w.peak.time) ?? 'history', feedback.byId.get(id) ?? null);
  });
}

export { seriesKey };
