/**
 * Exact line counts for the match-all query without touching every line: whole 5-minute buckets
 * come from log_rollup (kept in the writers' transactions), the partial buckets at the window's
 * edges are counted from the lines (at most 5 minutes each). The rollup files lines by their
 * time, so the edges do too; ids can run a little past their millisecond (line-id.ts), hence the
 * wider id range with an exact `ts` test.
 */
import { SEQ_PER_MS } from '../line-id.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import type { SqlValue } from '../sqlite.ts';
import type { SearchContext } from './search-context.ts';

const SPILL_IDS = 60_000 * SEQ_PER_MS;

type Add = (time: number, level: string, n: number) => void;

function streamFilter(sids: readonly number[] | null, column: string): string {
  return sids === null ? '' : ` AND ${column} IN (SELECT value FROM json_each(:sids))`;
}

function bind(params: Record<string, number>, sids: readonly number[] | null): Record<string, SqlValue> {
  const bound: Record<string, SqlValue> = {};
  for (const [key, value] of Object.entries(params)) bound[key] = BigInt(value);
  if (sids !== null) bound.sids = JSON.stringify(sids);
  return bound;
}

/** Lines with time in [t0, t1) per level, counted one by one (for spans under 5 minutes). */
function countEdge(context: SearchContext, t0: number, t1: number, sids: readonly number[] | null, add: Add): void {
  if (t0 >= t1) return;
  const sql =
    'SELECT coalesce(l.level, \'\') AS level, count(*) AS n FROM logs l NOT INDEXED ' +
    `WHERE l.id >= :lo AND l.id < :hi AND l.ts >= :t0 AND l.ts < :t1${streamFilter(sids, 'l.stream')} GROUP BY 1`;
  const params = bind({ lo: t0 * SEQ_PER_MS, hi: t1 * SEQ_PER_MS + SPILL_IDS, t0, t1 }, sids);
  for (const row of context.prepare(sql).all(params) as { level: string; n: number }[]) add(t0, row.level, row.n);
}

/** Counts of every line in [from, to) by time and level; `add` gets the time of each count's bucket. */
export function matchAllCounts(context: SearchContext, from: number, to: number, sids: readonly number[] | null, add: Add): void {
  if (sids !== null && sids.length === 0) return;
  const inner = Math.ceil(from / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
  const outer = Math.floor(to / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
  if (inner >= outer) {
    countEdge(context, from, to, sids, add);
    return;
  }
  countEdge(context, from, inner, sids, add);
  countEdge(context, outer, to, sids, add);
  const sql =
    'SELECT r.bucket AS bucket, r.level AS level, sum(r.n) AS n FROM log_rollup r ' +
    `WHERE r.bucket >= :a AND r.bucket < :b${streamFilter(sids, 'r.stream')} GROUP BY 1, 2`;
  for (const row of context.prepare(sql).all(bind({ a: inner, b: outer }, sids)) as { bucket: number; level: string; n: number }[]) {
    add(row.bucket, row.level, row.n);
  }
}

/** Exact number of lines in [from, to). */
export function countMatchAll(context: SearchContext, from: number, to: number, sids: readonly number[] | null): number {
  let total = 0;
  matchAllCounts(context, from, to, sids, (_time, _level, n) => {
    total += n;
  });
  return total;
}
