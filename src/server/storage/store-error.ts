/**
 * A store that could not answer: a remote store's regions all failed (`unavailable`), its quota
 * refused the read (`throttled`, with when to retry) or it refused the request (`refused`). The
 * HTTP layer turns it into 503 / 429 / 502 with the reason; never into an empty result.
 */
export class StoreError extends Error {
  readonly kind: 'unavailable' | 'throttled' | 'refused';
  readonly retryAt: number | null;
  readonly region: string | null;
  constructor(kind: StoreError['kind'], message: string, options: { retryAt?: number | null; region?: string | null } = {}) {
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
    this.retryAt = options.retryAt ?? null;
    this.region = options.region ?? null;
  }
}
