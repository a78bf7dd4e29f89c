/**
 * Line-count series per stream for the anomaly detector (reader worker), from the 5-minute
 * rollups: one range read of at most (buckets x streams x levels) small rows, no line is touched.
 * Errors are the lines with an error level plus the unlabelled lines with an HTTP status of 500
 * or more (access logs have no level; the two never overlap).
 */
import type { LogSeriesData, LogSeriesRequest } from '../../anomaly-series-port.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import type { Database } from '../sqlite.ts';

/** Levels counted as errors. Imported lines map CRIT/FATAL/ALERT/EMERG to ERROR already. */
export const ERROR_LEVELS = ['ERROR', 'FATAL', 'CRITICAL', 'CRIT', 'ALERT', 'EMERG'] as const;
/** 40 days of 5-minute buckets: the detector reads 30 days plus 4 weeks of history at most twice that. */
const MAX_BUCKETS = 70 * 288;

export function createAnomalyLogSeriesQueries(db: Database) {
  const streams = db.prepare(`
    SELECT s.sid, s.id AS streamId, g.name AS grp, s.name AS stream,
           (SELECT min(bucket) FROM log_rollup r WHERE r.stream = s.sid) AS firstData
      FROM log_streams s JOIN log_groups g ON g.id = s.group_id
     ORDER BY g.name, s.name`);
  const errorList = ERROR_LEVELS.map((level) => `'${level}'`).join(', ');
  const sums = `sum(n) AS total, sum(CASE WHEN level IN (${errorList}) THEN n ELSE 0 END) AS errors`;
  const counts = db.prepare(`SELECT bucket, stream, ${sums} FROM log_rollup WHERE bucket >= ? AND bucket < ? GROUP BY bucket, stream`);
  counts.setReturnArrays(true);
  // One stream (a chart): the (bucket, stream, level) key still serves the range, the stream filters.
  const countsOf = db.prepare(`SELECT bucket, stream, ${sums} FROM log_rollup WHERE bucket >= ? AND bucket < ? AND stream = ? GROUP BY bucket, stream`);
  countsOf.setReturnArrays(true);
  // Server errors of unlabelled lines (access logs), counted at write time (write/server-error-rollup.ts).
  const serverErrors = db.prepare('SELECT bucket, stream, n FROM log_rollup_5xx WHERE bucket >= ? AND bucket < ?');
  serverErrors.setReturnArrays(true);
  const serverErrorsOf = db.prepare('SELECT bucket, stream, n FROM log_rollup_5xx WHERE bucket >= ? AND bucket < ? AND stream = ?');
  serverErrorsOf.setReturnArrays(true);

  return {
    anomalyLogSeries({ from, to, only }: LogSeriesRequest): LogSeriesData {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) throw new Error('log series needs an integer range');
      const start = from - (from % ROLLUP_BUCKET_MS);
      const buckets = Math.ceil((to - start) / ROLLUP_BUCKET_MS);
      if (buckets > MAX_BUCKETS) throw new Error(`log series of at most ${MAX_BUCKETS} buckets, asked for ${buckets}`);
      const rows = (streams.all() as { sid: number; streamId: string; grp: string; stream: string; firstData: number | null }[]).filter(
        (row) => !only || (row.grp === only.group && row.stream === only.stream),
      );
      const bySid = new Map<number, { total: number[]; errors: number[] }>();
      const result: LogSeriesData = { start, bucketMs: ROLLUP_BUCKET_MS, buckets, streams: [] };
      for (const row of rows) {
        const series = { total: new Array<number>(buckets).fill(0), errors: new Array<number>(buckets).fill(0) };
        bySid.set(row.sid, series);
        result.streams.push({ streamId: row.streamId, group: row.grp, stream: row.stream, firstData: row.firstData, ...series });
      }
      const range = [BigInt(start), BigInt(start + buckets * ROLLUP_BUCKET_MS)] as const;
      if (only && rows.length === 0) return result;
      const found = only ? countsOf.all(...range, BigInt(rows[0]!.sid)) : counts.all(...range);
      for (const [bucket, sid, total, errors] of found as unknown as number[][]) {
        const series = bySid.get(sid!);
        if (!series) continue;
        const k = (bucket! - start) / ROLLUP_BUCKET_MS;
        series.total[k] = total!;
        series.errors[k] = errors!;
      }
      const failed = only ? serverErrorsOf.all(...range, BigInt(rows[0]!.sid)) : serverErrors.all(...range);
      for (const [bucket, sid, n] of failed as unknown as number[][]) {
        const series = bySid.get(sid!);
        if (series) series.errors[(bucket! - start) / ROLLUP_BUCKET_MS]! += n!;
      }
      return result;
    },
  };
}
