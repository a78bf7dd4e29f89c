/** Import progress records (writer worker), written inside the caller's batch transaction. */
import type { ImportProgress } from '../../ports.ts';
import type { Database } from '../sqlite.ts';

export function createProgressWriter(db: Database) {
  const upsert = db.prepare(`
    INSERT INTO import_progress(source, head_bytes, head_hash, size, bytes, lines, last_time, complete, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(source) DO UPDATE SET head_bytes = excluded.head_bytes, head_hash = excluded.head_hash,
      size = excluded.size, bytes = excluded.bytes, lines = excluded.lines, last_time = excluded.last_time,
      complete = excluded.complete, updated_at = excluded.updated_at`);
  const select = db.prepare('SELECT * FROM import_progress WHERE source = ?');

  return {
    /** Call inside a transaction. */
    record(p: ImportProgress): void {
      upsert.run(p.source, p.headBytes, p.headHash, p.size, p.bytes, p.lines, p.lastTime === null ? null : BigInt(p.lastTime), p.complete ? 1 : 0, BigInt(p.updatedAt));
    },
    read(source: string): ImportProgress | null {
      const row = select.get(source) as Record<string, number | string | null> | undefined;
      if (!row) return null;
      return {
        source: String(row.source),
        headBytes: Number(row.head_bytes),
        headHash: String(row.head_hash),
        size: Number(row.size),
        bytes: Number(row.bytes),
        lines: Number(row.lines),
        lastTime: row.last_time === null ? null : Number(row.last_time),
        complete: Number(row.complete) === 1,
        updatedAt: Number(row.updated_at),
      };
    },
  };
}

export function assertProgress(p: ImportProgress | undefined): void {
  if (p === undefined) return;
  const counts = [p.headBytes, p.size, p.bytes, p.lines, p.updatedAt];
  if (typeof p.source !== 'string' || p.source.length === 0 || p.source.length > 4096) throw new Error('import progress needs a source');
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error('import progress counts must be non-negative integers');
  if (!/^[0-9a-f]{64}$/.test(p.headHash)) throw new Error('import progress head hash must be sha256 hex');
}
