/**
 * Storage ports: what the BFF needs from a store, in LTS/CTS terms. The embedded adapter
 * (node:sqlite) and the OTC adapter (LTS/CTS REST APIs) implement them; routes and services see
 * only these interfaces. The adapter is chosen once at startup (storage/index.ts).
 */
import type { CtsTrace, LogGroup } from '../../contract/index.ts';

export type StoreKind = 'embedded' | 'otc';

/** Labels of a log line as LTS reports them: hostName, hostIP, pathFile, appName, level, … */
export type LogLabels = Record<string, string>;

/** A line to append. `time` is epoch ms (UTC). */
export interface NewLogLine {
  time: number;
  content: string;
  labels: LogLabels;
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
}

/** Log groups, streams and lines (LTS). */
export interface LogPort {
  /** Groups with their streams, retention and line counts, ordered by name. */
  listGroups(): Promise<LogGroup[]>;
  /** Creates the group, or returns the existing one with that name (its ttl unchanged). */
  ensureGroup(group: NewLogGroup): Promise<{ id: string; created: boolean; ttlInDays: number }>;
  /** Creates the stream, or returns the existing one with that name in the group. */
  ensureStream(stream: NewLogStream): Promise<{ id: string; created: boolean }>;
  /** Appends lines to a stream in one transaction. Durable once the promise resolves. */
  appendLines(streamId: string, lines: readonly NewLogLine[]): Promise<AppendResult>;
  /** Deletes lines older than their stream's (else group's) ttl_in_days, relative to `now`. */
  applyRetention(now: number): Promise<RetentionResult>;
}

/** CTS audit traces. */
export interface TracePort {
  /** Inserts traces in one transaction, skipping trace_ids already stored. */
  appendTraces(traces: readonly CtsTrace[]): Promise<TraceAppendResult>;
}

export interface Store {
  readonly kind: StoreKind;
  readonly logs: LogPort;
  readonly traces: TracePort;
  counts(): Promise<StoreCounts>;
  /** Waits for pending writes, stops workers and closes the database. */
  close(): Promise<void>;
}
