// The WAL is copied into the file by a connection of its own while the writer goes on writing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_EVERY_MS, startCheckpointer } from './checkpointer.ts';
import { openCheckpointConnection, openWriterConnection } from './connection.ts';
import type { Database } from './sqlite.ts';

let dir: string | null = null;
const open: Database[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const db of open.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the checkpoint thread', () => {
  it('copies the WAL into the file while writes go on, so the writer never has to, and reports failures', () => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'vigil-checkpoint-'));
    const path = join(dir, 'vigil.db');
    const writer = openWriterConnection(path);
    open.push(writer);
    writer.exec('CREATE TABLE t(x BLOB)');
    writer.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const fileBytes = () => statSync(path).size;
    const checkpointConnection = openCheckpointConnection(path);
    open.push(checkpointConnection);
    const errors: unknown[] = [];
    const checkpoints = startCheckpointer(checkpointConnection, (error) => errors.push(error));

    // 100 KB rows, four per checkpoint period: each tick leaves the rows written so far in the
    // file, and the WAL file stays at about one period's rows.
    let written = 0;
    for (let tick = 1; tick <= 3; tick++) {
      for (let n = 0; n < 4; n++) {
        writer.exec('INSERT INTO t(x) VALUES (randomblob(100000))');
        written++;
        vi.advanceTimersByTime(CHECKPOINT_EVERY_MS / 4);
      }
      expect(fileBytes()).toBeGreaterThanOrEqual(written * 100_000);
      // A checkpoint that left nothing behind lets the writer's next write start the WAL over.
      expect(statSync(`${path}-wal`).size).toBeLessThan(2 * 4 * 110_000);
    }
    expect(errors).toEqual([]);

    // The writer's own checkpoint (its backstop) finds nothing left to copy.
    const own = writer.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { busy: number; log: number; checkpointed: number };
    expect(own.busy).toBe(0);
    expect(own.checkpointed).toBe(own.log);
    checkpoints.stop();

    // A failing checkpoint is reported, not thrown into the timer.
    const broken = openCheckpointConnection(path);
    const failing = startCheckpointer(broken, (error) => errors.push(error));
    broken.close();
    vi.advanceTimersByTime(CHECKPOINT_EVERY_MS);
    failing.stop();
    expect(errors).toHaveLength(1);
  });
});
