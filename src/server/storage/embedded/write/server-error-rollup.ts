/**
 * Server errors of lines without a level (schema version 6). Access logs carry no level; their
 * errors are the responses with an HTTP status of 500 or more, read exactly as the query
 * language reads `status` (a label, a JSON key, a `status=` pair or the access-log status).
 * They are counted per 5-minute bucket and stream in log_rollup_5xx, in the same transactions
 * as the lines (write/lines.ts) and their deletion (write/retention.ts), so the anomaly
 * detector's error ratio reads them like the level rollup, without touching a line.
 *
 * Lines written before version 6 are counted by a backfill over the id range the migration
 * recorded, BATCH lines per transaction with a yield between them, its position committed with
 * each batch (a restart resumes). As with the index backfill, lines inside that range are left
 * to it and lines outside are counted when written; `covers` says which, so no line is counted
 * twice or subtracted without having been counted.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LogLabels } from '../../ports.ts';
import { fieldValue, numericValue } from '../../../search/fields.ts';
import type { LineRow } from '../query/select.ts';
import { labelsOf } from '../read/lines.ts';
import { ROLLUP_BUCKET_MS } from '../schema.ts';
import { transaction } from '../sqlite.ts';
import type { Database } from '../sqlite.ts';

const BATCH = 2_000;

/** A line the error ratio counts by its status: no level, and a status of 500 or more. */
export function isServerErrorLine(content: string, labels: Readonly<LogLabels>): boolean {
  if (labels.level !== undefined && labels.level !== '') return false;
  // Cheap test first: every way of writing a status has the word or a quoted request before it.
  if (!Object.hasOwn(labels, 'status') && !content.includes('status') && !content.includes('"')) return false;
  const status = numericValue(fieldValue(labels as Record<string, string>, content, 'status'));
  return status !== null && status >= 500;
}

/** Server-error lines per bucket of one stream, collected while a batch is written or deleted. */
export class ServerErrorCounts {
  readonly byBucket = new Map<number, number>();

  add(time: number, content: string, labels: Readonly<LogLabels>): void {
    if (!isServerErrorLine(content, labels)) return;
    const bucket = time - (time % ROLLUP_BUCKET_MS);
    this.byBucket.set(bucket, (this.byBucket.get(bucket) ?? 0) + 1);
  }
}

export function createServerErrorRollup(db: Database, batchSize = BATCH) {
  const add = db.prepare(
    `INSERT INTO log_rollup_5xx(bucket, stream, n) VALUES (?, ?, ?)
     ON CONFLICT(bucket, stream) DO UPDATE SET n = n + excluded.n`,
  );
  const subtract = db.prepare('UPDATE log_rollup_5xx SET n = n - ? WHERE bucket = ? AND stream = ?');
  const dropEmpty = db.prepare('DELETE FROM log_rollup_5xx WHERE bucket = ? AND stream = ? AND n <= 0');
  const read = db.prepare('SELECT next_id, last_id FROM log_rollup_5xx_backfill WHERE one = 1');
  // Labelled lines are never server errors by status: only unlabelled ones are read in full.
  const rows = db.prepare(
    `SELECT id, ts, stream, level, host_name, host_ip, app_name, labels, content FROM logs
      WHERE id >= ? AND id <= ? AND level IS NULL ORDER BY id LIMIT ?`,
  );
  const save = db.prepare('UPDATE log_rollup_5xx_backfill SET next_id = ? WHERE one = 1');
  const initial = read.get() as { next_id: number; last_id: number };
  let next = initial.next_id;
  const last = initial.last_id;
  let stopped = false;
  let error: string | null = null;

  const apply = (sid: bigint, counts: ServerErrorCounts, sign: 1 | -1) => {
    for (const [bucket, n] of counts.byBucket) {
      if (sign === 1) add.run(BigInt(bucket), sid, BigInt(n));
      else {
        subtract.run(BigInt(n), BigInt(bucket), sid);
        dropEmpty.run(BigInt(bucket), sid);
      }
    }
  };

  /** Counts one batch of older lines in one transaction; true when the backfill is complete. */
  const step = (): boolean =>
    transaction(db, () => {
      const batch = rows.all(BigInt(next), BigInt(last), BigInt(batchSize)) as unknown as LineRow[];
      const byStream = new Map<number, ServerErrorCounts>();
      for (const row of batch) {
        let counts = byStream.get(row.stream);
        if (!counts) byStream.set(row.stream, (counts = new ServerErrorCounts()));
        counts.add(row.ts, row.content, labelsOf(row));
      }
      for (const [sid, counts] of byStream) apply(BigInt(sid), counts, 1);
      next = batch.length < batchSize ? last + 1 : batch[batch.length - 1]!.id + 1;
      save.run(BigInt(next));
      return next > last;
    });

  return {
    /** Whether this line is (or will not be) counted outside the backfill. */
    covers(id: number): boolean {
      return next > last || id < next || id > last;
    },
    add: (sid: bigint, counts: ServerErrorCounts) => apply(sid, counts, 1),
    subtract: (sid: bigint, counts: ServerErrorCounts) => apply(sid, counts, -1),
    progress(): { done: boolean; error: string | null } {
      return { done: next > last, error };
    },
    step,
    async run(): Promise<void> {
      while (!stopped && next <= last) {
        step();
        await nextTurn();
      }
    },
    fail(reason: unknown): void {
      error = reason instanceof Error ? reason.message : String(reason);
    },
    stop(): void {
      stopped = true;
    },
  };
}

export type ServerErrorRollup = ReturnType<typeof createServerErrorRollup>;
