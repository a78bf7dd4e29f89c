/**
 * A read the store refused to start: too many waiting, or it waited longer than its bound. Not a
 * failure of the query: the caller may try again after `retryAfterSeconds` (HTTP 503 + Retry-After).
 */
export type ReadRefusedReason = 'queue_full' | 'queue_timeout' | 'closed';

export class ReadRefused extends Error {
  readonly reason: ReadRefusedReason;
  readonly retryAfterSeconds: number;

  constructor(reason: ReadRefusedReason, message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'ReadRefused';
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
