/**
 * What the anomaly detector reads from a store: series built from what the store already keeps
 * (the 5-minute line rollups, the trace columns), never a scan of raw lines. Part of the storage
 * ports; every adapter implements it (the OTC adapter from LTS/CTS statistics).
 */

/** Line counts per 5-minute bucket of every stream over [from, to). */
export interface LogSeriesRequest {
  /** Inclusive, epoch ms (rounded down to the bucket grid). */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** Only this stream (by group and stream name); every stream when absent. */
  only?: { group: string; stream: string };
}

export interface LogStreamSeries {
  streamId: string;
  group: string;
  stream: string;
  /** Lines per bucket, bucket k starting at `start + k * bucketMs`. */
  total: number[];
  /**
   * Lines with an error level (ERROR, FATAL, CRITICAL, ALERT, EMERG) per bucket, plus lines
   * without a level whose HTTP status (the `status` field) is 500 or more: access logs.
   */
  errors: number[];
  /** Start of the first bucket holding any line of this stream in the store, or null. */
  firstData: number | null;
}

export interface LogSeriesData {
  start: number;
  bucketMs: number;
  buckets: number;
  streams: LogStreamSeries[];
}

/** Hourly audit series of every user and service over [from, to). */
export interface AuditSeriesRequest {
  from: number;
  to: number;
}

/** Per hour, how many of a user's traces carried each behaviour signal. */
export interface AuditBehaviourCounts {
  /** Outside the user's usual hours (under 5 % of their traces at that UTC hour of day). */
  offHours: number[];
  /** First call of an operation by this user in the stored history. */
  firstOperation: number[];
  /** Distinct source addresses first seen for this user within a day before. */
  newSourceIp: number[];
  /** Delete, disable, remove, stop, detach, revoke, schedule…Deletion operations. */
  destructive: number[];
  /** Failed operations (code >= 400). */
  failed: number[];
  /** Traces rated warning, and successful operations rated incident (CTS rates failures incident too). */
  warning: number[];
  incident: number[];
}

export interface AuditUserSeries {
  user: string;
  /** Traces per hour. */
  operations: number[];
  behaviour: AuditBehaviourCounts;
  /** First hour (start, epoch ms) with a trace of this user in the store, or null. */
  firstData: number | null;
}

export interface AuditServiceSeries {
  service: string;
  /** Warning and incident traces per hour. */
  rated: number[];
  firstData: number | null;
}

export interface AuditSeriesData {
  start: number;
  bucketMs: number;
  buckets: number;
  /** Start of the oldest stored trace; behaviour signals need 7 days of history after it. */
  earliestTrace: number | null;
  users: AuditUserSeries[];
  services: AuditServiceSeries[];
}

/** What one user's or service's traces in a window consisted of, next to a baseline period. */
export interface AuditBreakdownRequest {
  user?: string;
  service?: string;
  from: number;
  to: number;
  /** Start of the baseline period, which ends at `from`. */
  baselineFrom: number;
  /** Traces listed individually (newest last), at most. */
  maxTraces: number;
}

export interface AuditBreakdownTrace {
  time: number;
  trace_id: string;
  trace_name: string;
  service_type: string;
  source_ip: string;
  user: string;
  rating: 'normal' | 'warning' | 'incident';
  code: string;
  /** Which behaviour signals the trace carried (names as in AuditBehaviourCounts). */
  signals: string[];
}

export interface AuditBreakdown {
  /** Counts in the window and in the baseline period, per field value. */
  window: Record<'trace_name' | 'source_ip' | 'service_type' | 'user', Record<string, number>>;
  baseline: Record<'trace_name' | 'source_ip' | 'service_type' | 'user', Record<string, number>>;
  windowTotal: number;
  baselineTotal: number;
  /** Share of the user's traces (over the history held) at each UTC hour of day; empty for services. */
  hourShare: number[];
  traces: AuditBreakdownTrace[];
  /** More traces matched than were listed. */
  moreTraces: boolean;
}

export interface AnomalySeriesPort {
  logSeries(request: LogSeriesRequest): Promise<LogSeriesData>;
  auditSeries(request: AuditSeriesRequest): Promise<AuditSeriesData>;
  auditBreakdown(request: AuditBreakdownRequest): Promise<AuditBreakdown>;
}
