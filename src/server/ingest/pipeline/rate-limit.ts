/**
 * Per-token rate limits in lines per second: a token bucket holding up to two seconds' worth.
 * A request larger than the whole bucket passes only when the bucket is full, so one big batch
 * is possible but not a stream of them. Refusals name when to retry.
 */
export class RateLimiter {
  readonly #defaultRate: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(defaultRatePerSecond: number, now: () => number = Date.now) {
    this.#defaultRate = defaultRatePerSecond;
    this.#now = now;
  }

  /** Takes `lines` from the key's bucket; returns 0 when allowed, else seconds to wait. */
  take(key: string, lines: number, ratePerSecond: number | null): number {
    const rate = ratePerSecond ?? this.#defaultRate;
    if (rate <= 0) return 0;
    const capacity = rate * 2;
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (lines <= bucket.tokens || bucket.tokens >= capacity) {
      bucket.tokens -= lines;
      return 0;
    }
    return Math.max(1, Math.ceil((Math.min(lines, capacity) - bucket.tokens) / rate));
  }
}
