/**
 * Remembers which sign-in sessions the BFF has already seen, so each sign-in is audited once
 * (per process: after a restart the next request of a session is recorded again).
 */
export class SignInRecorder {
  readonly #seen = new Set<string>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** True the first time a session id is seen. */
  firstSight(sessionId: string): boolean {
    if (this.#seen.has(sessionId)) return false;
    if (this.#seen.size >= this.#max) this.#seen.delete(this.#seen.values().next().value as string);
    this.#seen.add(sessionId);
    return true;
  }
}
