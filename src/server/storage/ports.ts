/**
 * Storage ports: what the BFF needs from a store, in LTS/CTS terms. The embedded adapter
 * (node:sqlite) and the OTC adapter (LTS/CTS REST APIs) implement them; routes and services see
 * only these interfaces. The adapter is chosen once at startup (storage/index.ts).
 */
import type { CtsTrace, LogGroup, TruncatedReason } from '../../contract/index.ts';
import type { QueryNode } from '../../query/ast.ts';
import type { AnomalySeriesPort } from './anomaly-series-port.ts';
import type { TraceQueryPort } from './trace-query-port.ts';

export type * from './trace-query-port.ts';
export type * from './anomaly-series-port.ts';

export type StoreKind = 'embedded' | 'otc';

/** Labels of a log line as LTS reports them: hostName, hostIP, pathFile, appName, level, … */
export type LogLabels = Record<string, string>;

/** A line to append. `time` is epoch ms (UTC). */
export interface NewLogLine {
  time: number;
  content: string;
  labels: LogLabels;
}

export interface StreamBatch {
  streamId: string;
  lines: readonly NewLogLine[];
}

/** Where a continuous source (a followed file) stands; saved with the lines it delivered. */
export interface IngestCursor {
  source: string;
  /** The source's own serialisation (JSON). */
  position: string;
}

export interface NewLogGroup {
  name: string;
  ttlInDays: number;
  tags?: Record<string, string>;
}

export interface NewLogStream {
  groupId: string;
  name: string;
  /** Overrides the group's retention when set. */
  ttlInDays?: number | null;
  tags?: Record<string, string>;
}

export interface AppendResult {
  /** Number of lines written, always all of the batch: a batch is written whole or not at all. */
  written: number;
  /** line_num of the first and last line written (19-digit strings, time-ordered). */
  firstLineNum: string | null;
  lastLineNum: string | null;
}

export interface TraceAppendResult {
  inserted: number;
  /** trace_ids already present; they were skipped. */
  duplicates: string[];
}

export interface RetentionResult {
  deletedLines: number;
  /** Per stream: how many lines were removed and the cut-off used. */
  streams: { groupName: string; streamName: string; deleted: number; cutoff: number }[];
}

export interface StoreCounts {
  lines: number;
  traces: number;
  /** A remote store that cannot tell a total says so here (the number is then 0 and means nothing). */
  unknown?: ('lines' | 'traces')[];
}

/**
 * How much of a source (a file, into one target) is in the store. Written by the store in the
 * same transaction as the batch it describes, so it never claims lines that were not committed.
 */
export interface ImportProgress {
  /** What was imported where, e.g. `file:/var/log/auth.log -> <stream id>`. */
  source: string;
  /** Identity of the file: the first `headBytes` bytes hash to `headHash` (sha256, hex). */
  headBytes: number;
  headHash: string;
  /** File size when the batch was read. */
  size: number;
  /** Bytes and lines of the file consumed up to the end of the last committed batch. */
  bytes: number;
  lines: number;
  /** Time of the last line committed (continuation lines after it inherit it); null if none. */
  lastTime: number | null;
  /** The whole file was read. */
  complete: boolean;
  updatedAt: number;
}

/** Log groups, streams and lines (LTS). */
export interface LogPort {
  /** Groups with their streams, retention and line counts, ordered by name. */
  listGroups(): Promise<LogGroup[]>;
  /** Creates the group, or returns the existing one with that name (its ttl unchanged). */
  ensureGroup(group: NewLogGroup): Promise<{ id: string; created: boolean; ttlInDays: number }>;
  /** Creates the stream, or returns the existing one with that name in the group. */
  ensureStream(stream: NewLogStream): Promise<{ id: string; created: boolean }>;
  /**
   * Appends lines to a stream in one transaction. Durable once the promise resolves. With
   * `progress`, that record is stored in the same transaction (also for an empty batch).
   */
  appendLines(streamId: string, lines: readonly NewLogLine[], progress?: ImportProgress): Promise<AppendResult>;
  /** The progress record of a source; null when none. Absent: the store cannot resume imports. */
  importProgress?(source: string): Promise<ImportProgress | null>;
  /**
   * Appends lines to several streams and saves a source's position, all in one transaction
   * (written whole or not at all); returns the number of lines written.
   */
  appendBatches(batches: readonly StreamBatch[], cursors: readonly IngestCursor[]): Promise<number>;
  /** The position last saved for a continuous source, or null. */
  readIngestCursor(source: string): Promise<string | null>;
  /** Deletes lines older than their stream's (else group's) ttl_in_days, relative to `now`. */
  applyRetention(now: number): Promise<RetentionResult>;
}

/** CTS audit traces. */
export interface TracePort {
  /** Inserts traces in one transaction, skipping trace_ids already stored; `progress` as for lines. */
  appendTraces(traces: readonly CtsTrace[], progress?: ImportProgress): Promise<TraceAppendResult>;
}

/** One region of a remote store as /api/health shows it. */
export interface RegionStatus {
  name: string;
  primary: boolean;
  serving: boolean;
  circuit: 'closed' | 'open' | 'half_open';
  errorRate: number;
  latencyMs: number | null;
  lastError: string | null;
  lastCheckedAt: number | null;
}

export interface Store {
  readonly kind: StoreKind;
  /** Regions of a remote store (OTC), in failover order; absent for the embedded store. */
  regions?(): RegionStatus[];
  readonly logs: LogPort;
  readonly traces: TracePort;
  counts(): Promise<StoreCounts>;
  /** Waits for pending writes, stops workers and closes the database. */
  close(): Promise<void>;
}

/** How much one request may examine before it stops and says so (rows scanned, wall time). */
export interface ScanBudget {
  maxRows: number;
  maxMs: number;
}

/**
 * Scheduling hints for a read. Optional everywhere: adapters may ignore them, and a caller that
 * gives none is treated as interactive with the weight its query implies.
 */
export interface ReadHints {
  /**
   * 'interactive': someone is waiting (a first page, the histogram of the visible window);
   * 'bulk': exports and other long scans; 'background': engines running on their own schedule.
   * Interactive reads start before bulk ones, bulk before background.
   */
  priority?: 'interactive' | 'bulk' | 'background';
  /** Whether the read examines rows one by one over its window (search/cost.ts decides when unset). */
  heavy?: boolean;
}

/** What to search: a parsed query over [from, to) (epoch ms) in some streams. */
export interface SearchScope {
  query: QueryNode;
  from: number;
  to: number;
  /** Stream ids to search; null searches every stream. */
  streamIds: readonly string[] | null;
  hints?: ReadHints;
}

export interface LineSearchRequest extends SearchScope {
  order: 'newest' | 'oldest';
  limit: number;
  /** `next` of the previous page; null for the first page. */
  position: string | null;
  budget: ScanBudget;
}

/**
 * Where a remote store's answer came from and what limited it (the OTC adapter sets it; the
 * embedded store leaves it out).
 */
export interface RemoteInfo {
  /** Region that answered (the last one, when calls went to several). */
  region: string;
  /** A region failed during the request and the read was retried on another one. */
  retried: boolean;
  /** Part of the query was applied in Vigil to the lines the remote store returned. */
  localFilter: boolean;
  /** Lines the remote store returned for this answer (before local filtering). */
  remoteLines: number;
  /** Reads refused by a quota: the answer lacks these streams; retry after `retryAt` (epoch ms). */
  throttled: { retryAt: number; streams: string[] } | null;
  /** Why the answer is incomplete on the remote side (e.g. LTS isQueryComplete=false), else null. */
  incomplete: string | null;
  /**
   * The cursor came from another region (line numbers differ between regions): this page
   * restarted at the cursor's millisecond in `region` and left out the lines already shown there;
   * `mayRepeat` when more lines shared that millisecond than the cursor could remember.
   */
  cursorFrom?: { region: string; time: number; mayRepeat: boolean } | null;
}

/** A stored line as search results show it. */
export interface FoundLine {
  lineNum: string;
  time: number;
  streamId: string;
  streamName: string;
  groupName: string;
  content: string;
  labels: LogLabels;
}

export interface LineSearchPage {
  lines: FoundLine[];
  /** Where the next page continues; null when the window holds no further matches. */
  next: string | null;
  /** Set when the page stopped on a bound before it was full. */
  truncatedReason: TruncatedReason | null;
  /** Rows examined. */
  scanned: number;
  /** Exact number of matches in the whole window, when it was cheap to know; else null. */
  total: number | null;
  /** Query parts no index could answer, so the lines were scanned (see CompiledQuery.notIndexed). */
  notIndexed?: string[];
  remote?: RemoteInfo;
}

export interface HistogramRequest extends SearchScope {
  /** Bucket width; buckets sit on multiples of it since the epoch. */
  bucketMs: number;
  budget: ScanBudget;
  /**
   * Count by this label or parsed field instead of by level (`byLevel` then holds its values,
   * '' for lines without it). `ip` also reads the first IPv4 address in the content.
   */
  groupBy?: string;
}

export interface HistogramResult {
  /** Buckets with matches, by grid start (not clipped to the window), with counts per level ('' = none). */
  buckets: { start: number; byLevel: Record<string, number> }[];
  total: number;
  truncatedReason: TruncatedReason | null;
  /** When truncated: counts are exact from here to `to`; null when complete. */
  coveredFrom: number | null;
  /** Query parts no index could answer, so the lines were scanned. */
  notIndexed?: string[];
  remote?: RemoteInfo;
}

export interface FacetRequest extends SearchScope {
  /** Label or parsed field names; `stream` counts by log stream. */
  fields: readonly string[];
  /** Count over at most this many of the newest matching lines. */
  sampleLines: number;
  top: number;
  budget: ScanBudget;
}

export interface FacetCounts {
  field: string;
  values: { value: string; count: number; group?: string }[];
  other: number;
  missing: number;
}

export interface FacetResult {
  facets: FacetCounts[];
  /** Lines counted. */
  lines: number;
  oldestCounted: number | null;
  truncatedReason: TruncatedReason | null;
  remote?: RemoteInfo;
}

export interface ContextRequest {
  lineNum: string;
  before: number;
  after: number;
}

export interface ContextResult {
  line: FoundLine;
  /** Oldest first, like `after`. */
  before: FoundLine[];
  after: FoundLine[];
  moreBefore: boolean;
  moreAfter: boolean;
}

/**
 * Log search (LTS "search logs"). Every method does bounded work and says when a bound cut the
 * result short; `signal` aborts the work in the store when the client goes away.
 */
export interface SearchPort {
  searchLines(request: LineSearchRequest, signal?: AbortSignal): Promise<LineSearchPage>;
  histogram(request: HistogramRequest, signal?: AbortSignal): Promise<HistogramResult>;
  facets(request: FacetRequest, signal?: AbortSignal): Promise<FacetResult>;
  /** The lines around one line in its stream; null when no line has that number. */
  context(request: ContextRequest): Promise<ContextResult | null>;
  /**
   * How often a live tail over these streams may poll without using up a read quota (a remote
   * store's); absent when the store has no such limit.
   */
  followPace?(streamIds: readonly string[] | null): Promise<FollowPace>;
  /**
   * Lines that arrived behind a newer stored line, in arrival order: whoever follows the store by
   * position (forwarders) has passed their place and finds them here. Absent when the store cannot
   * tell (a remote store).
   */
  lateArrivals?(request: LateArrivalsRequest): Promise<LateArrivalsPage>;
}

export interface LateArrivalsRequest {
  /** Arrivals after this one (`lastSeq` of an earlier page); null asks only where arrivals stand now. */
  afterSeq: number | null;
  /** Lines matching the query in these streams (null: every stream) with a position in (after, upTo]. */
  query: QueryNode;
  streamIds: readonly string[] | null;
  after: string;
  upTo: string;
  /** Most arrivals examined (not returned) by one call. */
  limit: number;
  hints?: ReadHints;
}

export interface LateArrivalsPage {
  /** The examined arrivals that match, oldest arrival first. */
  lines: FoundLine[];
  /** The last arrival examined (or where arrivals stood, for afterSeq null): the next call's afterSeq. */
  lastSeq: number;
  /** More arrivals wait after lastSeq. */
  more: boolean;
  /** The newest line position stored when this was read: no line at or below it can arrive without being an arrival here. */
  newestPosition: string;
}

/** A remote store's pace for live tails: the shortest poll interval and why. */
export interface FollowPace {
  pollMs: number;
  reason: string;
}

/**
 * A store that can also search: what the BFF runs on, and what every adapter provides. Writers
 * (seeding, file import) need only `Store`.
 */
export interface SearchableStore extends Store {
  readonly search: SearchPort;
  /** Traces can also be listed, counted and explained (the audit-trail explorer). */
  readonly traces: TracePort & TraceQueryPort;
  /** Series for the anomaly detector, from rollups and trace columns. */
  readonly anomalySeries: AnomalySeriesPort;
}
