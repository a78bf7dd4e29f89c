/**
 * Schema version 6: the substring index over blocks of lines instead of single lines
 * (search/README.md, "Field and substring indexes", has the measurements).
 *
 * A line of ~130 characters gives ~130 trigrams; indexing each line as its own document cost
 * ~20 µs of the writer's CPU per line and ~150 MB per million lines. Up to BLOCK_LINES lines of
 * one stream written in the same transaction form one document (the lines' folded text joined by
 * newlines): the lines of a stream repeat most of their trigrams, so a block holds far fewer
 * (trigram, document) entries. Measured on the bench lines: ~7 µs instead of ~18-26 µs per line,
 * and ~175-200 MB instead of 560 MB per million lines (compacted; the rowids are line ids, so
 * most of an entry is its rowid delta). A substring lookup yields candidate blocks, and the
 * block's lines are checked row by row, as before (the index was always a superset).
 *
 * logs_tri is contentless (content='') with contentless_delete: a block is removed by its rowid,
 * without handing back its text (which no longer exists as one string). The text is folded in JS
 * with the row check's own folding (search/linear-regex.ts foldCase), so the tokenizer runs
 * case-sensitive and index and check agree on every character.
 *
 * log_tri_blocks: rowid = the block's document rowid = its smallest line id; `lines` lists the
 * block's lines as a JSON array of offsets from it (ids of a block are close: a block never spans
 * more than BLOCK_SPAN_MS of time, which also bounds how far before a window a block can start).
 * Lines of other streams or later batches may sit between a block's lines: membership is the
 * list, never the id range, so every line is a candidate of exactly one block.
 *
 * Existing stores: the old per-line index is dropped and every line is queued for the index
 * build again (write/index-backfill.ts); the field index entries it re-adds are already there
 * (INSERT OR IGNORE). Searches use neither index until the build is done (results stay exact).
 */
export const TRIGRAM_BLOCKS = `
DROP TABLE logs_tri;
CREATE VIRTUAL TABLE logs_tri USING fts5(
  content, content='', contentless_delete=1, tokenize='trigram case_sensitive 1', detail=none
);
CREATE TABLE log_tri_blocks(
  id     INTEGER PRIMARY KEY,            -- logs_tri rowid and the smallest line id of the block
  stream INTEGER NOT NULL,
  lines  TEXT NOT NULL                   -- JSON array: line id - id, ascending
);
CREATE INDEX log_tri_blocks_stream ON log_tri_blocks(stream);   -- with the rowid: a stream's blocks in id order
UPDATE log_index_backfill SET
  next_id = 0,
  last_id = coalesce((SELECT max(id) FROM logs), -1),
  done_lines = 0,
  total_lines = coalesce((SELECT sum(line_count) FROM log_streams), 0);
`;
