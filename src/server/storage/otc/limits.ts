/**
 * Client-side limits for LTS reads: token buckets per account, log group and log stream at the
 * documented rates (100, 50 and 10 reads a minute), so Vigil stops before LTS refuses; a short TTL
 * cache and coalescing of identical requests in flight, so that a page, its histogram and a second
 * tab asking the same thing cost one call.
 */
export const LTS_READ_RATES = { accountPerMin: 100, groupPerMin: 50, streamPerMin: 10 } as const;

export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #at: number;
  constructor(perMinute: number, now: number) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#tokens = perMinute;
    this.#at = now;
  }
  #refill(now: number): void {
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
  }
  /** Ms until a token is available (0: available now). */
  wait(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#perMs);
  }
  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }
}

export interface ReadRates {
  accountPerMin: number;
  groupPerMin: number;
  streamPerMin: number;
}

/** The three scopes of one region's read quota. */
export class ReadQuota {
  readonly #rates: ReadRates;
  readonly #account: TokenBucket;
  readonly #buckets = new Map<string, TokenBucket>();
  constructor(rates: ReadRates, now: number) {
    this.#rates = rates;
    this.#account = new TokenBucket(rates.accountPerMin, now);
  }
  #bucket(key: string, rate: number, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) this.#buckets.set(key, (bucket = new TokenBucket(rate, now)));
    return bucket;
  }
  /** Takes a read for the stream, or returns the ms to wait (nothing taken then). */
  acquire(groupId: string, streamId: string, now: number): number {
    const buckets = [this.#account, this.#bucket(`g:${groupId}`, this.#rates.groupPerMin, now), this.#bucket(`s:${streamId}`, this.#rates.streamPerMin, now)];
    const wait = Math.max(...buckets.map((b) => b.wait(now)));
    if (wait > 0) return wait;
    for (const b of buckets) b.take(now);
    return 0;
  }
}

/** Identical calls share one request while in flight and its answer for `ttlMs` after. */
export class CallCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #done = new Map<string, { at: number; value: unknown }>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  hits = 0;
  coalesced = 0;
  constructor(ttlMs: number, maxEntries = 500) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }
  async get<T>(key: string, now: number, load: () => Promise<T>): Promise<T> {
    const cached = this.#done.get(key);
    if (cached && now - cached.at < this.#ttlMs) {
      this.hits++;
      return cached.value as T;
    }
    const pending = this.#inFlight.get(key);
    if (pending) {
      this.coalesced++;
      return pending as Promise<T>;
    }
    const promise = load().then(
      (value) => {
        this.#inFlight.delete(key);
        if (this.#done.size >= this.#maxEntries) this.#done.delete(this.#done.keys().next().value!);
        this.#done.set(key, { at: now, value });
        return value;
      },
      (error: unknown) => {
        this.#inFlight.delete(key);
        throw error;
      },
    );
    this.#inFlight.set(key, promise);
    return promise;
  }
  clear(): void {
    this.#done.clear();
  }
}
