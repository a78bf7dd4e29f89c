/** Remembers DPoP proof ids for their validity window, so a captured proof cannot be sent again. */
export class ReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  /** Records `key` until `expiresAt`; false when it was already recorded (a replay). */
  remember(key: string, expiresAt: number, now: number): boolean {
    if (this.#seen.size >= this.#maxEntries) this.#evictExpired(now);
    const known = this.#seen.get(key);
    if (known !== undefined && known > now) return false;
    this.#seen.set(key, expiresAt);
    return true;
  }

  #evictExpired(now: number): void {
    for (const [key, expiresAt] of this.#seen) if (expiresAt <= now) this.#seen.delete(key);
    // Still full of live entries: drop the oldest rather than grow without bound.
    while (this.#seen.size >= this.#maxEntries) this.#seen.delete(this.#seen.keys().next().value as string);
  }
}
