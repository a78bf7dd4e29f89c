/**
 * Multi-region disaster recovery: health per region (a periodic cheap call, error rate and latency
 * over recent calls), a circuit breaker per region, and failover. Reads go to the first region in
 * the configured order whose circuit is not open, so Vigil fails back to the primary by itself once
 * its circuit closes again. A read that fails on a region (timeout, connection, 5xx) is retried
 * once on the next region, and the answer says which region gave it and that it was retried.
 */
import { isRegionFailure, OtcError } from './errors.ts';
import type { RegionClient } from './region-client.ts';
import type { RegionStatus } from '../ports.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** errorRate: share of failed calls among the last 20; latencyMs: their mean when successful. */
export type RegionHealth = RegionStatus;

export interface Served<T> {
  value: T;
  region: string;
  /** True when the first region failed and another one answered. */
  retried: boolean;
}

export interface PoolOptions {
  /** Consecutive failures that open a circuit. */
  failureThreshold: number;
  /** How long an open circuit stays open before a health check may try the region again. */
  openMs: number;
  now: () => number;
}

const WINDOW = 20;

class RegionState {
  readonly client: RegionClient;
  circuit: CircuitState = 'closed';
  consecutiveFailures = 0;
  openedAt = 0;
  outcomes: boolean[] = [];
  latencies: number[] = [];
  lastError: string | null = null;
  lastCheckedAt: number | null = null;
  constructor(client: RegionClient) {
    this.client = client;
  }
}

export class RegionPool {
  readonly #regions: RegionState[];
  readonly #o: PoolOptions;
  #timer: NodeJS.Timeout | null = null;
  failovers = 0;

  constructor(clients: RegionClient[], options: PoolOptions) {
    if (clients.length === 0) throw new Error('at least one region');
    this.#regions = clients.map((c) => new RegionState(c));
    this.#o = options;
  }

  /** The region reads go to now. */
  serving(): RegionClient {
    return (this.#regions.find((r) => r.circuit !== 'open') ?? this.#regions[0]!).client;
  }

  #state(name: string): RegionState {
    return this.#regions.find((r) => r.client.name === name)!;
  }

  #record(state: RegionState, ok: boolean, latencyMs: number, error?: unknown): void {
    state.outcomes.push(ok);
    if (state.outcomes.length > WINDOW) state.outcomes.shift();
    if (ok) {
      state.latencies.push(latencyMs);
      if (state.latencies.length > WINDOW) state.latencies.shift();
      state.consecutiveFailures = 0;
      state.circuit = 'closed';
      state.lastError = null;
      return;
    }
    state.consecutiveFailures++;
    state.lastError = error instanceof Error ? error.message : String(error);
    if (state.circuit === 'half_open' || state.consecutiveFailures >= this.#o.failureThreshold) {
      if (state.circuit !== 'open') state.openedAt = this.#o.now();
      state.circuit = 'open';
    }
  }

  async #attempt<T>(state: RegionState, op: (client: RegionClient) => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const value = await op(state.client);
      this.#record(state, true, performance.now() - started);
      return value;
    } catch (error) {
      // Only failures of the region count against it; a refused query or a quota stop does not.
      if (isRegionFailure(error)) this.#record(state, false, 0, error);
      throw error;
    }
  }

  /** Runs a read on the serving region; on a region failure, once more on the next one. */
  async run<T>(op: (client: RegionClient) => Promise<T>): Promise<Served<T>> {
    const first = this.#state(this.serving().name);
    try {
      return { value: await this.#attempt(first, op), region: first.client.name, retried: false };
    } catch (error) {
      if (!isRegionFailure(error)) throw error;
      const other = this.#regions.find((r) => r !== first && r.circuit !== 'open') ?? this.#regions.find((r) => r !== first);
      if (!other) throw error;
      this.failovers++;
      try {
        return { value: await this.#attempt(other, op), region: other.client.name, retried: true };
      } catch (second) {
        if (isRegionFailure(second)) {
          throw new OtcError({ kind: second.kind, region: second.region, message: `every region failed: ${first.client.name}: ${error.message}; ${other.client.name}: ${second.message}` });
        }
        throw second;
      }
    }
  }

  /** Checks every region once: open circuits past their wait are probed (half-open). */
  async checkAll(): Promise<void> {
    await Promise.all(
      this.#regions.map(async (state) => {
        if (state.circuit === 'open') {
          if (this.#o.now() - state.openedAt < this.#o.openMs) return;
          state.circuit = 'half_open';
        }
        state.lastCheckedAt = this.#o.now();
        try {
          await this.#attempt(state, (client) => client.ping());
        } catch {
          // recorded by #attempt; a region answering with a client error still counts as up
        }
      }),
    );
  }

  startHealthChecks(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.checkAll(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  health(): RegionHealth[] {
    const serving = this.serving().name;
    return this.#regions.map((r, i) => ({
      name: r.client.name,
      primary: i === 0,
      serving: r.client.name === serving,
      circuit: r.circuit,
      errorRate: r.outcomes.length === 0 ? 0 : r.outcomes.filter((ok) => !ok).length / r.outcomes.length,
      latencyMs: r.latencies.length === 0 ? null : Math.round(r.latencies.reduce((a, b) => a + b, 0) / r.latencies.length),
      lastError: r.lastError,
      lastCheckedAt: r.lastCheckedAt,
    }));
  }

  clients(): RegionClient[] {
    return this.#regions.map((r) => r.client);
  }
}
