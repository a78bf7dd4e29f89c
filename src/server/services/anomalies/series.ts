/**
 * The series the detector judges, built from what the storage ports return (pure). Kinds:
 * - log_volume: lines per 5-minute bucket of a stream (rises and drops);
 * - log_error_ratio: share of error-level lines per bucket of a stream (rises only);
 * - audit_volume: a user's operations per hour, or a service's warning and incident traces;
 * - audit_behaviour: a user's unusual-action points per hour, the weighted sum of the behaviour
 *   signals below. Weights say how much one occurrence is worth, by how rarely it is innocent: an
 *   address never seen for the user 5, a successful incident-rated operation 3, a delete/disable or
 *   a first-ever operation 2, anything else 1. With these, the demo's night sign-in with tracker
 *   deletion scores 94 and no other hour of its 30 days reaches 80 (measured, see model.ts).
 */
import type { AuditBehaviourCounts, AuditSeriesData, LogSeriesData } from '../../storage/ports.ts';
import type { CountSeries } from './model.ts';

export type AnomalyKind = 'log_volume' | 'log_error_ratio' | 'audit_behaviour' | 'audit_volume';
export type Subject = { group: string; stream: string } | { user: string } | { service: string };

export const BEHAVIOUR_WEIGHTS: Record<keyof AuditBehaviourCounts, number> = {
  offHours: 1,
  firstOperation: 2,
  newSourceIp: 5,
  destructive: 2,
  failed: 1,
  warning: 1,
  incident: 3,
};

export interface SourceSeries {
  kind: AnomalyKind;
  subject: Subject;
  counts: CountSeries;
  /** For log_error_ratio: the lines per bucket the error counts are a share of. */
  totals?: CountSeries;
  /** For audit_behaviour: the signal counts behind the points. */
  behaviour?: AuditBehaviourCounts;
}

export function subjectKey(subject: Subject): string {
  if ('group' in subject) return `stream:${subject.group}/${subject.stream}`;
  if ('user' in subject) return `user:${subject.user}`;
  return `service:${subject.service}`;
}

export function seriesKey(kind: AnomalyKind, subject: Subject): string {
  return `${kind}|${subjectKey(subject)}`;
}

export function logSeries(data: LogSeriesData): SourceSeries[] {
  const result: SourceSeries[] = [];
  for (const s of data.streams) {
    const subject = { group: s.group, stream: s.stream };
    const base = { start: data.start, step: data.bucketMs, dataFrom: s.firstData };
    const totals: CountSeries = { ...base, values: s.total };
    result.push({ kind: 'log_volume', subject, counts: totals });
    result.push({ kind: 'log_error_ratio', subject, counts: { ...base, values: s.errors }, totals });
  }
  return result;
}

export function behaviourPoints(counts: AuditBehaviourCounts, k: number): number {
  let points = 0;
  for (const key of Object.keys(BEHAVIOUR_WEIGHTS) as (keyof AuditBehaviourCounts)[]) points += counts[key][k]! * BEHAVIOUR_WEIGHTS[key];
  return points;
}

export function auditSeries(data: AuditSeriesData): SourceSeries[] {
  const result: SourceSeries[] = [];
  const base = { start: data.start, step: data.bucketMs };
  for (const u of data.users) {
    const subject = { user: u.user };
    result.push({ kind: 'audit_volume', subject, counts: { ...base, dataFrom: u.firstData, values: u.operations } });
    const points = u.operations.map((_, k) => behaviourPoints(u.behaviour, k));
    result.push({ kind: 'audit_behaviour', subject, counts: { ...base, dataFrom: u.firstData, values: points }, behaviour: u.behaviour });
  }
  for (const s of data.services) {
    result.push({ kind: 'audit_volume', subject: { service: s.service }, counts: { ...base, dataFrom: s.firstData, values: s.rated } });
  }
  return result;
}
