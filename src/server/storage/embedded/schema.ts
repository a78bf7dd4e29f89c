/**
 * Versioned schema. The version lives in PRAGMA user_version (in the file header, so it moves
 * with the file and changes atomically with the migration's transaction). Migration N creates
 * version N+1; append new migrations, never edit shipped ones.
 */
import { FIELD_AND_SUBSTRING_INDEXES, STREAM_FIELD_CONSTANTS } from './schema-field-index.ts';
import { TRIGRAM_BLOCKS } from './schema-trigram-blocks.ts';
import { transaction } from './sqlite.ts';
import type { Database } from './sqlite.ts';

/** Width of a rollup bucket. Charts and error rates read these instead of scanning lines. */
export const ROLLUP_BUCKET_MS = 300_000;

const V1 = `
CREATE TABLE log_groups(
  id            TEXT PRIMARY KEY,            -- UUID, as LTS shows it
  name          TEXT NOT NULL UNIQUE,
  ttl_in_days   INTEGER NOT NULL,
  tags          TEXT NOT NULL DEFAULT '{}',  -- JSON object
  creation_time INTEGER NOT NULL
);

CREATE TABLE log_streams(
  sid           INTEGER PRIMARY KEY,         -- compact key stored on every line instead of the UUID
  id            TEXT NOT NULL UNIQUE,        -- UUID
  group_id      TEXT NOT NULL REFERENCES log_groups(id),
  name          TEXT NOT NULL,
  ttl_in_days   INTEGER,                     -- NULL: the group's ttl applies
  tags          TEXT NOT NULL DEFAULT '{}',
  creation_time INTEGER NOT NULL,
  line_count    INTEGER NOT NULL DEFAULT 0,  -- kept in the same transactions as the lines
  latest_time   INTEGER,
  UNIQUE(group_id, name)
);

-- id = ts*1024 + seq, so rowid order is time order and a time window is a rowid range that
-- FTS5 can apply by itself (store-bench.md). The common labels are columns for filtering; the
-- others stay as JSON text (NULL when there are none, which saves space on most lines).
CREATE TABLE logs(
  id        INTEGER PRIMARY KEY,
  ts        INTEGER NOT NULL,
  stream    INTEGER NOT NULL,
  level     TEXT,
  host_name TEXT,
  host_ip   TEXT,
  app_name  TEXT,
  labels    TEXT,
  content   TEXT NOT NULL
);
CREATE INDEX logs_stream_ts ON logs(stream, ts);

-- External content: the text is stored once, in logs. columnsize=0 drops the docsize table
-- (results are ordered by time, not bm25).
CREATE VIRTUAL TABLE logs_fts USING fts5(
  content, content='logs', content_rowid='id',
  tokenize='unicode61', detail=full, columnsize=0
);
-- No triggers keep this index in step: FTS5 flushes its pending terms at every statement
-- savepoint, and a trigger body runs inside one, so a trigger wrote one tiny segment per line and
-- ingest ran about 3x slower (measured). write/lines.ts and write/retention.ts maintain the index
-- explicitly, in the same transaction as the rows; an external-content index must be given the
-- old text on delete, or it is silently corrupted. Any new code that changes logs must do the same.

-- Line counts per 5-minute bucket (start, epoch ms), stream and level ('' when unlabelled).
CREATE TABLE log_rollup(
  bucket INTEGER NOT NULL,
  stream INTEGER NOT NULL,
  level  TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY(bucket, stream, level)
) WITHOUT ROWID;

CREATE TABLE traces(
  id            INTEGER PRIMARY KEY,         -- insertion order; tie-breaker for keyset paging
  trace_id      TEXT NOT NULL UNIQUE,
  trace_name    TEXT NOT NULL,
  trace_rating  TEXT NOT NULL,
  trace_type    TEXT NOT NULL,
  service_type  TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id   TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  user_name     TEXT NOT NULL,
  domain_id     TEXT NOT NULL,
  domain_name   TEXT NOT NULL,
  source_ip     TEXT NOT NULL,
  request       TEXT NOT NULL,
  response      TEXT NOT NULL,
  code          TEXT NOT NULL,
  message       TEXT NOT NULL,
  time          INTEGER NOT NULL,
  record_time   INTEGER NOT NULL,
  request_id    TEXT NOT NULL,
  api_version   TEXT NOT NULL,
  endpoint      TEXT NOT NULL,
  resource_url  TEXT NOT NULL,
  location_info TEXT NOT NULL
);
CREATE INDEX traces_time ON traces(time);
CREATE INDEX traces_user_rating_time ON traces(user_name, trace_rating, time);
CREATE INDEX traces_service_time ON traces(service_type, time);

-- Totals kept in the writing transactions so health checks never count millions of rows.
-- Line totals come from log_streams.line_count.
CREATE TABLE counters(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO counters(name, n) VALUES ('traces', 0);
`;

// The audit-trail explorer (trace signals and filters). Indexes for its lookups: "has this user
// acted from this address / called this operation before" (user + value + time), user ids
// resolved to names, request ids, and newest-first lists by operation or by source address.
// trace_user_hours counts each user's traces per hour (epoch ms / 1 h), kept by triggers, so the
// "usual hours" signal reads at most ~720 small rows per user instead of every trace of a busy
// user. Triggers are fine here: the FTS5 slowdown noted in V1 came from FTS segment flushes,
// which traces do not have. Together these cost about 2/3 of the trace insert rate (39k → 14k
// traces/s measured), far above what CTS delivers.
const V2 = `
CREATE INDEX traces_user_ip_time ON traces(user_name, source_ip, time);
CREATE INDEX traces_user_op_time ON traces(user_name, trace_name, time);
CREATE INDEX traces_user_id_name ON traces(user_id, user_name);
CREATE INDEX traces_request_id ON traces(request_id);
CREATE INDEX traces_name_time ON traces(trace_name, time);
CREATE INDEX traces_ip_time ON traces(source_ip, time);

CREATE TABLE trace_user_hours(
  user_name TEXT NOT NULL,
  hour      INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY(user_name, hour)
) WITHOUT ROWID;
INSERT INTO trace_user_hours(user_name, hour, n)
  SELECT user_name, time / 3600000, count(*) FROM traces GROUP BY 1, 2;
CREATE TRIGGER traces_count_user_hour AFTER INSERT ON traces BEGIN
  INSERT INTO trace_user_hours(user_name, hour, n) VALUES (NEW.user_name, NEW.time / 3600000, 1)
    ON CONFLICT(user_name, hour) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER traces_uncount_user_hour AFTER DELETE ON traces BEGIN
  UPDATE trace_user_hours SET n = n - 1 WHERE user_name = OLD.user_name AND hour = OLD.time / 3600000;
END;
`;

// Where continuous sources (a followed file) stand, written in the same transaction as the lines
// they delivered, so a restart resumes exactly after the last committed line.
const INGEST_CURSORS = `
CREATE TABLE ingest_cursors(
  source     TEXT PRIMARY KEY,
  position   TEXT NOT NULL,                -- the source's own JSON (e.g. file identity and offset)
  updated_at INTEGER NOT NULL
);
`;

// The anomaly detector charts one stream over weeks of rollups: by (stream, bucket) that reads
// the stream's rows only, where the primary key (bucket first) walks every stream's rows in range.
const ROLLUP_BY_STREAM = `CREATE INDEX log_rollup_stream_bucket ON log_rollup(stream, bucket);`;

// Server errors of lines without a level (access logs: HTTP status >= 500) per 5-minute bucket
// and stream, for the anomaly detector's error ratio (write/server-error-rollup.ts); lines already
// stored are counted by a resumable backfill over the id range recorded here. The per-stream
// rollup index becomes covering (n included): a chart reads weeks of one stream from the index
// alone instead of looking each row up in the table.
const SERVER_ERROR_ROLLUP = `
CREATE TABLE log_rollup_5xx(
  bucket INTEGER NOT NULL,
  stream INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY(bucket, stream)
) WITHOUT ROWID;
CREATE TABLE log_rollup_5xx_backfill(
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  next_id INTEGER NOT NULL,               -- lines with id in [next_id, last_id] are not counted yet
  last_id INTEGER NOT NULL
);
INSERT INTO log_rollup_5xx_backfill(one, next_id, last_id) SELECT 1, 0, coalesce((SELECT max(id) FROM logs), -1);
DROP INDEX IF EXISTS log_rollup_stream_bucket;
CREATE INDEX log_rollup_by_stream ON log_rollup(stream, bucket, level, n);
`;

// FTS5 merges the segments of a level once `automerge` of them exist (default 4). At 16 both
// indexes merge less often while lines arrive: the writer's CPU per line fell ~7% in the ingest
// bench, for more (smaller) segments that a term lookup visits (search/README.md has the figures).
const FTS_MERGE_WIDTH = `
INSERT INTO logs_fts(logs_fts, rank) VALUES ('automerge', 16);
INSERT INTO logs_tri(logs_tri, rank) VALUES ('automerge', 16);
`;

// Lines that arrived behind a newer stored line (an agent's backlog, a clock behind, an import of
// an older file), in arrival order (seq). Whoever follows the store by position (forwarders) has
// passed their place already and finds them here (write/lines.ts, read/late-arrivals.ts).
// AUTOINCREMENT: retention prunes entries, and a reused seq could fall behind a follower's mark.
const LATE_ARRIVALS = `
CREATE TABLE IF NOT EXISTS log_late_lines(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id  INTEGER NOT NULL
);
`;

const MIGRATIONS: readonly string[] = [
  V1, V2, FIELD_AND_SUBSTRING_INDEXES, INGEST_CURSORS, ROLLUP_BY_STREAM, SERVER_ERROR_ROLLUP, TRIGRAM_BLOCKS, FTS_MERGE_WIDTH, LATE_ARRIVALS,
  STREAM_FIELD_CONSTANTS,
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Refuses a store written by a newer Vigil: old code could misread or damage it. */
export function assertKnownVersion(version: number, file: string): void {
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${file} has schema version ${version}, but this Vigil knows schema versions up to ${SCHEMA_VERSION}; ` +
        'upgrade Vigil or point it at another data folder',
    );
  }
}

/** Brings the schema up to SCHEMA_VERSION; returns the versions before and after. */
export function migrate(db: Database, file: string): { from: number; to: number } {
  const from = readSchemaVersion(db);
  assertKnownVersion(from, file);
  for (let version = from; version < SCHEMA_VERSION; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  return { from, to: SCHEMA_VERSION };
}
