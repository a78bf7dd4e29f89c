/**
 * Admission and scheduling of reads over several reader workers (SQLite in WAL mode lets each
 * read its own snapshot while the writer commits). Each worker runs one read at a time; waiting
 * reads start in this order: interactive light, interactive heavy, bulk, background, first come
 * first served within a rank. Heavy reads (whole-window scans, search/cost.ts) may occupy at
 * most `maxHeavyRunning` workers, so at least one worker is always left for light reads: a few
 * long scans slow each other down, never a first page or a histogram of the visible window.
 *
 * A read still waiting when its caller aborts leaves the queue at once; one waiting longer than
 * its bound, or arriving when the queue is full, is refused with ReadRefused (Retry-After). A
 * running read is stopped by its cancellation flag (search-port.ts), not here.
 */
import { ReadRefused } from '../read-refused.ts';
import type { ReadHints } from '../ports.ts';
import type { WorkerApi } from './protocol.ts';
import type { WorkerClient } from './worker-client.ts';

export interface ReadOptions {
  priority?: NonNullable<ReadHints['priority']>;
  heavy?: boolean;
  signal?: AbortSignal;
  /** How long the read may wait for a worker before it is refused. */
  queueMs?: number;
}

export interface ReaderPoolOptions {
  /** Workers heavy reads may hold at once; at most readers - 1 when there are two or more. */
  maxHeavyRunning?: number;
  /** Reads allowed to wait; one more is refused at once. */
  maxQueued?: number;
  queueMs?: number;
}

export interface ReaderPoolStats {
  readers: number;
  running: number;
  heavyRunning: number;
  queued: number;
  maxHeavyRunning: number;
}

interface Job {
  seq: number;
  rank: number;
  heavy: boolean;
  start(worker: number): void;
  refuse(error: Error): void;
}

const RANK = { interactive: 0, bulk: 2, background: 3 } as const;
const DEFAULT_QUEUE_MS = 10_000;
const DEFAULT_MAX_QUEUED = 256;

export class ReaderPool<A extends WorkerApi> {
  readonly #workers: WorkerClient<A>[];
  readonly #busy: boolean[];
  readonly #queue: Job[] = [];
  readonly #maxHeavyOption: number | undefined;
  readonly #maxQueued: number;
  readonly #queueMs: number;
  #heavyRunning = 0;
  #seq = 0;
  #closed = false;

  constructor(workers: WorkerClient<A>[], options: ReaderPoolOptions = {}) {
    if (workers.length === 0) throw new Error('a reader pool needs at least one worker');
    this.#workers = workers;
    this.#busy = workers.map(() => false);
    this.#maxHeavyOption = options.maxHeavyRunning;
    this.#maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.#queueMs = options.queueMs ?? DEFAULT_QUEUE_MS;
  }

  /** Heavy reads allowed to run: all workers but one (one when there is only one). */
  get #maxHeavy(): number {
    const reserve = this.#workers.length > 1 ? this.#workers.length - 1 : 1;
    return Math.max(1, Math.min(this.#maxHeavyOption ?? reserve, reserve));
  }

  /** A worker that finished starting after the pool opened (the store starts the rest in the background). */
  add(worker: WorkerClient<A>): void {
    if (this.#closed) {
      void worker.close();
      return;
    }
    this.#workers.push(worker);
    this.#busy.push(false);
    this.#dispatch();
  }

  stats(): ReaderPoolStats {
    return {
      readers: this.#workers.length,
      running: this.#busy.filter(Boolean).length,
      heavyRunning: this.#heavyRunning,
      queued: this.#queue.length,
      maxHeavyRunning: this.#maxHeavy,
    };
  }

  run<K extends keyof A & string>(op: K, args: Parameters<A[K]>, options: ReadOptions = {}): Promise<Awaited<ReturnType<A[K]>>> {
    if (this.#closed) return Promise.reject(new ReadRefused('closed', 'store is closed', 5));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#queue.length >= this.#maxQueued) {
      return Promise.reject(new ReadRefused('queue_full', `the store has ${this.#queue.length} reads waiting; try again shortly`, 2));
    }
    const heavy = options.heavy ?? false;
    const rank = RANK[options.priority ?? 'interactive'] + (heavy && options.priority !== 'bulk' && options.priority !== 'background' ? 1 : 0);
    const queueMs = options.queueMs ?? this.#queueMs;

    return new Promise((resolve, reject) => {
      // `timer` is set below before the job can start or be refused.
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const job: Job = {
        seq: this.#seq++,
        rank,
        heavy,
        start: (worker) => {
          cleanup();
          this.#workers[worker]!.call(op, ...args).then(resolve, reject).finally(() => this.#finish(worker, heavy));
        },
        refuse: (error) => {
          cleanup();
          reject(error);
        },
      };
      const onAbort = () => {
        if (this.#remove(job)) job.refuse(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => {
        if (this.#remove(job)) {
          job.refuse(new ReadRefused('queue_timeout', `the store was busy: this read waited ${Math.round(queueMs / 1000)} s without a free reader`, 5));
        }
      }, queueMs);
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Refuses every waiting read, then lets the running ones finish as the workers close. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.refuse(new ReadRefused('closed', 'store is closed', 5));
    const results = await Promise.allSettled(this.#workers.map((worker) => worker.close()));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  #remove(job: Job): boolean {
    const at = this.#queue.indexOf(job);
    if (at < 0) return false;
    this.#queue.splice(at, 1);
    return true;
  }

  #finish(worker: number, heavy: boolean): void {
    this.#busy[worker] = false;
    if (heavy) this.#heavyRunning--;
    this.#dispatch();
  }

  #dispatch(): void {
    for (;;) {
      const worker = this.#busy.indexOf(false);
      if (worker < 0) return;
      const job = this.#next();
      if (!job) return;
      this.#remove(job);
      this.#busy[worker] = true;
      if (job.heavy) this.#heavyRunning++;
      job.start(worker);
    }
  }

  /** The best waiting job allowed to start now. */
  #next(): Job | undefined {
    let best: Job | undefined;
    const heavyAllowed = this.#heavyRunning < this.#maxHeavy;
    for (const job of this.#queue) {
      if (job.heavy && !heavyAllowed) continue;
      if (!best || job.rank < best.rank || (job.rank === best.rank && job.seq < best.seq)) best = job;
    }
    return best;
  }
}

/** The signal's reason when it is an Error (so callers can tell their own abort apart). */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('the read was cancelled', 'AbortError');
}
