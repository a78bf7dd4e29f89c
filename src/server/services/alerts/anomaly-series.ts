/**
 * Anomaly rules: the detector's anomalies as bucketed values for the alert state machine. Each
 * subject (a stream, a user, a service) is a group; its value at evaluation time t is the highest
 * score of its anomalies that overlap the window [t - window, t) and whose first bucket was
 * complete by t (the detector judges complete buckets only, so the evaluator could not have seen
 * one earlier). The cells already hold the window's maximum, so the model runs with a one-step
 * window and sums nothing.
 *
 * The backtest replays detect() over history and sees each anomaly with its final score; the
 * evaluator sees the score known at the time. Both agree on when an anomaly starts and ends (the
 * window is at least one detector bucket, so an anomaly in progress never drops out of it), and
 * differ only for an anomaly whose score climbs past the threshold after its first bucket: the
 * backtest fires it from its start, the evaluator once the score is reached.
 */
import type { AlertRuleInput, Anomaly, AnomalyKind } from '../../../contract/index.ts';
import type { DetectRequest, DetectResult } from '../anomalies/detector.ts';
import type { BucketCells } from './model.ts';

export type AnomalyCondition = Extract<AlertRuleInput['condition'], { type: 'anomaly' }>;

/** What anomaly rules need of the detector (AnomalyDetector implements it). */
export interface AnomalyLookup {
  detect(request: DetectRequest): Promise<DetectResult>;
}

const LOG_KINDS: readonly AnomalyKind[] = ['log_volume', 'log_error_ratio'];
/** The detector's bucket widths: 5-minute line rollups, hourly audit series. */
export const anomalyBucketMs = (kind: AnomalyKind): number => (LOG_KINDS.includes(kind) ? 300_000 : 3_600_000);
export const isLogKind = (kind: AnomalyKind): boolean => LOG_KINDS.includes(kind);

/** Up to where the detector has judged a kind at `now`: the end of its last complete bucket. */
export function anomalyHorizon(kind: AnomalyKind, now: number): number {
  const bucket = anomalyBucketMs(kind);
  return now - (now % bucket);
}

/** Longest stretch asked of the detector at once (its own windows span at most 35 days). */
const DETECT_CHUNK_MS = 30 * 86_400_000;

export function subjectGroupKey(subject: Anomaly['subject']): string {
  if ('group' in subject) return `stream:${subject.group}/${subject.stream}`;
  if ('user' in subject) return `user:${subject.user}`;
  return `service:${subject.service}`;
}

/** The labels of an anomaly group, e.g. {group: "ecs-prod", stream: "auth"} or {user: "tobias.becker"}. */
export function subjectLabels(groupKey: string): Record<string, string> {
  const colon = groupKey.indexOf(':');
  const kind = groupKey.slice(0, colon);
  const value = groupKey.slice(colon + 1);
  if (kind === 'stream') {
    const slash = value.indexOf('/');
    return { group: value.slice(0, slash), stream: value.slice(slash + 1) };
  }
  return kind === 'user' || kind === 'service' ? { [kind]: value } : {};
}

export function subjectText(groupKey: string): string {
  return groupKey.slice(groupKey.indexOf(':') + 1);
}

export function detectRequest(c: AnomalyCondition, from: number, to: number): DetectRequest {
  const opt = (value: string) => (value === '' ? undefined : value);
  return { from, to, kind: c.kind, group: opt(c.group), stream: opt(c.stream), user: opt(c.user), service: opt(c.service) };
}

export interface AnomalyCells {
  cells: BucketCells;
  /** Evaluation times after this are not judged by the detector yet. */
  judgedUntil: number;
  incompleteReason: string | null;
}

/** Per-step values for evaluations at origin + (i + 1) * stepMs, bucket i, over [from, to). */
export async function loadAnomalyCells(lookup: AnomalyLookup, c: AnomalyCondition, from: number, to: number, stepMs: number): Promise<AnomalyCells> {
  const windowMs = c.windowSeconds * 1000;
  // An anomaly seen at the first evaluation may have started up to a window earlier.
  const detectFrom = from - windowMs;
  const anomalies = new Map<string, Anomaly>();
  let judgedUntil = to;
  for (let start = detectFrom; start < to; start += DETECT_CHUNK_MS) {
    const end = Math.min(to, start + DETECT_CHUNK_MS);
    const result = await lookup.detect(detectRequest(c, start, end));
    for (const anomaly of result.anomalies) if (anomaly.score >= 1) anomalies.set(anomaly.id, anomaly);
    if (end === to) judgedUntil = Math.min(judgedUntil, result.evaluatedUntil);
  }
  const cells: BucketCells = new Map();
  for (const anomaly of anomalies.values()) {
    const group = subjectGroupKey(anomaly.subject);
    const visible = anomaly.start + anomaly.bucketMs;
    // Evaluation times t on the grid with visible <= t and t - window < end.
    const first = Math.max(from + stepMs, Math.ceil(visible / stepMs) * stepMs);
    for (let t = first; t < anomaly.end + windowMs && t <= to; t += stepMs) {
      const index = Math.round((t - from) / stepMs) - 1;
      let bucket = cells.get(index);
      if (!bucket) cells.set(index, (bucket = new Map()));
      bucket.set(group, Math.max(bucket.get(group) ?? 0, anomaly.score));
    }
  }
  const incompleteReason = judgedUntil < to ? `anomalies after ${new Date(judgedUntil).toISOString()} are not judged yet` : null;
  return { cells, judgedUntil, incompleteReason };
}
