import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiToken, CreateApiToken, Role } from '../../contract/index.ts';
import { API_TOKEN_PREFIX, type ApiTokenVerifier } from '../auth/authenticator.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

const DAY_MS = 86_400_000;

/** What is stored of a token's secret (API and ingest tokens alike): never the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * API tokens for automation: 256 random bits, shown once, stored only as a SHA-256 hash (a fast
 * hash is enough for a secret this long), one role each, an expiry, revocable.
 */
export class ApiTokens {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  create(input: CreateApiToken, createdBy: string): { token: ApiToken; secret: string } {
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.#now();
    const row: TokenRow = {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      created_by: createdBy,
      created_at: now,
      expires_at: now + input.expiresInDays * DAY_MS,
      revoked_at: null,
      last_used_at: null,
    };
    this.#db
      .prepare(
        `INSERT INTO api_tokens(id, name, role, token_hash, prefix, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.name, row.role, hashSecret(secret), row.prefix, row.created_by, row.created_at, row.expires_at);
    return { token: toApiToken(row), secret };
  }

  list(): ApiToken[] {
    return (this.#db.prepare('SELECT * FROM api_tokens ORDER BY created_at DESC').all() as unknown as TokenRow[]).map(toApiToken);
  }

  get(id: string): ApiToken | null {
    const row = this.#db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toApiToken(row) : null;
  }

  /** Revokes a token; returns it as it was before, or null when unknown. */
  revoke(id: string): ApiToken | null {
    const before = this.get(id);
    if (!before) return null;
    if (before.revokedAt === null) this.#db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(this.#now(), id);
    return before;
  }

  readonly verify: ApiTokenVerifier = async (secret) => {
    const row = this.#db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(hashSecret(secret)) as TokenRow | undefined;
    if (!row || row.revoked_at !== null) return { ok: false, reason: 'unknown_api_token' };
    const now = this.#now();
    if (row.expires_at <= now) return { ok: false, reason: 'api_token_expired' };
    // Coarse last-use tracking (one write a minute at most per token).
    if (row.last_used_at === null || now - row.last_used_at > 60_000) {
      this.#db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    }
    return {
      ok: true,
      principal: { subject: `token:${row.id}`, name: `API token "${row.name}"`, roles: [row.role], kind: 'api-token', multiFactor: false },
    };
  };
}
