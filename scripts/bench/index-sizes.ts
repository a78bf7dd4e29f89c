/**
 * What the field and substring indexes cost on disk: the store is compacted (VACUUM) and
 * measured, then compacted again without the field index, then without the trigram index too.
 * The last figure is the store as it was before schema version 3 (words index, rollup, lines).
 * Runs on a copy-free closed store file; it is destroyed afterwards by the caller.
 */
import { stat } from 'node:fs/promises';
import { openDatabase } from '../../src/server/storage/embedded/sqlite.ts';

export interface IndexSizes {
  /** Compacted store with every index (bytes). */
  withIndexes: number;
  /** Without log_fields (bytes). */
  withoutFieldIndex: number;
  /** Without log_fields and logs_tri: the store before the indexes (bytes). */
  withoutBoth: number;
}

export async function measureIndexSizes(path: string): Promise<IndexSizes> {
  const db = openDatabase(path);
  try {
    const size = async () => {
      db.exec('VACUUM');
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return (await stat(path)).size;
    };
    const withIndexes = await size();
    db.exec('DROP TABLE log_fields');
    const withoutFieldIndex = await size();
    db.exec('DROP TABLE logs_tri');
    db.exec('DROP TABLE log_tri_blocks');
    const withoutBoth = await size();
    return { withIndexes, withoutFieldIndex, withoutBoth };
  } finally {
    db.close();
  }
}
