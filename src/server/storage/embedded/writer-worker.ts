/** Entry of the writer thread: the only connection that writes, and the one that migrates. */
import { openWriterConnection } from './connection.ts';
import { migrate } from './schema.ts';
import { serveWorker } from './worker-runtime.ts';
import { createWriterApi } from './writer-api.ts';

serveWorker(({ dbPath }) => {
  const db = openWriterConnection(dbPath);
  try {
    const migration = migrate(db, dbPath);
    return {
      api: createWriterApi(db),
      info: migration,
      close() {
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
