/**
 * Reading CTS traces: the audit-trail explorer's list, detail, timeline, facets and signals, in
 * CTS terms. Part of the storage ports (ports.ts re-exports it); every adapter implements it.
 */
import type { CtsTrace, TraceFacetName, TraceRating, TraceSignal, TraceSummary } from '../../contract/index.ts';

/**
 * Which traces a query covers. Values within one field are alternatives (OR), fields combine
 * with AND, and an empty list leaves its field unconstrained. Plain data: it crosses to workers.
 */
export interface TraceFilter {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  serviceTypes: string[];
  resourceTypes: string[];
  traceNames: string[];
  ratings: TraceRating[];
  traceTypes: CtsTrace['trace_type'][];
  /** User names or user ids, exact. */
  users: string[];
  /** Source addresses, exact. */
  sourceIps: string[];
  /** Source networks; an address matches when it lies in any of them. */
  networks: { address: string; prefixLength: number }[];
  /** Substrings of resource_id / resource_name, case-insensitive. */
  resourceIds: string[];
  resourceNames: string[];
  /** Substrings of trace_name or resource_name (either may contain it), case-insensitive. */
  texts: string[];
  requestIds: string[];
  /** Exact status codes ("404") and classes by first digit (4 for 4xx). */
  codes: string[];
  codeClasses: number[];
}

/** A keyset position: newest-first order is (time DESC, id DESC); `id` is the store's tie-breaker. */
export interface TraceCursor {
  time: number;
  id: number;
}

export type StoredTraceSummary = Omit<TraceSummary, 'signals'>;

/** Where a remote store's (OTC) trace answer came from and how far back it could look. */
export interface TraceRemoteInfo {
  region: string;
  /** The first region failed and the read was retried on another one. */
  retried: boolean;
  /** The store holds traces from this time on only (CTS: the last 7 days) and the window began earlier. */
  reachableFrom: number | null;
  /** The limit that cut the window, in words; null when nothing was cut. */
  limit: string | null;
}

export interface TracePage {
  traces: StoredTraceSummary[];
  /** Position after the last trace of the page; null when no older trace matches. */
  next: TraceCursor | null;
  remote?: TraceRemoteInfo;
}

export interface TimelineRequest {
  filter: TraceFilter;
  /** Start of the first bucket (at or before filter.from) and the bucket width, epoch ms. */
  bucketStart: number;
  bucketMs: number;
  bucketCount: number;
  /** Individual points are returned only when at most this many traces match. */
  maxPoints: number;
}

export interface TimelinePointData {
  time: number;
  trace_id: string;
  service_type: string;
  trace_name: string;
  trace_rating: TraceRating;
  user: string;
  source_ip: string;
}

export interface TimelineData {
  /** Per bucket, in order: counts by rating. */
  normal: number[];
  warning: number[];
  incident: number[];
  total: number;
  /** Every matching trace, oldest first, when `total <= maxPoints`; otherwise null. */
  points: TimelinePointData[] | null;
  /** Set when a bounded scan (substring filters) stopped early: counts cover [coveredFrom, to). */
  coveredFrom: number | null;
  remote?: TraceRemoteInfo;
}

export interface FacetData {
  values: { value: string; count: number }[];
  distinct: number;
}

export interface FacetsData {
  total: number;
  facets: Record<TraceFacetName, FacetData>;
  /** As for the timeline: counts cover [coveredFrom, to) when set. */
  coveredFrom: number | null;
  remote?: TraceRemoteInfo;
}

export interface TraceQueryPort {
  /** Newest first, `limit` traces older than `after` (keyset paging, no gaps or repeats). */
  listTraces(filter: TraceFilter, page: { limit: number; after: TraceCursor | null }): Promise<TracePage>;
  /** The whole record, bodies as stored; null when no trace has that id. */
  getTrace(traceId: string): Promise<CtsTrace | null>;
  /** Signals per trace_id; ids not stored are left out. */
  traceSignals(traceIds: readonly string[]): Promise<Record<string, TraceSignal[]>>;
  timeline(request: TimelineRequest): Promise<TimelineData>;
  /** Top `top` values per facet; each facet applies every filter but its own. */
  facets(filter: TraceFilter, top: number): Promise<FacetsData>;
  /** Every distinct user name and source address stored (to resolve pseudonyms). */
  actors(): Promise<{ users: string[]; sourceIps: string[] }>;
  /**
   * Traces stored after the `afterSeq`th insertion whose time lies in the filter's window, in
   * insertion order: whoever follows traces by time finds here those that arrived behind it (an
   * import of an older CTS file). Absent when the store cannot tell (a remote store).
   */
  lateTraces?(filter: TraceFilter, afterSeq: number | null, limit: number): Promise<LateTracesPage>;
}

export interface LateTracesPage {
  /** The examined traces that match the filter, in insertion order. */
  traces: StoredTraceSummary[];
  /** The last insertion examined (for afterSeq null: the newest one now): the next call's afterSeq. */
  lastSeq: number;
  /** More traces were stored after lastSeq. */
  more: boolean;
}
