/**
 * Schema version 3: the parsed-field index and the substring (trigram) index (search/README.md,
 * "Field and substring indexes", has the measurements behind this layout).
 *
 * log_fields holds one row per (field, value, line): the key is the number when the value reads
 * as one, else the case-folded text cut to 64 characters (search/field-extract.ts). One
 * WITHOUT ROWID b-tree on (fid, v, id) serves equality (a range of ids in time order, so
 * "newest 100" needs no sort), numeric ranges (numbers sort before text in SQLite, so
 * `v > 500 AND v < ''` is exactly the numbers above 500) and, with the id window, every
 * time range. Rows carry no other copy of the line: a lookup joins logs by id.
 *
 * log_field_names numbers the names; log_stream_fields admits at most a bounded number of names
 * per stream (write/field-index.ts). A row with fid 0 says "some names were refused for this
 * stream", gap_from on a name's row "some values of this name were dropped" (a line with too many
 * fields): queries on such names run without the index for that stream and say so.
 *
 * logs_tri is a second external-content FTS5 index over logs.content with the trigram tokenizer
 * and detail=none (only rowid lists: about half the size of detail=full, measured). A substring
 * of 3+ characters becomes an AND of its trigrams, a superset that the row check narrows to the
 * exact matches.
 *
 * log_index_backfill: stores written before this version hold lines with no entries in either
 * index. The writer fills them in batches from next_id up to last_id (write/index-backfill.ts),
 * between other writes, resumably (the position commits with each batch). Until it is done,
 * queries do not use the new indexes.
 */
export const FIELD_AND_SUBSTRING_INDEXES = `
CREATE TABLE log_field_names(
  fid  INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE log_stream_fields(
  sid      INTEGER NOT NULL,
  fid      INTEGER NOT NULL,             -- 0: the stream refused names (over its bound) from gap_from on
  gap_from INTEGER,                      -- first line id whose value of this name was not indexed
  PRIMARY KEY(sid, fid)
) WITHOUT ROWID;

CREATE TABLE log_fields(
  fid INTEGER NOT NULL,
  v,                                     -- no declared type: numbers stay numbers, text stays text
  id  INTEGER NOT NULL,
  PRIMARY KEY(fid, v, id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE logs_tri USING fts5(
  content, content='logs', content_rowid='id', tokenize='trigram', detail=none
);

CREATE TABLE log_index_backfill(
  one        INTEGER PRIMARY KEY CHECK (one = 1),
  next_id    INTEGER NOT NULL,           -- lines with id in [next_id, last_id] are not indexed yet
  last_id    INTEGER NOT NULL,
  done_lines INTEGER NOT NULL,
  total_lines INTEGER NOT NULL
);
INSERT INTO log_index_backfill(one, next_id, last_id, done_lines, total_lines)
  SELECT 1, 0, coalesce((SELECT max(id) FROM logs), -1), 0, coalesce((SELECT sum(line_count) FROM log_streams), 0);
`;

/**
 * Schema version 10: values a stream's lines all share are kept once per stream, not once per line.
 *
 * Most labels of a live stream never change (a syslog stream is one host: its hostName, hostIP
 * and category are the same on every line; an OTLP stream is one service). Writing a log_fields
 * row for each of them on each line was most of the field index's cost (measured: TCP syslog
 * 31,000 → 40,500 lines/s and OTLP 35,500 → 43,000 without those rows).
 *
 * When a stream first admits a name, the value of that first line becomes the stream's constant
 * for it (const_v) and lines carrying that value get no row. The first line with another value
 * closes it: const_to = the newest line id of the stream at that moment, and from then on every
 * value gets its row, as before. For a lookup, a stream whose constant matches makes all of its
 * lines up to const_to (all of them while open) candidates: a superset (a line may lack the name,
 * or be a later arrival with another value and its own row), so the row test always stays
 * (query/index-drive.ts). Names admitted before this version have no constant (const_v NULL).
 */
export const STREAM_FIELD_CONSTANTS = `
ALTER TABLE log_stream_fields ADD COLUMN const_v;
ALTER TABLE log_stream_fields ADD COLUMN const_to INTEGER;
`;
