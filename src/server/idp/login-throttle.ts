const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

/** Locks a username for a few minutes after repeated failures (slows down password guessing). */
export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; lockedUntil: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  isLocked(username: string): boolean {
    const entry = this.#failures.get(username);
    return !!entry && entry.lockedUntil > this.#now();
  }

  failed(username: string): void {
    const entry = this.#failures.get(username) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_FAILURES) {
      entry.lockedUntil = this.#now() + LOCK_MS;
      entry.count = 0;
    }
    this.#failures.set(username, entry);
  }

  succeeded(username: string): void {
    this.#failures.delete(username);
  }
}
