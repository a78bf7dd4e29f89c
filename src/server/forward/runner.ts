/**
 * Runs every enabled forwarder: read a batch after its cursor, deliver it, and only when the
 * destination acknowledged it move the cursor (one UPDATE that also counts the delivery). A crash
 * between delivery and that UPDATE sends the batch again after the restart: at least once.
 * Failures retry with exponential back-off and jitter, capped low (30 s) so a destination back
 * after an hour is caught up at full speed: batches follow each other without pause while
 * there is a backlog. HEC with indexer acknowledgement confirms a batch only after it was indexed
 * (~0.1-1 s): up to MAX_UNCONFIRMED batches are out at once and the cursor moves over them in
 * order as their ackIds are confirmed.
 */
import type { ForwarderHealth, ForwarderStatus } from './status.ts';
import { describeError, type Logger } from '../logger.ts';
import { backoffDelay } from '../outbound/backoff.ts';
import type { OutboundClient } from '../outbound/client.ts';
import type { Forwarders, StoredForwarder } from '../state/forwarders.ts';
import type { SearchableStore } from '../storage/ports.ts';
import { OutboundError } from '../outbound/client.ts';
import type { ForwardCursor } from '../state/forwarders.ts';
import { deliver, hecTarget } from './deliver.ts';
import { DEFAULT_HEC_TIMING, pollHecAcks, type HecTiming } from './hec-sender.ts';
import { readSource, sourceUnavailable } from './source.ts';

export interface ForwardRunnerOptions {
  store: SearchableStore;
  forwarders: Forwarders;
  client: OutboundClient;
  logger: Logger;
  now?: () => number;
  /** How often idle forwarders look for new events. */
  pollMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  hecTiming?: HecTiming;
  socketTimeoutMs?: number;
}

/** Batches posted to HEC and awaiting their indexer acknowledgement, per forwarder, at most. */
export const MAX_UNCONFIRMED = 8;

/** A batch delivered (or, with count 0, a stretch without matches) whose cursor is not stored yet. */
interface SentBatch {
  cursor: ForwardCursor;
  count: number;
  /** HEC's ackId while indexer acknowledgement is awaited; null when taken at once. */
  ackId: number | null;
  confirmed: boolean;
  postedAt: number;
}

/** What a forwarder has sent beyond its stored cursor, for the definition it was read with. */
interface SendWindow {
  updatedAt: number;
  /** The cursor after the last batch read. */
  cursor: ForwardCursor;
  more: boolean;
  /** Oldest first; the cursor moves over the confirmed ones at the head, in order. */
  batches: SentBatch[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ForwardRunner {
  readonly #o: ForwardRunnerOptions;
  readonly #now: () => number;
  readonly #busy = new Map<string, Promise<void>>();
  readonly #windows = new Map<string, SendWindow>();
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;

  constructor(options: ForwardRunnerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    this.#stopping = false;
    const tick = () => {
      this.tick();
      if (!this.#stopping) this.#timer = setTimeout(tick, this.#o.pollMs ?? 1_000);
    };
    tick();
  }

  /** Starts a drain for each enabled, due forwarder that is not already running. */
  tick(): void {
    for (const f of this.#o.forwarders.list()) {
      if (!f.enabled || this.#busy.has(f.id) || (f.nextAttemptAt !== null && f.nextAttemptAt > this.#now())) continue;
      if (sourceUnavailable(this.#o.store, f.source)) continue;
      const run = this.#drain(f.id).finally(() => this.#busy.delete(f.id));
      this.#busy.set(f.id, run);
    }
  }

  #hecTiming(): HecTiming {
    return this.#o.hecTiming ?? DEFAULT_HEC_TIMING;
  }

  /** Waits for every running drain (tests: deterministic catch-up). */
  async idle(): Promise<void> {
    while (this.#busy.size > 0) await Promise.all(this.#busy.values());
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.idle();
  }

  /** Batches back to back while there is more and the destination takes them. */
  async #drain(id: string): Promise<void> {
    for (;;) {
      if (this.#stopping) return;
      const f = this.#o.forwarders.get(id);
      if (!f || !f.enabled) return;
      if (!(await this.step(f))) return;
    }
  }

  /**
   * One step: post batches after the last one posted (several only while HEC acknowledgements are
   * awaited), then move the cursor over every batch confirmed, in order. True when there is more
   * to send or to confirm right away.
   */
  async step(f: StoredForwarder): Promise<boolean> {
    let window = this.#windows.get(f.id);
    if (!window || window.updatedAt !== f.updatedAt) {
      window = { updatedAt: f.updatedAt, cursor: f.cursor, more: true, batches: [] };
      this.#windows.set(f.id, window);
    }
    try {
      await this.#post(f, window);
      const applied = await this.#confirm(f, window);
      // An empty window is read afresh from the stored cursor next time.
      if (!applied || window.batches.length === 0) this.#windows.delete(f.id);
      return applied && (window.more || window.batches.length > 0);
    } catch (error) {
      // Whatever was posted but not confirmed is sent again from the stored cursor: at least once.
      this.#windows.delete(f.id);
      const failures = f.failures + 1;
      const delay = backoffDelay(failures, { ...(this.#o.backoff ?? { baseMs: 1_000, maxMs: 30_000 }), jitter: 0.5 });
      const message = error instanceof Error ? error.message : String(error);
      this.#o.forwarders.recordFailure(f.id, message, this.#now() + delay);
      if (failures === 1 || failures % 20 === 0) this.#o.logger.warn('forwarder delivery failed; retrying', { forwarder: f.name, failures, retryInMs: delay, ...describeError(error) });
      return false;
    }
  }

  /** Reads and delivers batches until one awaits nothing, or MAX_UNCONFIRMED await their ackIds. */
  async #post(f: StoredForwarder, window: SendWindow): Promise<void> {
    while (window.more && window.batches.length < MAX_UNCONFIRMED) {
      const until = this.#now() - f.settleSeconds * 1000;
      const read = await readSource(this.#o.store, f.source, window.cursor, until, f.batchSize);
      window.more = read.more;
      const previous = window.cursor;
      window.cursor = read.cursor;
      if (read.events.length === 0) {
        if (JSON.stringify(read.cursor) !== JSON.stringify(previous)) window.batches.push({ cursor: read.cursor, count: 0, ackId: null, confirmed: true, postedAt: Date.now() });
        return;
      }
      const ackId = await deliver(read.events, { client: this.#o.client, id: f.id, destination: f.destination, secrets: f.secrets, ...(this.#o.hecTiming ? { hecTiming: this.#o.hecTiming } : {}), ...(this.#o.socketTimeoutMs ? { socketTimeoutMs: this.#o.socketTimeoutMs } : {}) });
      window.batches.push({ cursor: read.cursor, count: read.events.length, ackId, confirmed: ackId === null, postedAt: Date.now() });
      if (ackId === null) return;
    }
  }

  /**
   * Moves the cursor over the confirmed batches at the head of the window, waiting (polling HEC)
   * until at least the oldest is confirmed or its deadline passes. False when the forwarder was
   * changed meanwhile (it keeps its new definition and cursor).
   */
  async #confirm(f: StoredForwarder, window: SendWindow): Promise<boolean> {
    const timing = this.#hecTiming();
    // Indexing usually takes well under a second: ask early, then back off to the poll interval.
    for (let wait = Math.min(100, timing.ackPollMs); ; wait = Math.min(wait * 2, timing.ackPollMs)) {
      let moved = false;
      while (window.batches.length > 0 && window.batches[0]!.confirmed) {
        const batch = window.batches.shift()!;
        const { forwarders } = this.#o;
        const applied = batch.count === 0 ? forwarders.advance(f.id, batch.cursor, f.updatedAt) : forwarders.acknowledge(f.id, batch.cursor, batch.count, f.updatedAt);
        if (!applied) return false;
        moved = true;
      }
      if (moved || window.batches.length === 0) return true;
      const oldest = window.batches[0]!;
      if (Date.now() >= oldest.postedAt + timing.ackTimeoutMs) {
        throw new OutboundError('timeout', `HEC did not confirm ackId ${oldest.ackId} as indexed within ${Math.round(timing.ackTimeoutMs / 1000)} s`, { retryable: true });
      }
      await sleep(wait);
      const awaited = window.batches.flatMap((batch) => (batch.confirmed || batch.ackId === null ? [] : [batch.ackId]));
      const confirmed = await pollHecAcks(this.#o.client, hecTarget({ id: f.id, destination: f.destination, secrets: f.secrets }), awaited, timing);
      for (const batch of window.batches) if (batch.ackId !== null && confirmed.has(batch.ackId)) batch.confirmed = true;
    }
  }

  status(f: StoredForwarder): ForwarderStatus {
    const unavailable = sourceUnavailable(this.#o.store, f.source);
    const state = !f.enabled ? 'disabled' : unavailable ? 'unavailable' : f.failures > 0 ? 'retrying' : 'ok';
    return {
      state,
      delivered: f.delivered,
      lastDeliveredAt: f.lastDeliveredAt,
      cursorTime: f.cursor.time,
      lagSeconds: f.enabled && !unavailable ? Math.max(0, Math.round((this.#now() - f.cursor.time) / 1000)) : null,
      failures: f.failures,
      nextAttemptAt: f.failures > 0 ? f.nextAttemptAt : null,
      lastError: unavailable ?? f.lastError,
      lastErrorAt: unavailable ? null : f.lastErrorAt,
    };
  }

  health(): ForwarderHealth[] {
    return this.#o.forwarders.list().map((f) => {
      const s = this.status(f);
      return { id: f.id, name: f.name, format: f.destination.format, state: s.state, delivered: s.delivered, lagSeconds: s.lagSeconds, lastError: s.lastError };
    });
  }
}
