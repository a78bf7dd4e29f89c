/**
 * The one way live receivers write: a bounded queue drained by a single loop that commits
 * everything waiting in one store transaction (group commit) and only then resolves each
 * submission. A receiver acknowledges its sender when its submission resolves, so an
 * acknowledged line is a committed line. When the queue is full, submissions are refused at once
 * (HTTP answers 429, TCP pauses reading) instead of growing memory.
 */
import { silentLogger, type Logger } from '../../logger.ts';
import type { IngestCursor, NewLogLine, Store } from '../../storage/ports.ts';
import type { IngestMetrics, ReceiverMetrics } from './metrics.ts';
import { StreamResolver } from './streams.ts';

export interface IngestEntry {
  group: string;
  stream: string;
  line: NewLogLine;
}

export class QueueFullError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('the ingest queue is full; retry later');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface IngestQueueOptions {
  store: Store;
  metrics: IngestMetrics;
  /** Most lines waiting or being written at once. */
  maxLines?: number;
  /** Most content bytes (approximate: UTF-16 length) waiting at once. */
  maxBytes?: number;
  /** Most lines in one transaction. */
  maxBatchLines?: number;
  /** Retention of groups the receivers create. */
  ttlDays?: number;
  logger?: Logger;
  now?: () => number;
}

interface Submission {
  receiver: ReceiverMetrics;
  entries: readonly IngestEntry[];
  cursor: IngestCursor | null;
  bytes: number;
  resolve: (committed: number) => void;
  reject: (error: Error) => void;
}

export const DEFAULT_QUEUE_LINES = 200_000;
export const DEFAULT_QUEUE_BYTES = 64 * 1024 * 1024;
/** Transactions handed to the store at once (see #drain). */
const COMMITS_IN_FLIGHT = 2;

export class IngestQueue {
  readonly maxLines: number;
  readonly maxBytes: number;
  readonly #maxBatch: number;
  readonly #store: Store;
  readonly #metrics: IngestMetrics;
  readonly #streams: StreamResolver;
  readonly #logger: Logger;
  readonly #now: () => number;
  #pending: Submission[] = [];
  #lines = 0;
  #bytes = 0;
  #draining: Promise<void> | null = null;
  /** Wakes the drain loop while it waits with a slot free (see #drain). */
  #arrived: (() => void) | null = null;
  #roomWaiters: (() => void)[] = [];
  #closed = false;

  constructor(options: IngestQueueOptions) {
    this.maxLines = options.maxLines ?? DEFAULT_QUEUE_LINES;
    this.maxBytes = options.maxBytes ?? DEFAULT_QUEUE_BYTES;
    this.#maxBatch = options.maxBatchLines ?? 20_000;
    this.#store = options.store;
    this.#metrics = options.metrics;
    this.#streams = new StreamResolver(options.store, options.ttlDays ?? 30);
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
  }

  get depth(): { lines: number; bytes: number } {
    return { lines: this.#lines, bytes: this.#bytes };
  }

  status() {
    return { queue: { lines: this.#lines, bytes: this.#bytes, maxLines: this.maxLines, maxBytes: this.maxBytes }, receivers: this.#metrics.snapshot() };
  }

  metricsOf(receiver: string): ReceiverMetrics {
    return this.#metrics.receiver(receiver);
  }

  /** Whether a submission of this size would be taken now. */
  hasRoom(lines: number, bytes: number): boolean {
    // An empty queue takes any one submission, so an oversized one cannot wait forever.
    if (this.#lines === 0) return true;
    return this.#lines + lines <= this.maxLines && this.#bytes + bytes <= this.maxBytes;
  }

  /** Resolves when the queue has drained below its bounds (for receivers that pause instead). */
  waitForRoom(): Promise<void> {
    if (this.#lines < this.maxLines && this.#bytes < this.maxBytes) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  /**
   * Queues entries for the store; resolves with their count once they are committed, rejects with
   * QueueFullError at once when there is no room, or with the store's error (nothing written).
   */
  submit(receiver: string, entries: readonly IngestEntry[], cursor: IngestCursor | null = null): Promise<number> {
    const metrics = this.#metrics.receiver(receiver);
    if (this.#closed) return Promise.reject(new Error('ingest is shutting down'));
    let bytes = 0;
    for (const entry of entries) bytes += entry.line.content.length;
    if (!this.hasRoom(entries.length, bytes)) {
      metrics.reject('queue_full', entries.length);
      return Promise.reject(new QueueFullError(1));
    }
    if (entries.length === 0 && cursor === null) return Promise.resolve(0);
    this.#lines += entries.length;
    this.#bytes += bytes;
    return new Promise<number>((resolve, reject) => {
      this.#pending.push({ receiver: metrics, entries, cursor, bytes, resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#draining) {
      this.#arrived?.();
      return;
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      // A submission may arrive after the loop saw an empty queue but before this callback.
      if (this.#pending.length > 0) this.#kick();
    });
  }

  /** Refuses new submissions and waits for the queued ones to be committed. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#draining) await this.#draining;
  }

  /**
   * Up to COMMITS_IN_FLIGHT transactions are handed to the store at once: the writer takes them in
   * order, and the next one is built and sent while it commits the one before (else it waits for
   * this thread between transactions). Measured, 4 interleaved runs of 150,000 lines each way:
   * OTLP JSON 30,200 → 36,400 lines/s on average, TCP syslog 27,400 → 28,900. A transaction that
   * carries a source's position waits until those before it settled.
   */
  async #drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.#pending.length > 0 || inFlight.size > 0) {
      if (inFlight.size >= COMMITS_IN_FLIGHT) {
        await Promise.race(inFlight);
        continue;
      }
      if (this.#pending.length === 0) {
        // Wait for a commit to finish or a submission to arrive, whichever comes first.
        await Promise.race([...inFlight, new Promise<void>((resolve) => (this.#arrived = resolve))]);
        this.#arrived = null;
        continue;
      }
      const taken = this.#take();
      if (inFlight.size > 0 && taken.some((s) => s.cursor !== null)) await Promise.all(inFlight);
      const commit: Promise<void> = this.#commit(taken).finally(() => {
        inFlight.delete(commit);
        for (const s of taken) {
          this.#lines -= s.entries.length;
          this.#bytes -= s.bytes;
        }
        this.#wakeWaiters();
      });
      inFlight.add(commit);
    }
  }

  /** The oldest waiting submissions, up to the transaction's line bound (at least one). */
  #take(): Submission[] {
    const taken: Submission[] = [];
    let lines = 0;
    while (this.#pending.length > 0 && (taken.length === 0 || lines + this.#pending[0]!.entries.length <= this.#maxBatch)) {
      const next = this.#pending.shift()!;
      taken.push(next);
      lines += next.entries.length;
    }
    return taken;
  }

  async #commit(taken: Submission[]): Promise<void> {
    try {
      const byStream = new Map<string, NewLogLine[]>();
      const cursors = new Map<string, IngestCursor>();
      for (const s of taken) {
        for (const entry of s.entries) {
          const streamId = this.#streams.known(entry.group, entry.stream) ?? (await this.#streams.resolve(entry.group, entry.stream));
          let lines = byStream.get(streamId);
          if (!lines) byStream.set(streamId, (lines = []));
          lines.push(entry.line);
        }
        // A later position of the same source supersedes an earlier one in the same transaction.
        if (s.cursor) cursors.set(s.cursor.source, s.cursor);
      }
      const batches = [...byStream].map(([streamId, lines]) => ({ streamId, lines }));
      await this.#store.logs.appendBatches(batches, [...cursors.values()]);
    } catch (error) {
      this.#logger.error('ingest: a batch was refused by the store; nothing of it was written', {
        submissions: taken.length,
        message: (error as Error).message,
      });
      for (const s of taken) {
        s.receiver.reject('store_error', s.entries.length);
        s.reject(error as Error);
      }
      return;
    }
    const at = this.#now();
    for (const s of taken) {
      s.receiver.committed += s.entries.length;
      s.receiver.lastCommitAt = at;
      s.resolve(s.entries.length);
    }
  }

  #wakeWaiters(): void {
    if (this.#lines >= this.maxLines || this.#bytes >= this.maxBytes) return;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
