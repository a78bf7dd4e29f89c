/**
 * Scans of the logs table in chunks instead of a JS call per row. Calling a JS function from
 * SQLite costs about as much as the LIKE test itself (measured: a 1 M-row scan took 1.7-2x longer
 * with vigil_scan on every row than as 16 k-row statements). The rollup says how many lines each
 * 5-minute bucket holds, so the window can be cut into chunks of about CHUNK_ROWS rows up front:
 * the row budget, the clock and the cancellation flag are then checked between chunks, and a stop
 * lands on a chunk boundary, where the next page resumes. Counts are by line time and the scan by
 * id (= time, bar the few ids that spill past their millisecond), so they are close, not exact.
 */
import { SEQ_PER_MS } from '../line-id.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import type { Statement } from '../sqlite.ts';

/** About 10-30 ms of scanning: the longest a cancelled request keeps the reader busy. */
export const CHUNK_ROWS = 16_384;
/** Rollup buckets read per query while walking the window (one day). */
const BUCKETS_PER_READ = 288;
const BUCKET_IDS = ROLLUP_BUCKET_MS * SEQ_PER_MS;

export interface Chunk {
  /** Id window [lo, hi). */
  lo: number;
  hi: number;
  /** Lines the rollup counts in the chunk's buckets (all streams: a scan reads them all). */
  rows: number;
}

/** Rows per rollup bucket for buckets [from, to) (epoch ms of bucket starts). */
export type BucketCounts = (from: number, to: number) => Map<number, number>;

export function bucketCounter(statement: Statement): BucketCounts {
  return (from, to) => {
    const counts = new Map<number, number>();
    for (const row of statement.all(BigInt(from), BigInt(to)) as { bucket: number; n: number }[]) counts.set(row.bucket, row.n);
    return counts;
  };
}

export const BUCKET_COUNTS_SQL = 'SELECT bucket, sum(n) AS n FROM log_rollup WHERE bucket >= ? AND bucket < ? GROUP BY bucket';

/** Chunks covering [lo, hi), in page order, each of at least `target` rows where the data allows. */
export function* windowChunks(counts: BucketCounts, lo: number, hi: number, order: 'newest' | 'oldest', target: number): Generator<Chunk> {
  if (lo >= hi) return;
  const first = Math.floor(lo / BUCKET_IDS);
  const last = Math.floor((hi - 1) / BUCKET_IDS);
  const step = order === 'newest' ? -1 : 1;
  let edge = order === 'newest' ? hi : lo;
  let rows = 0;
  let batch = new Map<number, number>();
  let batchEnd = order === 'newest' ? last + 1 : first - 1;
  for (let bucket = order === 'newest' ? last : first; bucket >= first && bucket <= last; bucket += step) {
    if (order === 'newest' ? bucket < batchEnd : bucket > batchEnd) {
      const from = order === 'newest' ? Math.max(first, bucket - BUCKETS_PER_READ + 1) : bucket;
      const to = order === 'newest' ? bucket + 1 : Math.min(last + 1, bucket + BUCKETS_PER_READ);
      batch = counts(from * ROLLUP_BUCKET_MS, to * ROLLUP_BUCKET_MS);
      batchEnd = order === 'newest' ? from : to - 1;
    }
    rows += batch.get(bucket * ROLLUP_BUCKET_MS) ?? 0;
    const isLast = order === 'newest' ? bucket === first : bucket === last;
    if (rows >= target || isLast) {
      const boundary = order === 'newest' ? Math.max(lo, bucket * BUCKET_IDS) : Math.min(hi, (bucket + 1) * BUCKET_IDS);
      yield order === 'newest' ? { lo: boundary, hi: edge, rows } : { lo: edge, hi: boundary, rows };
      edge = boundary;
      rows = 0;
    }
  }
}

/** Chunk size for a budget: small budgets (tests, tight limits) still stop close to their limit. */
export function chunkTarget(maxRows: number): number {
  return Math.max(1, Math.min(CHUNK_ROWS, Math.floor(maxRows / 4)));
}
