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
  `CREATE TABLE ingest_tokens(
     id          TEXT PRIMARY KEY,
     name        TEXT NOT NULL,
     groups      TEXT NOT NULL,                -- JSON array of the log groups it may write to
     rate_per_second INTEGER,                  -- NULL: Vigil's default per-token rate
     token_hash  TEXT NOT NULL UNIQUE,
     prefix      TEXT NOT NULL,
     created_by  TEXT NOT NULL,
     created_at  INTEGER NOT NULL,
     expires_at  INTEGER NOT NULL,
     revoked_at  INTEGER,
     last_used_at INTEGER
   );`,
  // Analysts' verdicts on anomalies. "expected" windows are left out of later baselines.
  `CREATE TABLE anomaly_feedback(
     anomaly_id  TEXT PRIMARY KEY,
     series      TEXT NOT NULL,                -- kind|subject key: which series the window belongs to
     start       INTEGER NOT NULL,
     end         INTEGER NOT NULL,
     verdict     TEXT NOT NULL CHECK (verdict IN ('expected', 'confirmed')),
     note        TEXT NOT NULL,
     user_id     TEXT NOT NULL,
     user_name   TEXT NOT NULL,
     updated_at  INTEGER NOT NULL
   );
   CREATE INDEX anomaly_feedback_series ON anomaly_feedback(series, start);`,
  `CREATE TABLE alert_rules(
     id          TEXT PRIMARY KEY,
     name        TEXT NOT NULL,
     spec        TEXT NOT NULL,                -- the rule as the contract's input schema, JSON
     version     INTEGER NOT NULL,
     created_at  INTEGER NOT NULL,
     created_by  TEXT NOT NULL,
     updated_at  INTEGER NOT NULL,
     updated_by  TEXT NOT NULL
   );
   CREATE TABLE alert_rule_versions(           -- every saved version, and deletions
     rule_id     TEXT NOT NULL,
     version     INTEGER NOT NULL,
     spec        TEXT,                         -- null: deleted
     changed_at  INTEGER NOT NULL,
     changed_by  TEXT NOT NULL,
     PRIMARY KEY (rule_id, version)
   );
   CREATE TABLE alert_rule_state(              -- the evaluator's position and open groups per rule
     rule_id      TEXT PRIMARY KEY,
     evaluated_to INTEGER NOT NULL,            -- last evaluation time done
     groups       TEXT NOT NULL,               -- model.ts RuleState as JSON
     last_error   TEXT
   );
   CREATE TABLE alert_events(
     id           TEXT PRIMARY KEY,
     rule_id      TEXT NOT NULL,
     rule_name    TEXT NOT NULL,
     rule_version INTEGER NOT NULL,
     severity     TEXT NOT NULL,
     labels       TEXT NOT NULL,
     group_key    TEXT NOT NULL,
     state        TEXT NOT NULL,               -- firing | resolved
     starts_at    INTEGER NOT NULL,
     ends_at      INTEGER,
     value        REAL NOT NULL,
     peak         REAL NOT NULL,
     threshold    REAL,
     summary      TEXT NOT NULL,
     evidence     TEXT NOT NULL,
     ack_by       TEXT,
     ack_at       INTEGER,
     ack_note     TEXT,
     seq          INTEGER NOT NULL UNIQUE      -- newest-first paging key
   );
   CREATE INDEX alert_events_rule ON alert_events(rule_id, seq);
   CREATE TABLE alert_history(                 -- every transition of every event
     seq          INTEGER PRIMARY KEY,
     event_id     TEXT NOT NULL,
     time         INTEGER NOT NULL,
     state        TEXT NOT NULL,
     value        REAL NOT NULL
   );
   CREATE TABLE alert_outbox(                  -- transitions committed with the state, handed to the sink after
     seq          INTEGER PRIMARY KEY,
     transition   TEXT NOT NULL,
     delivered_at INTEGER
   );`,
  `CREATE TABLE notify_channels(
     id          TEXT PRIMARY KEY,
     name        TEXT NOT NULL,
     kind        TEXT NOT NULL,                -- email, webhook, slack, teams, smn
     enabled     INTEGER NOT NULL,
     settings    TEXT NOT NULL,                -- JSON without secrets
     secrets     TEXT NOT NULL,                -- JSON of the write-only secrets; never returned by the API
     template    TEXT NOT NULL,                -- JSON {title, body}, validated on save
     created_by  TEXT NOT NULL,
     created_at  INTEGER NOT NULL,
     updated_by  TEXT NOT NULL,
     updated_at  INTEGER NOT NULL
   );
   CREATE TABLE notify_silences(
     id          TEXT PRIMARY KEY,
     kind        TEXT NOT NULL,                -- silence or maintenance
     matchers    TEXT NOT NULL,                -- JSON [{label, op, value}]
     starts_at   INTEGER NOT NULL,
     ends_at     INTEGER NOT NULL,
     comment     TEXT NOT NULL,
     recurrence  TEXT,                         -- JSON weekly window (maintenance) or NULL
     created_by  TEXT NOT NULL,
     created_at  INTEGER NOT NULL,
     expired_by  TEXT,
     expired_at  INTEGER
   );
   CREATE INDEX notify_silences_end ON notify_silences(ends_at);
   -- The notifier's grouping state (one row): which alerts each notification group holds and
   -- what receivers last heard, so a restart neither loses nor repeats a notification.
   CREATE TABLE notify_state(
     id          INTEGER PRIMARY KEY CHECK (id = 1),
     state       TEXT NOT NULL,
     updated_at  INTEGER NOT NULL
   );
   -- The outbox: one row per notification and channel, delivered at least once.
   CREATE TABLE notify_outbox(
     seq             INTEGER PRIMARY KEY,
     channel_id      TEXT NOT NULL,
     channel_name    TEXT NOT NULL,
     channel_kind    TEXT NOT NULL,
     rule_id         TEXT NOT NULL,
     rule_name       TEXT NOT NULL,
     group_key       TEXT NOT NULL,
     reason          TEXT NOT NULL,            -- firing, resolved, repeat, test
     alert_count     INTEGER NOT NULL,
     title           TEXT NOT NULL,
     content         TEXT NOT NULL,            -- JSON NotificationContent (rendered again per attempt)
     status          TEXT NOT NULL,            -- pending, sending, delivered, failed, silenced
     attempts        INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER,
     lease_until     INTEGER,                  -- a 'sending' row whose lease ran out is retried (crash while sending)
     last_error      TEXT,
     idempotency_key TEXT NOT NULL,
     silence_id      TEXT,
     created_at      INTEGER NOT NULL,
     delivered_at    INTEGER,
     UNIQUE (idempotency_key, channel_id)
   );
   CREATE INDEX notify_outbox_due ON notify_outbox(status, next_attempt_at);
   CREATE INDEX notify_outbox_channel ON notify_outbox(channel_id, seq);
   CREATE INDEX notify_outbox_rule ON notify_outbox(rule_id, seq);`,
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
  // SIEM forwarders: the cursor moves in the same UPDATE that counts the acknowledged events.
  `CREATE TABLE forwarders(
     id                TEXT PRIMARY KEY,
     name              TEXT NOT NULL,
     enabled           INTEGER NOT NULL,
     source            TEXT NOT NULL,          -- JSON ForwardSource
     destination       TEXT NOT NULL,          -- JSON destination without secrets
     secrets           TEXT NOT NULL,          -- JSON {token?}; never returned by the API
     batch_size        INTEGER NOT NULL,
     settle_seconds    INTEGER NOT NULL,
     cursor            TEXT NOT NULL,          -- JSON {time, position, ids}: everything before it was acknowledged
     delivered         INTEGER NOT NULL DEFAULT 0,
     last_delivered_at INTEGER,
     failures          INTEGER NOT NULL DEFAULT 0,
     next_attempt_at   INTEGER,
     last_error        TEXT,
     last_error_at     INTEGER,
     created_by        TEXT NOT NULL,
     created_at        INTEGER NOT NULL,
     updated_by        TEXT NOT NULL,
     updated_at        INTEGER NOT NULL
   );`,
  // Report schedules run: when the next pack is due, what the last run did, which outbox row carries it.
  `ALTER TABLE compliance_schedules ADD COLUMN next_run_at INTEGER;
   ALTER TABLE compliance_schedules ADD COLUMN last_run_at INTEGER;
   ALTER TABLE compliance_schedules ADD COLUMN last_error TEXT;
   ALTER TABLE compliance_schedules ADD COLUMN last_period_from INTEGER;
   ALTER TABLE compliance_schedules ADD COLUMN last_period_to INTEGER;
   ALTER TABLE compliance_schedules ADD COLUMN last_outbox_seq INTEGER;
   -- CTS trace files checked against CTS digest files on import (vigil import-cts --digest).
   CREATE TABLE cts_file_verifications(
     seq         INTEGER PRIMARY KEY,
     file        TEXT NOT NULL,                -- the trace file's name (as CTS named it)
     md5         TEXT NOT NULL,
     status      TEXT NOT NULL,                -- verified, changed, signature_invalid, unsigned, not_covered
     digest      TEXT,
     detail      TEXT NOT NULL,
     verified_at INTEGER NOT NULL
   );
   CREATE INDEX cts_file_verifications_file ON cts_file_verifications(file, seq);`,
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
