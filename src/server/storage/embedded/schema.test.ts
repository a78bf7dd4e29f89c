import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, readSchemaVersion } from './schema.ts';
import { openDatabase } from './sqlite.ts';
import { DB_FILE, openEmbeddedStore } from './store.ts';

describe('embedded store: schema versions', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-schema-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a new store at the current version with 8 KiB pages and WAL', async () => {
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.close();
    const db = openDatabase(join(dir, DB_FILE));
    try {
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.prepare('PRAGMA page_size').get()).toEqual({ page_size: 8192 });
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    } finally {
      db.close();
    }
  });

  it('refuses a store written by a newer version, naming both versions', async () => {
    const db = openDatabase(join(dir, DB_FILE));
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toThrow(
      `has schema version 99, but this Vigil knows schema versions up to ${SCHEMA_VERSION}`,
    );
  });
});
