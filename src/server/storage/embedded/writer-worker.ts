/** Entry of the writer thread: the only connection that writes, and the one that migrates. */
import { openWriterConnection } from './connection.ts';
import { migrate } from './schema.ts';
import { serveWorker } from './worker-runtime.ts';
import { createWriterApi } from './writer-api.ts';
import { createLineIndexes } from './write/line-indexes.ts';

serveWorker(({ dbPath }) => {
  const db = openWriterConnection(dbPath);
  try {
    const migration = migrate(db, dbPath);
    const indexes = createLineIndexes(db);
    // Lines older than the field and substring indexes are indexed in the background, between
    // other writes; a failure leaves the position where it was and is reported by indexProgress.
    void indexes.backfill.run().catch((error: unknown) => indexes.backfill.fail(error));
    void indexes.serverErrors.run().catch((error: unknown) => indexes.serverErrors.fail(error));
    return {
      api: createWriterApi(db, indexes),
      info: migration,
      close() {
        indexes.backfill.stop();
        indexes.serverErrors.stop();
        // Fold the WAL into the file. No ANALYZE/optimize here: statistics made the planner pick
        // a worse plan for time-range scans in store-bench.md (pitfall 2).
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
});
