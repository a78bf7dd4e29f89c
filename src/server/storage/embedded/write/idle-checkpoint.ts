/**
 * Folds the WAL into the file once writes pause. The writer checkpoints only every
 * WAL_CHECKPOINT_PAGES while lines arrive (connection.ts), so up to ~80 MB of the newest pages,
 * the ones searches read most, can sit in the WAL, where readers reach them by read() instead
 * of the memory map. A passive checkpoint after a quiet second moves them into the file without
 * blocking readers, and costs ingest nothing while it is busy.
 */
import type { Database } from '../sqlite.ts';

const QUIET_MS = 1_000;

export function startIdleCheckpoint(db: Database, onError: (error: unknown) => void): { stop(): void } {
  const changes = db.prepare('SELECT total_changes() AS n');
  const changesNow = () => (changes.get() as { n: number }).n;
  let seen = changesNow();
  let checkpointed = seen;
  const timer = setInterval(() => {
    try {
      const now = changesNow();
      if (now === seen && now !== checkpointed) {
        db.exec('PRAGMA wal_checkpoint(PASSIVE)');
        checkpointed = now;
      }
      seen = now;
    } catch (error) {
      onError(error);
    }
  }, QUIET_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
