import { randomUUID } from 'node:crypto';
import { savedSearchStateSchema, type SavedSearch, type SavedSearchState } from '../../contract/index.ts';
import type { Database } from '../storage/embedded/sqlite.ts';

interface SavedSearchRow {
  id: string;
  owner_id: string;
  owner_name: string;
  name: string;
  state: string;
  shared: number;
  created_at: number;
  updated_at: number;
}

/** A saved search as stored, without the caller-relative `own` flag. */
export type StoredSearch = Omit<SavedSearch, 'own'>;

export interface SavedSearchOwner {
  id: string;
  name: string;
}

function toStored(row: SavedSearchRow): StoredSearch {
  return {
    id: row.id,
    name: row.name,
    // Written only through the schema; parsing again keeps a hand-edited row from reaching the SPA broken.
    state: savedSearchStateSchema.parse(JSON.parse(row.state)),
    shared: row.shared === 1,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Saved searches in state.db: per owner, optionally shared read-only with every analyst. */
export class SavedSearches {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** The owner's own searches and those others shared, by name. */
  visibleTo(ownerId: string): StoredSearch[] {
    const rows = this.#db
      .prepare('SELECT * FROM saved_searches WHERE owner_id = ? OR shared = 1 ORDER BY name COLLATE NOCASE, created_at')
      .all(ownerId) as unknown as SavedSearchRow[];
    return rows.map(toStored);
  }

  countOwnedBy(ownerId: string): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM saved_searches WHERE owner_id = ?').get(ownerId) as { n: number }).n;
  }

  get(id: string): StoredSearch | null {
    const row = this.#db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as SavedSearchRow | undefined;
    return row ? toStored(row) : null;
  }

  create(owner: SavedSearchOwner, input: { name: string; state: SavedSearchState; shared: boolean }): StoredSearch {
    const now = this.#now();
    const id = randomUUID();
    this.#db
      .prepare('INSERT INTO saved_searches(id, owner_id, owner_name, name, state, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, owner.id, owner.name, input.name, JSON.stringify(input.state), input.shared ? 1 : 0, now, now);
    return this.get(id)!;
  }

  update(id: string, patch: { name?: string; state?: SavedSearchState; shared?: boolean }): StoredSearch | null {
    const before = this.get(id);
    if (!before) return null;
    const next = { ...before, ...patch };
    this.#db
      .prepare('UPDATE saved_searches SET name = ?, state = ?, shared = ?, updated_at = ? WHERE id = ?')
      .run(next.name, JSON.stringify(next.state), next.shared ? 1 : 0, this.#now(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return Number(this.#db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes) > 0;
  }
}
