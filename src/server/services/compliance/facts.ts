/**
 * What the checks look at, gathered from the storage ports and Vigil's state by the runner
 * (runner.ts) and judged by pure functions (checks-*.ts), so every check is testable with plain data.
 */
import type { ApiToken, AuditRecord, AuditVerification, CompliancePolicy, TraceRating } from '../../../contract/index.ts';
import type { RetentionRun } from '../../state/compliance-state.ts';
import type { CtsVerificationSummary } from '../../state/cts-verifications.ts';

export interface StreamFact {
  group: string;
  stream: string;
  groupId: string;
  /** Effective retention: the stream's own, else its group's. */
  ttlDays: number;
  latestTime: number | null;
  /** null: the store could not tell. */
  lineCount: number | null;
}

export interface TraceFact {
  traceId: string;
  time: number;
  recordTime: number;
  service: string;
  name: string;
  rating: TraceRating;
  user: string;
  sourceIp: string;
  resourceType: string;
  resourceName: string;
  /** Tracker status from the request body (updateTracker), when stated. */
  trackerStatus: string | null;
}

/** Alert rules, once the alerting feature is wired in (absent today: the check says so). */
export interface AlertRulesSource {
  rules(): Promise<{ id: string; name: string; enabled: boolean; topics: string[] }[]>;
}
/** Delivery status of notifications, once the notification outbox is wired in. */
export interface DeliverySource {
  deliveries(from: number, to: number): Promise<{ delivered: number; failed: number; pending: number }>;
}

/** Critical alerts that started in a period, with when (if) someone acknowledged them. */
export interface CriticalAlertSource {
  criticalAlerts(from: number, to: number): Promise<{ alerts: CriticalAlertFact[]; truncated: boolean }>;
}
export interface CriticalAlertFact {
  id: string;
  ruleName: string;
  startsAt: number;
  ackedAt: number | null;
}

export interface ComplianceFacts {
  now: number;
  from: number;
  to: number;
  policy: CompliancePolicy;
  streams: StreamFact[];
  retention: { last: RetentionRun | null; lastSuccess: RetentionRun | null; deletedSince: number; runsSince: number };
  /** Expected time between retention passes. */
  retentionIntervalMs: number;
  /** Tracker lifecycle traces (create, update, delete) of all time, oldest first. */
  trackerEvents: TraceFact[];
  /** Trace counts per hour over [from, to), oldest first, starting at `hourlyStart`. */
  hourlyStart: number;
  hourlyTraces: number[];
  newestTraces: TraceFact[];
  incidents: TraceFact[];
  incidentsTruncated: boolean;
  auditVerification: AuditVerification;
  /** Vigil's audit records of the period, oldest first (bounded). */
  auditRecords: AuditRecord[];
  auditTruncated: boolean;
  tokens: ApiToken[];
  alertRules: Awaited<ReturnType<AlertRulesSource['rules']>> | null;
  deliveries: Awaited<ReturnType<DeliverySource['deliveries']>> | null;
  /** Critical alerts of the period; null when alerting is not wired in. */
  criticalAlerts: Awaited<ReturnType<CriticalAlertSource['criticalAlerts']>> | null;
  /** Imported CTS trace files checked against CTS digests; null or absent when none was. */
  ctsVerification?: CtsVerificationSummary | null;
}

/** How personal data appears in evidence: as is for admins, as pseudonyms for managers. */
export interface Masker {
  user(value: string): string;
  ip(value: string): string;
}

export const REVEAL: Masker = { user: (v) => v, ip: (v) => v };
