/**
 * Everything the writer worker does, as one object of named operations. The main thread imports
 * only the type, so it never loads node:sqlite.
 */
import type { Database } from './sqlite.ts';
import { createGroupWriter } from './write/groups.ts';
import { createLineIndexes } from './write/line-indexes.ts';
import type { LineIndexes } from './write/line-indexes.ts';
import { createLineWriter } from './write/lines.ts';
import { createRetention } from './write/retention.ts';
import { createTraceWriter } from './write/traces.ts';

export function createWriterApi(db: Database, indexes: LineIndexes = createLineIndexes(db)) {
  return {
    ...createGroupWriter(db),
    ...createLineWriter(db, indexes),
    ...createTraceWriter(db),
    ...createRetention(db, indexes),
    /** How far the field and substring indexes have been built for lines older than them. */
    indexProgress: () => indexes.backfill.progress(),
    /** CPU time of the writer thread so far, in µs (benchmarks: the writer's cost per line, whatever the machine's load). */
    threadCpuMicros(): number {
      const usage = process.threadCpuUsage();
      return usage.user + usage.system;
    },
    /** Moves the WAL into the main file and truncates it (for size measurements and backups). */
    checkpoint(): void {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  };
}

export type WriterApi = ReturnType<typeof createWriterApi>;
