/** Entry of the checkpoint thread: copies the WAL into the file beside the writer (checkpointer.ts). */
import { createLogger, describeError } from '../../logger.ts';
import { openCheckpointConnection } from './connection.ts';
import { startCheckpointer } from './checkpointer.ts';
import { serveWorker } from './worker-runtime.ts';

serveWorker(({ dbPath }) => {
  const db = openCheckpointConnection(dbPath);
  // The next tick (or the writer's own checkpoint) tries again; the log says why it failed.
  const logger = createLogger('warn');
  const checkpoints = startCheckpointer(db, (error) => logger.warn('vigil.db checkpoint failed', describeError(error)));
  return {
    api: {},
    close() {
      checkpoints.stop();
      db.close();
    },
  };
});
