// The WAL is folded into the file once writes pause, and not while they go on.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWriterConnection } from '../connection.ts';
import type { Database } from '../sqlite.ts';
import { startIdleCheckpoint } from './idle-checkpoint.ts';

let dir: string | null = null;
let db: Database | null = null;
afterEach(() => {
  vi.useRealTimers();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('checkpoint after writes pause', () => {
  it('copies the WAL into the file after a quiet second, not while writes go on', () => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'vigil-checkpoint-'));
    const path = join(dir, 'vigil.db');
    db = openWriterConnection(path);
    db.exec('CREATE TABLE t(x BLOB)');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const fileBytes = () => statSync(path).size;
    const empty = fileBytes();
    const errors: unknown[] = [];
    const checkpoints = startIdleCheckpoint(db, (error) => errors.push(error));

    // A write every half second: never a quiet second, so everything stays in the WAL.
    for (let n = 0; n < 6; n++) {
      db.exec('INSERT INTO t(x) VALUES (randomblob(100000))');
      vi.advanceTimersByTime(500);
    }
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(600_000);
    expect(fileBytes()).toBe(empty);

    vi.advanceTimersByTime(2_100);
    expect(fileBytes()).toBeGreaterThan(empty + 600_000);
    expect(errors).toEqual([]);
    checkpoints.stop();
  });
});
