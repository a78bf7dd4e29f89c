/**
 * Runs every enabled forwarder: read a batch after its cursor, deliver it, and only when the
 * destination acknowledged it move the cursor (one UPDATE that also counts the delivery). A crash
 * between delivery and that UPDATE sends the batch again after the restart: at least once.
 * Failures retry with exponential back-off and jitter, capped low (30 s) so a destination back
 * after an hour is caught up at full speed: batches follow each other without pause while
 * there is a backlog.
 */
import type { ForwarderHealth, ForwarderStatus } from './status.ts';
import { describeError, type Logger } from '../logger.ts';
import { backoffDelay } from '../outbound/backoff.ts';
import type { OutboundClient } from '../outbound/client.ts';
import type { Forwarders, StoredForwarder } from '../state/forwarders.ts';
import type { SearchableStore } from '../storage/ports.ts';
import { deliver } from './deliver.ts';
import type { HecTiming } from './hec-sender.ts';
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

export class ForwardRunner {
  readonly #o: ForwardRunnerOptions;
  readonly #now: () => number;
  readonly #busy = new Map<string, Promise<void>>();
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

  /** One batch; true when there is more to send right away. */
  async step(f: StoredForwarder): Promise<boolean> {
    const { forwarders } = this.#o;
    try {
      const until = this.#now() - f.settleSeconds * 1000;
      const read = await readSource(this.#o.store, f.source, f.cursor, until, f.batchSize);
      if (read.events.length === 0) {
        if (JSON.stringify(read.cursor) !== JSON.stringify(f.cursor)) forwarders.advance(f.id, read.cursor, f.updatedAt);
        return read.more;
      }
      await deliver(read.events, { client: this.#o.client, id: f.id, destination: f.destination, secrets: f.secrets, ...(this.#o.hecTiming ? { hecTiming: this.#o.hecTiming } : {}), ...(this.#o.socketTimeoutMs ? { socketTimeoutMs: this.#o.socketTimeoutMs } : {}) });
      // A forwarder changed while the batch was out keeps its new definition and cursor.
      const applied = forwarders.acknowledge(f.id, read.cursor, read.events.length, f.updatedAt);
      return applied && read.more;
    } catch (error) {
      const failures = f.failures + 1;
      const delay = backoffDelay(failures, { ...(this.#o.backoff ?? { baseMs: 1_000, maxMs: 30_000 }), jitter: 0.5 });
      const message = error instanceof Error ? error.message : String(error);
      forwarders.recordFailure(f.id, message, this.#now() + delay);
      if (failures === 1 || failures % 20 === 0) this.#o.logger.warn('forwarder delivery failed; retrying', { forwarder: f.name, failures, retryInMs: delay, ...describeError(error) });
      return false;
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
