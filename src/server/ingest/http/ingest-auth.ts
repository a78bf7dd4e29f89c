/** Who may push lines over HTTP: an ingest token, sent as a Bearer token or as LTS's X-Auth-Token. */
import type { IngestToken, IngestTokens } from '../../state/ingest-tokens.ts';
import { INGEST_TOKEN_PREFIX } from '../../state/ingest-tokens.ts';
import type { IngestQueue } from '../pipeline/queue.ts';
import type { RateLimiter } from '../pipeline/rate-limit.ts';

export interface IngestHttpDeps {
  queue: IngestQueue;
  tokens: IngestTokens;
  limiter: RateLimiter;
  /** Largest request body as sent (compressed). */
  maxBodyBytes: number;
  /** Largest body after gunzip. */
  maxInflatedBytes: number;
  now: () => number;
}

export type Refusal = { status: 401 | 403 | 429; message: string; retryAfter?: number };

export function ingestTokenOf(request: Request, tokens: IngestTokens): IngestToken | Refusal {
  const authorization = request.headers.get('authorization');
  let secret = request.headers.get('x-auth-token');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { status: 401, message: 'Authorization must be "Bearer <ingest token>"' };
    secret = match[1]!;
  }
  if (!secret) return { status: 401, message: 'an ingest token is required (Authorization: Bearer vgi_… or X-Auth-Token)' };
  if (!secret.startsWith(INGEST_TOKEN_PREFIX)) return { status: 401, message: `not an ingest token (they start with ${INGEST_TOKEN_PREFIX})` };
  const auth = tokens.verify(secret);
  if (!auth.ok) return { status: 401, message: auth.reason === 'token_expired' ? 'the ingest token has expired' : 'unknown or revoked ingest token' };
  return auth.token;
}

/** Every group of the request must be one the token names: otherwise nothing is written. */
export function groupRefusal(token: IngestToken, groups: Iterable<string>): Refusal | null {
  for (const group of groups) {
    if (!token.groups.includes(group)) {
      return { status: 403, message: `the ingest token "${token.name}" may not write to log group "${group.slice(0, 64)}" (allowed: ${token.groups.join(', ')})` };
    }
  }
  return null;
}

export function rateRefusal(deps: IngestHttpDeps, token: IngestToken, lines: number): Refusal | null {
  const wait = deps.limiter.take(token.id, lines, token.ratePerSecond);
  return wait > 0 ? { status: 429, message: `the ingest token "${token.name}" is over its rate limit`, retryAfter: wait } : null;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'message' in value;
}
