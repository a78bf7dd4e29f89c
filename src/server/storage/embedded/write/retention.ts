/**
 * Retention pass (writer worker): deletes lines older than each stream's ttl (else its group's).
 * Work is split into transactions of CHUNK lines with a yield in between, so appends queued
 * behind a large purge are not held up for its whole duration. Each chunk updates the word index
 * (which needs the old text back), the field index, the substring blocks left empty, the rollup
 * and the stream counters together with the rows it removes.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RetentionResult } from '../../ports.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import { transaction } from '../sqlite.ts';
import type { Database } from '../sqlite.ts';
import type { LineRow } from '../query/select.ts';
import { labelsOf } from '../read/lines.ts';
import type { LineIndexes } from './line-indexes.ts';
import { ServerErrorCounts } from './server-error-rollup.ts';

const DAY_MS = 86_400_000;
const CHUNK = 5_000;

/** The columns retention reads of each expired line (its stream is known). */
type ExpiredRow = Omit<LineRow, 'stream'>;

interface StreamTtl {
  sid: number;
  streamName: string;
  groupName: string;
  ttl: number;
}

export function createRetention(db: Database, indexes: LineIndexes) {
  const streams = db.prepare(`
    SELECT s.sid, s.name AS streamName, g.name AS groupName, coalesce(s.ttl_in_days, g.ttl_in_days) AS ttl
      FROM log_streams s JOIN log_groups g ON g.id = s.group_id
     ORDER BY g.name, s.name`);
  const oldest = db.prepare('SELECT id, ts, level, host_name, host_ip, app_name, labels, content FROM logs WHERE stream = ? AND ts < ? ORDER BY ts LIMIT ?');
  const unindexLine = db.prepare("INSERT INTO logs_fts(logs_fts, rowid, content) VALUES ('delete', ?, ?)");
  const deleteLine = db.prepare('DELETE FROM logs WHERE id = ?');
  const subtractRollup = db.prepare('UPDATE log_rollup SET n = n - ? WHERE bucket = ? AND stream = ? AND level = ?');
  const dropEmptyRollup = db.prepare('DELETE FROM log_rollup WHERE bucket = ? AND stream = ? AND level = ? AND n <= 0');
  // Late arrivals older than every stored line are of no use to anyone following the store.
  const pruneLate = db.prepare('DELETE FROM log_late_lines WHERE id < coalesce((SELECT min(id) FROM logs), 9007199254740991)');
  const subtractFromStream = db.prepare(`
    UPDATE log_streams SET line_count = line_count - ?1,
      latest_time = CASE WHEN line_count - ?1 <= 0 THEN NULL ELSE latest_time END
     WHERE sid = ?2`);

  /** Deletes up to CHUNK expired lines of one stream in one transaction; returns how many. */
  const deleteChunk = (sid: bigint, cutoff: bigint): number =>
    indexes.guard(() => transaction(db, () => {
      const rows = oldest.all(sid, cutoff, BigInt(CHUNK)) as unknown as ExpiredRow[];
      const rollup = new Map<string, number>();
      const serverErrors = new ServerErrorCounts();
      for (const row of rows) {
        const rowid = BigInt(row.id);
        unindexLine.run(rowid, row.content);
        if (indexes.backfill.covers(row.id)) indexes.fields.unindex(row.id, row.content, labelsOf(row));
        deleteLine.run(rowid);
        if (row.level === null && indexes.serverErrors.covers(row.id)) serverErrors.add(row.ts, row.content, labelsOf(row));
        const key = `${row.ts - (row.ts % ROLLUP_BUCKET_MS)}\u0000${row.level ?? ''}`;
        rollup.set(key, (rollup.get(key) ?? 0) + 1);
      }
      for (const [key, n] of rollup) {
        const separator = key.indexOf('\u0000');
        const bucket = BigInt(key.slice(0, separator));
        const level = key.slice(separator + 1);
        subtractRollup.run(BigInt(n), bucket, sid, level);
        dropEmptyRollup.run(bucket, sid, level);
      }
      indexes.serverErrors.subtract(sid, serverErrors);
      if (rows.length > 0) {
        subtractFromStream.run(BigInt(rows.length), sid);
        indexes.text.removeEmpty(Number(sid), Math.max(...rows.map((row) => row.id)));
      }
      return rows.length;
    }));

  const run = async (now: number): Promise<RetentionResult> => {
    if (!Number.isSafeInteger(now) || now < 0) throw new Error(`retention needs "now" as epoch ms, got ${String(now)}`);
    const result: RetentionResult = { deletedLines: 0, streams: [] };
    for (const stream of streams.all() as unknown as StreamTtl[]) {
      const cutoff = now - stream.ttl * DAY_MS;
      let deleted = 0;
      for (;;) {
        const n = deleteChunk(BigInt(stream.sid), BigInt(cutoff));
        deleted += n;
        if (n < CHUNK) break;
        await nextTurn();
      }
      result.deletedLines += deleted;
      result.streams.push({ groupName: stream.groupName, streamName: stream.streamName, deleted, cutoff });
    }
    if (result.deletedLines > 0) pruneLate.run();
    return result;
  };

  // Passes never overlap: a second request waits for the running one, then runs on its own.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    applyRetention(now: number): Promise<RetentionResult> {
      const pass = queue.then(() => run(now));
      queue = pass.catch(() => undefined);
      return pass;
    },
  };
}
