/** Line counts per 5-minute bucket, stream and level from the rollup table (reader worker). */
import type { Database } from '../sqlite.ts';

export interface RollupRange {
  /** Inclusive bucket start, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

export interface RollupRow {
  bucket: number;
  streamId: string;
  level: string;
  n: number;
}

export function createRollupQueries(db: Database) {
  const range = db.prepare(`
    SELECT r.bucket, s.id AS streamId, r.level, r.n
      FROM log_rollup r JOIN log_streams s ON s.sid = r.stream
     WHERE r.bucket >= ? AND r.bucket < ?
     ORDER BY r.bucket, s.id, r.level`);
  return {
    rollup({ from, to }: RollupRange): RollupRow[] {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error('rollup range needs integer epoch ms');
      // BigInt: a JS number would bind as REAL (store-bench.md pitfall 1).
      return range.all(BigInt(from), BigInt(to)) as unknown as RollupRow[];
    },
  };
}
