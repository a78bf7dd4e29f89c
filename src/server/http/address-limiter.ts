/**
 * Requests without valid credentials, per client address: a fixed budget per minute. Beyond it
 * the address gets 429 with Retry-After instead of being verified (and audited) again and again.
 * Signed-in callers are not counted. The table is bounded: the oldest windows are dropped first.
 */
const MAX_ADDRESSES = 10_000;

export class AddressLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  get limit(): number {
    return this.#limit;
  }

  /** Counts one request; the seconds to wait when the address is over its budget, else null. */
  hit(address: string): number | null {
    const now = this.#now();
    let window = this.#windows.get(address);
    if (!window || now - window.start >= this.#windowMs) {
      this.#windows.delete(address);
      window = { start: now, count: 0 };
      this.#windows.set(address, window);
      if (this.#windows.size > MAX_ADDRESSES) this.#windows.delete(this.#windows.keys().next().value as string);
    }
    window.count++;
    if (window.count <= this.#limit) return null;
    return Math.max(1, Math.ceil((window.start + this.#windowMs - now) / 1000));
  }
}
