import type { Adapter, AdapterPayload } from 'oidc-provider';
import { openDatabase, type Database } from '../storage/embedded/sqlite.ts';

/**
 * Persists the provider's sessions, grants, codes and refresh tokens in `idp.db`, so a restart of
 * Vigil does not sign everybody out. Identity traffic is tiny; synchronous calls are fine here.
 */
export class SqliteAdapterStore {
  readonly #db: Database;

  constructor(file: string) {
    this.#db = openDatabase(file);
    this.#db.exec(`
      PRAGMA journal_mode=WAL;
      CREATE TABLE IF NOT EXISTS oidc_models(
        model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL,
        grant_id TEXT, user_code TEXT, uid TEXT, expires_at INTEGER,
        PRIMARY KEY(model, id));
      CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models(grant_id);
      CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models(model, uid);`);
  }

  adapterFor(model: string): Adapter {
    const db = this.#db;
    const now = () => Math.floor(Date.now() / 1000);
    const findBy = (column: 'id' | 'uid' | 'user_code', value: string): AdapterPayload | undefined => {
      const row = db
        .prepare(`SELECT payload, expires_at FROM oidc_models WHERE model = ? AND ${column} = ?`)
        .get(model, value) as { payload: string; expires_at: number | null } | undefined;
      if (!row || (row.expires_at !== null && row.expires_at < now())) return undefined;
      return JSON.parse(row.payload) as AdapterPayload;
    };
    return {
      async upsert(id, payload, expiresIn) {
        db.prepare(
          `INSERT OR REPLACE INTO oidc_models(model, id, payload, grant_id, user_code, uid, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null,
          payload.uid ?? null, expiresIn ? now() + expiresIn : null);
      },
      async find(id) {
        return findBy('id', id);
      },
      async findByUid(uid) {
        return findBy('uid', uid);
      },
      async findByUserCode(userCode) {
        return findBy('user_code', userCode);
      },
      async consume(id) {
        const payload = findBy('id', id);
        if (!payload) return;
        payload.consumed = now();
        db.prepare('UPDATE oidc_models SET payload = ? WHERE model = ? AND id = ?').run(JSON.stringify(payload), model, id);
      },
      async destroy(id) {
        db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?').run(model, id);
      },
      async revokeByGrantId(grantId) {
        db.prepare('DELETE FROM oidc_models WHERE grant_id = ?').run(grantId);
      },
    };
  }

  /** Drops expired entries; called periodically. */
  prune(): void {
    this.#db.prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?').run(Math.floor(Date.now() / 1000));
  }

  close(): void {
    this.#db.close();
  }
}
