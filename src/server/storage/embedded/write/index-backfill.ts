/**
 * Fills the field and substring indexes for lines written before they existed (schema version 3).
 * The lines to do are the id range [next_id, last_id] recorded by the migration; the writer
 * indexes BATCH of them per transaction and yields between transactions, so appends and
 * retention queued meanwhile wait for one batch at most (~50 ms), and the position commits with
 * each batch: a restart resumes where the last one stopped.
 *
 * New lines inside the range (late lines) are left to the backfill, lines outside it are indexed
 * as they are written; `covers` tells the line writer and retention which is which, so no line is
 * indexed twice or unindexed without having been indexed (which would corrupt the FTS5 index).
 * Readers use the new indexes only once the range is empty (read/index-view.ts).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LineRow } from '../query/select.ts';
import { labelsOf } from '../read/lines.ts';
import { transaction } from '../sqlite.ts';
import type { Database } from '../sqlite.ts';
import type { FieldIndexer } from './field-index.ts';
import type { TrigramBlocks } from './trigram-blocks.ts';

const BATCH = 2_000;

export interface BackfillProgress {
  done: boolean;
  doneLines: number;
  totalLines: number;
  /** Why the backfill stopped before its end, if it failed. */
  error: string | null;
}

/** The columns the backfill indexes of each line (its time is in its id). */
type BackfillRow = Omit<LineRow, 'ts'>;

export function createIndexBackfill(db: Database, indexer: FieldIndexer, text: TrigramBlocks, batchSize = BATCH) {
  const read = db.prepare('SELECT next_id, last_id, done_lines, total_lines FROM log_index_backfill WHERE one = 1');
  const rows = db.prepare(
    'SELECT id, stream, level, host_name, host_ip, app_name, labels, content FROM logs WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?',
  );
  const save = db.prepare('UPDATE log_index_backfill SET next_id = ?, done_lines = ? WHERE one = 1');
  const initial = read.get() as { next_id: number; last_id: number; done_lines: number; total_lines: number };
  let next = initial.next_id;
  const last = initial.last_id;
  let doneLines = initial.done_lines;
  let stopped = false;
  let error: string | null = null;

  const step = (): boolean =>
    transaction(db, () => {
      const batch = rows.all(BigInt(next), BigInt(last), BigInt(batchSize)) as unknown as BackfillRow[];
      const byStream = new Map<number, { ids: number[]; contents: string[] }>();
      for (const row of batch) {
        indexer.index(row.stream, row.id, row.content, labelsOf(row));
        let stream = byStream.get(row.stream);
        if (!stream) byStream.set(row.stream, (stream = { ids: [], contents: [] }));
        stream.ids.push(row.id);
        stream.contents.push(row.content);
      }
      indexer.flush();
      for (const [sid, stream] of byStream) text.write(sid, stream.ids, stream.contents);
      const newNext = batch.length < batchSize ? last + 1 : batch[batch.length - 1]!.id + 1;
      save.run(BigInt(newNext), BigInt(doneLines + batch.length));
      next = newNext;
      doneLines += batch.length;
      return next > last;
    });

  return {
    /** Whether the index already holds (or the backfill will not add) the line with this id. */
    covers(id: number): boolean {
      return next > last || id < next || id > last;
    },
    progress(): BackfillProgress {
      return { done: next > last, doneLines, totalLines: initial.total_lines, error };
    },
    /** Indexes one batch in one transaction; true when the backfill is complete. */
    step,
    /** Runs the backfill to its end in the background of the writer; stop() ends it between batches. */
    async run(): Promise<void> {
      while (!stopped && next <= last) {
        try {
          step();
        } catch (error) {
          indexer.reset();
          throw error;
        }
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

export type IndexBackfill = ReturnType<typeof createIndexBackfill>;
