/**
 * Vigil's own state (its audit trail, API tokens; later rules, channels, saved searches) lives in
 * `state.db` in the data folder whatever store holds the logs: with the OTC adapter the logs are in
 * the cloud, but Vigil's own records stay with Vigil. Writes are small and rare next to log
 * ingest, so this database is used synchronously from the main thread.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, transaction, type Database } from '../storage/embedded/sqlite.ts';

const MIGRATIONS: string[] = [
  `CREATE TABLE audit_records(
     seq         INTEGER PRIMARY KEY,          -- 1, 2, 3… without gaps: a gap is a deleted record
     trace_id    TEXT NOT NULL UNIQUE,
     time        INTEGER NOT NULL,
     trace_name  TEXT NOT NULL,
     trace_rating TEXT NOT NULL,
     user_id     TEXT NOT NULL,
     user_name   TEXT NOT NULL,
     source_ip   TEXT NOT NULL,
     code        TEXT NOT NULL,
     record      TEXT NOT NULL,                -- the whole record as canonical JSON (CTS trace shape)
     prev_hash   TEXT NOT NULL,
     hash        TEXT NOT NULL
   );
   CREATE INDEX audit_records_time ON audit_records(time);
   CREATE INDEX audit_records_user ON audit_records(user_id, time);
   CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
     BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

   CREATE TABLE api_tokens(
     id          TEXT PRIMARY KEY,
     name        TEXT NOT NULL,
     role        TEXT NOT NULL,
     token_hash  TEXT NOT NULL UNIQUE,         -- sha256 of the secret; the secret itself is never stored
     prefix      TEXT NOT NULL,                -- first characters, to recognise a token in lists
     created_by  TEXT NOT NULL,
     created_at  INTEGER NOT NULL,
     expires_at  INTEGER NOT NULL,
     revoked_at  INTEGER,
     last_used_at INTEGER
   );`,
  `CREATE TABLE saved_searches(
     id          TEXT PRIMARY KEY,
     owner_id    TEXT NOT NULL,
     owner_name  TEXT NOT NULL,
     name        TEXT NOT NULL,
     state       TEXT NOT NULL,                -- the Search view's URL state as JSON (contract schema)
     shared      INTEGER NOT NULL,             -- 1: every analyst sees it (only the owner may change it)
     created_at  INTEGER NOT NULL,
     updated_at  INTEGER NOT NULL
   );
   CREATE INDEX saved_searches_owner ON saved_searches(owner_id, name);
   CREATE INDEX saved_searches_shared ON saved_searches(shared, name);`,
  `CREATE TABLE compliance_snapshots(
     day         INTEGER NOT NULL,             -- UTC midnight, epoch ms
     check_id    TEXT NOT NULL,
     status      TEXT NOT NULL,
     summary     TEXT NOT NULL,                -- plain words without personal data
     evaluated_at INTEGER NOT NULL,
     PRIMARY KEY(day, check_id)
   );
   CREATE TABLE compliance_policy(id INTEGER PRIMARY KEY CHECK (id = 1), policy TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL);
   CREATE TABLE compliance_schedules(
     id TEXT PRIMARY KEY, framework TEXT NOT NULL, cadence TEXT NOT NULL, recipient TEXT NOT NULL,
     created_by TEXT NOT NULL, created_at INTEGER NOT NULL
   );
   CREATE TABLE retention_runs(
     started_at  INTEGER NOT NULL,
     finished_at INTEGER NOT NULL,
     deleted_lines INTEGER NOT NULL,
     error       TEXT
   );
   CREATE INDEX retention_runs_started ON retention_runs(started_at);`,
];

export function openStateDb(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'state.db'));
  db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;');
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(
      `state.db has schema version ${version}, but this Vigil knows versions up to ${MIGRATIONS.length}: ` +
        'it was written by a newer Vigil. Upgrade Vigil, or use another VIGIL_DATA_DIR.',
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[next] as string);
      db.exec(`PRAGMA user_version = ${next + 1}`);
    });
  }
  return db;
}
