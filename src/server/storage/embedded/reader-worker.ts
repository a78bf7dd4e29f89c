/** Entry of the reader thread: a read-only connection answering the named queries. */
import { openReaderConnection } from './connection.ts';
import { createReaderQueries } from './reader-queries.ts';
import { serveWorker } from './worker-runtime.ts';

serveWorker(({ dbPath }) => {
  const db = openReaderConnection(dbPath);
  try {
    return { api: createReaderQueries(db), close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
});
