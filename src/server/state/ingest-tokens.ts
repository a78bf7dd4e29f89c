import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecret } from './api-tokens.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

/** Ingest tokens are told apart from API tokens by their prefix; they never read anything. */
export const INGEST_TOKEN_PREFIX = 'vgi_';
const DAY_MS = 86_400_000;

export interface IngestToken {
  id: string;
  name: string;
  /** Log groups the token may write to. */
  groups: string[];
  /** Lines per second allowed; null: Vigil's default. */
  ratePerSecond: number | null;
  prefix: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

interface Row {
  id: string;
  name: string;
  groups: string;
  rate_per_second: number | null;
  prefix: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

const toToken = (row: Row): IngestToken => ({
  id: row.id,
  name: row.name,
  groups: JSON.parse(row.groups) as string[],
  ratePerSecond: row.rate_per_second,
  prefix: row.prefix,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
});


export type IngestAuth = { ok: true; token: IngestToken } | { ok: false; reason: 'unknown_token' | 'token_expired' };

/**
 * Tokens with the ingest scope: each may only append lines to the groups it names, and cannot
 * call the read API (the API token verifier does not know them). Stored as SHA-256 hashes.
 */
export class IngestTokens {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #cache = new Map<string, { auth: IngestAuth; at: number }>();

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  create(input: { name: string; groups: string[]; days: number; ratePerSecond?: number | null }, createdBy: string): { token: IngestToken; secret: string } {
    const secret = `${INGEST_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.#now();
    const row: Row = {
      id: randomUUID(), name: input.name, groups: JSON.stringify([...new Set(input.groups)].sort()), rate_per_second: input.ratePerSecond ?? null,
      prefix: secret.slice(0, INGEST_TOKEN_PREFIX.length + 6), created_by: createdBy, created_at: now,
      expires_at: now + input.days * DAY_MS, revoked_at: null, last_used_at: null,
    };
    this.#db
      .prepare(`INSERT INTO ingest_tokens(id, name, groups, rate_per_second, token_hash, prefix, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.id, row.name, row.groups, row.rate_per_second, hashSecret(secret), row.prefix, row.created_by, row.created_at, row.expires_at);
    return { token: toToken(row), secret };
  }

  list(): IngestToken[] {
    return (this.#db.prepare('SELECT * FROM ingest_tokens ORDER BY created_at DESC').all() as unknown as Row[]).map(toToken);
  }

  revoke(id: string): IngestToken | null {
    const row = this.#db.prepare('SELECT * FROM ingest_tokens WHERE id = ?').get(id) as Row | undefined;
    if (!row) return null;
    if (row.revoked_at === null) this.#db.prepare('UPDATE ingest_tokens SET revoked_at = ? WHERE id = ?').run(this.#now(), id);
    this.#cache.clear();
    return toToken(row);
  }

  /**
   * Checks a secret. Senders post many small batches, so results are kept for a second: a
   * revocation takes effect within that second (and at once in this process).
   */
  verify(secret: string): IngestAuth {
    const now = this.#now();
    const cached = this.#cache.get(secret);
    if (cached && now - cached.at < 1_000) return cached.auth;
    const row = this.#db.prepare('SELECT * FROM ingest_tokens WHERE token_hash = ?').get(hashSecret(secret)) as Row | undefined;
    let auth: IngestAuth;
    if (!row || row.revoked_at !== null) auth = { ok: false, reason: 'unknown_token' };
    else if (row.expires_at <= now) auth = { ok: false, reason: 'token_expired' };
    else {
      if (row.last_used_at === null || now - row.last_used_at > 60_000) {
        this.#db.prepare('UPDATE ingest_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
      }
      auth = { ok: true, token: toToken(row) };
    }
    if (this.#cache.size > 1_000) this.#cache.clear();
    this.#cache.set(secret, { auth, at: now });
    return auth;
  }
}
