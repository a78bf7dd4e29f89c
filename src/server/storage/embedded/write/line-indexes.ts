/**
 * The field and substring indexes as the writer's parts share them: the indexers, the backfill of
 * older lines, and a guard that drops the indexer's caches when a transaction rolls back (a
 * cached field id could otherwise be handed out again for another name).
 */
import type { Database } from '../sqlite.ts';
import { createFieldIndexer } from './field-index.ts';
import { createIndexBackfill } from './index-backfill.ts';
import { createServerErrorRollup } from './server-error-rollup.ts';
import { createTrigramBlocks } from './trigram-blocks.ts';

/** `backfillBatch`: lines per backfill transaction (tests use small ones). */
export function createLineIndexes(db: Database, backfillBatch?: number) {
  const fields = createFieldIndexer(db);
  const text = createTrigramBlocks(db);
  const backfill = createIndexBackfill(db, fields, text, backfillBatch);
  const serverErrors = createServerErrorRollup(db, backfillBatch);
  return {
    fields,
    text,
    backfill,
    serverErrors,
    guard<T>(work: () => T): T {
      try {
        return work();
      } catch (error) {
        fields.reset();
        throw error;
      }
    },
  };
}

export type LineIndexes = ReturnType<typeof createLineIndexes>;
