/**
 * Where sources stand (writer worker): import progress records and followed files' positions,
 * both in `ingest_cursors`, written inside the caller's batch transaction.
 */
import type { ImportProgress } from '../../ports.ts';
import type { Database } from '../sqlite.ts';

export function createCursorWriter(db: Database) {
  const upsert = db.prepare(`
    INSERT INTO ingest_cursors(source, position, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`);
  const select = db.prepare('SELECT position FROM ingest_cursors WHERE source = ?');

  const save = (source: string, position: string, at: number): void => {
    upsert.run(source, position, BigInt(at));
  };
  const load = (source: string): string | null => (select.get(source) as { position: string } | undefined)?.position ?? null;

  return {
    /** A continuous source's own position (JSON). Call inside a transaction. */
    save,
    load,
    /** An import's progress. Call inside a transaction. */
    recordProgress(p: ImportProgress): void {
      const { source, ...position } = p;
      save(source, JSON.stringify(position), p.updatedAt);
    },
    readProgress(source: string): ImportProgress | null {
      const position = load(source);
      if (position === null) return null;
      const progress = { ...(JSON.parse(position) as Omit<ImportProgress, 'source'>), source };
      assertProgress(progress);
      return progress;
    },
  };
}

export function assertProgress(p: ImportProgress | undefined): void {
  if (p === undefined) return;
  const counts = [p.headBytes, p.size, p.bytes, p.lines, p.updatedAt];
  if (typeof p.source !== 'string' || p.source.length === 0 || p.source.length > 4096) throw new Error('import progress needs a source');
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error('import progress counts must be non-negative integers');
  if (!/^[0-9a-f]{64}$/.test(p.headHash)) throw new Error('import progress head hash must be sha256 hex');
  if (p.lastTime !== null && !Number.isSafeInteger(p.lastTime)) throw new Error('import progress last time must be an integer or null');
  if (typeof p.complete !== 'boolean') throw new Error('import progress complete must be a boolean');
}
