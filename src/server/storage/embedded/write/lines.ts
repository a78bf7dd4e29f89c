/**
 * Appending log lines (writer worker): one transaction per batch covering the lines, their FTS
 * entries, their field and trigram entries (write/field-index.ts), the 5-minute rollups (levels,
 * and server errors of unlabelled lines: write/server-error-rollup.ts) and the stream's counters, so a batch is all or nothing.
 */
import type { AppendResult, ImportProgress, IngestCursor, LogLabels, NewLogLine } from '../../ports.ts';
import { createIdAllocator, lineNumOf } from '../line-id.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import { transaction } from '../sqlite.ts';
import type { Database } from '../sqlite.ts';
import { assertBatchFields, type BatchFields } from './field-index.ts';
import type { LineIndexes } from './line-indexes.ts';
import { assertProgress, createCursorWriter } from './progress.ts';
import { createRowBatches, ROWS_PER_STATEMENT } from './row-batches.ts';
import { ServerErrorCounts } from './server-error-rollup.ts';

/** Labels kept as columns because filters and rollups use them; the rest go to JSON. */
const COLUMN_LABELS = new Set(['level', 'hostName', 'hostIP', 'appName']);

function otherLabelsJson(labels: LogLabels): string | null {
  let others: LogLabels | null = null;
  for (const key in labels) {
    if (COLUMN_LABELS.has(key)) continue;
    (others ??= {})[key] = labels[key]!;
  }
  return others === null ? null : JSON.stringify(others);
}

export function createLineWriter(db: Database, indexes: LineIndexes) {
  const ids = createIdAllocator(db);
  const cursors = createCursorWriter(db);
  const streamSid = db.prepare('SELECT sid FROM log_streams WHERE id = ?');
  const lineRows = createRowBatches(db, 'INSERT INTO logs(id, ts, stream, level, host_name, host_ip, app_name, labels, content)', 9);
  const wordRows = createRowBatches(db, 'INSERT INTO logs_fts(rowid, content)', 2);
  const recordLate = db.prepare('INSERT INTO log_late_lines(id) VALUES (?)');
  const addRollup = db.prepare(
    `INSERT INTO log_rollup(bucket, stream, level, n) VALUES (?, ?, ?, ?)
     ON CONFLICT(bucket, stream, level) DO UPDATE SET n = n + excluded.n`,
  );
  const addToStream = db.prepare(
    `UPDATE log_streams SET line_count = line_count + ?,
       latest_time = max(coalesce(latest_time, ?), ?) WHERE sid = ?`,
  );
  // Streams are never deleted, so a resolved sid stays valid for the worker's lifetime.
  const sids = new Map<string, bigint>();

  const sidOf = (streamId: string): bigint => {
    let sid = sids.get(streamId);
    if (sid === undefined) {
      const row = streamSid.get(String(streamId)) as { sid: number } | undefined;
      if (!row) throw new Error(`unknown log stream id "${streamId}"`);
      sid = BigInt(row.sid);
      sids.set(streamId, sid);
    }
    return sid;
  };

  const write = (sid: bigint, lines: readonly NewLogLine[], fields: BatchFields): AppendResult => {
    const rollup = new Map<string, number>();
    const serverErrors = new ServerErrorCounts();
    let latest = -1;
    const textIds: number[] = [];
    const texts: string[] = [];
    const lineIds: number[] = [];
    // Rows left waiting by a transaction that failed are not this one's.
    lineRows.discard();
    wordRows.discard();
    for (let start = 0; start < lines.length; start += ROWS_PER_STATEMENT) {
      const end = Math.min(lines.length, start + ROWS_PER_STATEMENT);
      // The chunk's rows first: the field index reads stored lines when a stream's constant ends.
      for (let index = start; index < end; index++) {
        const { time, content, labels } = lines[index]!;
        const id = ids.next(time);
        lineIds[index] = id;
        const rowid = BigInt(id);
        lineRows.add(
          rowid, BigInt(time), sid, labels.level ?? null,
          labels.hostName ?? null, labels.hostIP ?? null, labels.appName ?? null,
          otherLabelsJson(labels), content,
        );
        wordRows.add(rowid, content);
      }
      lineRows.flush();
      wordRows.flush();
      ids.stored();
      for (let index = start; index < end; index++) {
        const { time, content, labels } = lines[index]!;
        const id = lineIds[index]!;
        if (time > latest) latest = time;
        if (ids.isLate(id)) recordLate.run(BigInt(id));
        if (indexes.backfill.covers(id)) {
          indexes.fields.indexFromBatch(Number(sid), id, fields, index);
          textIds.push(id);
          texts.push(content);
        }
        const level = labels.level ?? null;
        const key = `${time - (time % ROLLUP_BUCKET_MS)}\u0000${level ?? ''}`;
        rollup.set(key, (rollup.get(key) ?? 0) + 1);
        if (level === null && indexes.serverErrors.covers(id)) serverErrors.add(time, content, labels);
      }
    }
    indexes.serverErrors.add(sid, serverErrors);
    for (const [key, n] of rollup) {
      const separator = key.indexOf('\u0000');
      addRollup.run(BigInt(key.slice(0, separator)), sid, key.slice(separator + 1), BigInt(n));
    }
    indexes.fields.flush();
    indexes.text.write(Number(sid), textIds, texts);
    addToStream.run(BigInt(lines.length), BigInt(latest), BigInt(latest), sid);
    return { written: lines.length, firstLineNum: lineNumOf(lineIds[0]!), lastLineNum: lineNumOf(lineIds.at(-1)!) };
  };

  return {
    importProgress(source: string): ImportProgress | null {
      return cursors.readProgress(source);
    },

    /**
     * `lines` were checked by the caller (store.ts), where their `fields` were extracted
     * (batchFields): the only sender to this thread, so each line is checked once.
     */
    appendLines(streamId: string, lines: readonly NewLogLine[], fields: BatchFields, made?: ImportProgress): AppendResult {
      assertProgress(made);
      assertBatchFields(fields, lines.length);
      const sid = sidOf(streamId);
      if (lines.length === 0) {
        if (made) transaction(db, () => cursors.recordProgress(made));
        return { written: 0, firstLineNum: null, lastLineNum: null };
      }
      return indexes.guard(() => transaction(db, () => {
        if (made) cursors.recordProgress(made);
        ids.beginBatch();
        return write(sid, lines, fields);
      }));
    },
    /**
     * Several streams' lines and, optionally, a source's new position in ONE transaction: ingest
     * receivers commit everything they acknowledge together, and a followed file's offset moves
     * with exactly the lines read up to it.
     */
    appendBatches(batches: readonly { streamId: string; lines: readonly NewLogLine[]; fields: BatchFields }[], positions: readonly IngestCursor[]): number {
      const sids = batches.map((batch) => {
        assertBatchFields(batch.fields, batch.lines.length);
        return sidOf(batch.streamId);
      });
      return indexes.guard(() => transaction(db, () => {
        ids.beginBatch();
        let written = 0;
        batches.forEach((batch, index) => {
          if (batch.lines.length > 0) written += write(sids[index]!, batch.lines, batch.fields).written;
        });
        for (const cursor of positions) cursors.save(cursor.source, cursor.position, Date.now());
        return written;
      }));
    },
    readIngestCursor(source: string): string | null {
      return cursors.load(source);
    },
  };
}
