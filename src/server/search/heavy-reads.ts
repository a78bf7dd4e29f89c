/**
 * Per-user limit of heavy reads (search/cost.ts: whole-window scans, and every export): one
 * analyst running many at once would hold the store's scan budget for everyone else. One more
 * than the limit is a 429 that says why and when to retry; the slot is released when the request
 * ends, however it ends.
 */
import { HttpError } from '../http/http-error.ts';
import { TailSlots } from '../tail/tail-slots.ts';

export const MAX_HEAVY_READS_PER_USER = 2;
const RETRY_AFTER_SECONDS = 5;

export class HeavyReads {
  readonly #slots: TailSlots;
  readonly max: number;

  constructor(max = MAX_HEAVY_READS_PER_USER) {
    this.max = max;
    this.#slots = new TailSlots(max);
  }

  /** A release function; throws the 429 when `subject` already runs `max` heavy reads. */
  acquire(subject: string, what: string): () => void {
    const release = this.#slots.acquire(subject);
    if (release === null) {
      throw new HttpError(
        'rate_limited',
        `You already have ${this.max} long-running searches or exports in progress, the most one user may at once. ` +
          `This ${what} scans every line of its time range (a regular expression, a wildcard inside a word or a field comparison without a search word). ` +
          'Wait for one to finish, cancel it, or add a search word or a shorter time range.',
        { reason: 'heavy_reads_per_user', limit: this.max, retryAfterSeconds: RETRY_AFTER_SECONDS },
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    return release;
  }

  held(subject: string): number {
    return this.#slots.held(subject);
  }
}
