/**
 * Match counts per time bucket and level (reader worker).
 *  - Match-all with buckets of whole 5-minute multiples: from the rollup (search-rollup.ts), cost
 *    independent of the number of lines.
 *  - Anything else: GROUP BY over the matches, computed in parts of the window from the newest,
 *    so a budget stop leaves the newer part exact and says from when (`coveredFrom`, on a bucket
 *    boundary). The bucket of a line is its id / 1024 (its millisecond), as for the time window.
 */
import type { HistogramRequest, HistogramResult } from '../../ports.ts';
import { compileQuery, SqlBuilder } from '../query/compile.ts';
import { chunkTarget, type Chunk } from '../query/chunks.ts';
import { runScan, ScanState } from '../query/scan.ts';
import { idAt, idColumn, selectParams, selectSql, sidsOf } from '../query/select.ts';
import { SEQ_PER_MS } from '../line-id.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import type { SearchContext } from './search-context.ts';
import { assertWindow } from './search-lines.ts';
import { matchAllCounts } from './search-rollup.ts';

export interface WorkerHistogram extends HistogramRequest {
  cancel: SharedArrayBuffer | null;
}

/** About this many statements per histogram: enough to stop part-way, few enough to stay cheap. */
const SLICES = 12;
const MAX_BUCKETS = 10_000;

class Buckets {
  readonly #byStart = new Map<number, Record<string, number>>();
  total = 0;

  add(start: number, level: string, n: number): void {
    if (n <= 0) return;
    let levels = this.#byStart.get(start);
    if (!levels) this.#byStart.set(start, (levels = {}));
    levels[level] = (levels[level] ?? 0) + n;
    this.total += n;
  }

  list(): HistogramResult['buckets'] {
    return [...this.#byStart].sort(([a], [b]) => a - b).map(([start, byLevel]) => ({ start, byLevel }));
  }
}

/** SQL for a line's value of `field` ('' when it has none); `ip` falls back to the first IPv4 address in the content. */
function groupValue(values: SqlBuilder, field: string): string {
  const value = values.fieldValue(field);
  return field === 'ip' ? `coalesce(${value}, vigil_first_ip(l.content), '')` : `coalesce(${value}, '')`;
}

export function createHistogram(context: SearchContext) {
  return {
    searchHistogram(request: WorkerHistogram): HistogramResult {
      const { from, to, bucketMs } = request;
      assertWindow(from, to);
      if (!Number.isSafeInteger(bucketMs) || bucketMs < 1 || (to - from) / bucketMs > MAX_BUCKETS) {
        throw new Error(`bucketMs must give at most ${MAX_BUCKETS} buckets`);
      }
      const query = compileQuery(request.query);
      const sids = sidsOf(context.streams(), request.streamIds);
      const buckets = new Buckets();
      const gridStart = (time: number) => Math.floor(time / bucketMs) * bucketMs;

      // Alert rules count per value of a field (source address, host); values use their own parameter names.
      const values = new SqlBuilder('v');
      const groupColumn = request.groupBy === undefined ? "coalesce(l.level, '')" : groupValue(values, request.groupBy);
      if (query.matchAll && bucketMs % ROLLUP_BUCKET_MS === 0 && request.groupBy === undefined) {
        matchAllCounts(context, from, to, sids, (time, level, n) => buckets.add(gridStart(time), level, n));
        return { buckets: buckets.list(), total: buckets.total, truncatedReason: null, coveredFrom: null };
      }
      if (from === to || (sids !== null && sids.length === 0)) {
        return { buckets: [], total: 0, truncatedReason: null, coveredFrom: null };
      }

      const id = idColumn(query);
      const statement = context.prepare(
        selectSql(query, {
          columns: `(${id} / 1024 - :g0) / :size AS b, ${groupColumn} AS level, count(*) AS n`,
          streams: sids !== null,
          groupBy: 'b, level',
        }),
      );
      const state = new ScanState(request.budget, request.cancel);
      state.useTests(query.tests);
      const g0 = gridStart(from);

      // Newest first, so a stop leaves the recent part exact. Scans go by rollup-sized chunks
      // (checked between them); index queries by slices of whole buckets (checked per row).
      let coveredFrom = to;
      for (const range of ranges(query.drive === null, from, to, g0)) {
        if (range.chunk && !state.enterChunk(range.chunk, 'newest')) break;
        const params = selectParams(query, idAt(range.from), idAt(range.to), sids, { ...values.params, g0: BigInt(g0), size: BigInt(bucketMs) });
        let rows: { b: number; level: string; n: number }[] = [];
        runScan(state, () => {
          rows = statement.all(params) as typeof rows;
        });
        if (state.stop !== null) break;
        if (range.chunk) state.leaveChunk(range.chunk);
        for (const row of rows) buckets.add(g0 + row.b * bucketMs, row.level, row.n);
        coveredFrom = range.from;
      }
      if (state.stop === null) return { buckets: buckets.list(), total: buckets.total, truncatedReason: null, coveredFrom: null };
      // Report whole buckets only: a bucket counted in part is left out with the older ones.
      const exactFrom = Math.max(from, Math.ceil(coveredFrom / bucketMs) * bucketMs);
      const covered = buckets.list().filter((bucket) => bucket.start >= exactFrom);
      const total = covered.reduce((sum, bucket) => sum + Object.values(bucket.byLevel).reduce((a, b) => a + b, 0), 0);
      return { buckets: covered, total, truncatedReason: state.stop, coveredFrom: Math.min(exactFrom, to) };

      function* ranges(scan: boolean, start: number, end: number, grid: number): Generator<{ from: number; to: number; chunk?: Chunk }> {
        if (scan) {
          for (const chunk of context.chunks({ lo: idAt(start), hi: idAt(end), order: 'newest' }, chunkTarget(request.budget.maxRows))) {
            yield { from: Math.ceil(chunk.lo / SEQ_PER_MS), to: Math.ceil(chunk.hi / SEQ_PER_MS), chunk };
          }
          return;
        }
        const cells = Math.ceil((end - grid) / bucketMs);
        const cellsPerSlice = Math.max(1, Math.ceil(cells / SLICES));
        for (let last = cells; last > 0; last -= cellsPerSlice) {
          yield { from: Math.max(start, grid + Math.max(0, last - cellsPerSlice) * bucketMs), to: Math.min(end, grid + last * bucketMs) };
        }
      }
    },
  };
}
