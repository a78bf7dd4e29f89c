/**
 * Copies the WAL into the database file from a connection of its own, in its own thread
 * (checkpoint-worker.ts), while the writer goes on appending. Measured in the store bench: with no
 * checkpoint at all the writer thread's time per line was ~20% lower, with this thread ~10% lower
 * (the copy now competes for the same cores); OTLP ingest, where the writer thread is the
 * critical path, gained 8-10% in each of 3 interleaved pairs.
 *
 * A PASSIVE checkpoint never waits for the writer or readers; it copies the frames it can. Only
 * the writer can start the WAL file over, after a checkpoint that left nothing behind, which
 * under steady writes rarely happens between two of its transactions: the writer's own
 * checkpoint every WAL_BACKSTOP_PAGES (connection.ts) copies the few frames this one has not and
 * lets the WAL start over, so its file stays bounded. Once writes pause, the next tick leaves the
 * newest pages in the file, where readers reach them through the memory map.
 */
import type { Database } from './sqlite.ts';

/** How often the WAL is copied: a second of ingest at full speed is ~10,000 pages (80 MB). */
export const CHECKPOINT_EVERY_MS = 500;

export function startCheckpointer(db: Database, onError: (error: unknown) => void): { stop(): void } {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint.get();
    } catch (error) {
      onError(error);
    }
  }, CHECKPOINT_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
