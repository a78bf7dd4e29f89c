/**
 * Keeps the field index (log_fields) in step with logs, in the writer's transactions
 * (schema-field-index.ts has the layout; the substring index is write/trigram-blocks.ts). Used
 * by the line writer, the retention pass and the backfill of stores written before the indexes
 * existed.
 *
 * Bounds, so that hostile lines cannot explode the index: a line contributes at most
 * MAX_FIELDS_PER_LINE fields, a stream at most MAX_FIELDS_PER_STREAM distinct names, the store at
 * most MAX_FIELD_NAMES. Whatever is left out is recorded (log_stream_fields), and queries on those
 * names in those streams then run without the index, so a bound costs speed, never results.
 */
import { extractFields, fieldKey } from '../../../search/field-extract.ts';
import { fieldValue } from '../../../search/fields.ts';
import { labelsOf } from '../read/lines.ts';
import type { LogLabels } from '../../ports.ts';
import type { Database } from '../sqlite.ts';
import { createRowBatches } from './row-batches.ts';

export const MAX_FIELDS_PER_LINE = 64;
export const MAX_FIELDS_PER_STREAM = 256;
export const MAX_FIELD_NAMES = 20_000;
/** A stream constant that ends before the stream has more lines than this is replaced by rows (closeConstant). */
const ROWS_FOR_SHORT_CONSTANT = 10_000;
/** fid of the "names were refused" row of a stream in log_stream_fields. */
export const REFUSED_FID = 0;

/**
 * The fields of a batch of lines, extracted where the batch is made (the main thread) so that the
 * writer thread spends its time in SQLite: extraction was 5-10% of the writer's CPU per line.
 * Names are listed once per batch and referred to by position, which keeps the message small.
 */
export interface BatchFields {
  names: string[];
  /** Line i's fields are entries[offsets[i]] up to entries[offsets[i + 1]]: name position, key, name position, key, … */
  entries: (number | string)[];
  offsets: Uint32Array;
  /** Lines with more fields than MAX_FIELDS_PER_LINE: line index → names left out. */
  dropped: Map<number, string[]>;
}

export function batchFields(lines: readonly { content: string; labels: LogLabels }[]): BatchFields {
  const positions = new Map<string, number>();
  const names: string[] = [];
  const entries: (number | string)[] = [];
  const offsets = new Uint32Array(lines.length + 1);
  const dropped = new Map<number, string[]>();
  for (let index = 0; index < lines.length; index++) {
    const { content, labels } = lines[index]!;
    const extracted = extractFields(content, labels, MAX_FIELDS_PER_LINE);
    extracted.fields.forEach((key, name) => {
      let position = positions.get(name);
      if (position === undefined) {
        position = names.push(name) - 1;
        positions.set(name, position);
      }
      entries.push(position, key);
    });
    offsets[index + 1] = entries.length;
    if (extracted.dropped.length > 0) dropped.set(index, extracted.dropped);
  }
  return { names, entries, offsets, dropped };
}

/** Checks a BatchFields that crossed a thread boundary against the lines it claims to describe. */
export function assertBatchFields(fields: BatchFields, lineCount: number): void {
  const { names, entries, offsets, dropped } = fields;
  if (!(offsets instanceof Uint32Array) || !(dropped instanceof Map) || offsets.length !== lineCount + 1 || offsets[lineCount] !== entries.length) {
    throw new Error('batch fields do not match the lines; batch rejected, nothing written');
  }
  for (let at = 0; at < entries.length; at += 2) {
    const position = entries[at];
    if (typeof position !== 'number' || names[position] === undefined) throw new Error(`batch fields: unknown name position at entry ${at}`);
  }
  for (let index = 0; index < lineCount; index++) {
    if (offsets[index + 1]! - offsets[index]! > MAX_FIELDS_PER_LINE * 2) throw new Error(`batch fields: line ${index} has more than ${MAX_FIELDS_PER_LINE} fields`);
  }
}

interface StreamFields {
  admitted: Map<string, number>;
  gaps: Set<number>;
  /** fid → the value every line of the stream has had so far (open constants, schema-field-index.ts). */
  constants: Map<number, number | string>;
}

/** Integers as INTEGER (2-4 bytes in a record instead of an 8-byte REAL). */
function bindKey(key: number | string): number | string | bigint {
  return typeof key === 'number' && Number.isSafeInteger(key) ? BigInt(key) : key;
}

export function createFieldIndexer(db: Database) {
  const nameId = db.prepare('SELECT fid FROM log_field_names WHERE name = ?');
  const nameCount = db.prepare('SELECT count(*) AS n FROM log_field_names');
  const addName = db.prepare('INSERT INTO log_field_names(name) VALUES (?) RETURNING fid');
  const streamRows = db.prepare(
    `SELECT sf.fid, sf.gap_from, sf.const_v, sf.const_to, n.name
       FROM log_stream_fields sf LEFT JOIN log_field_names n ON n.fid = sf.fid WHERE sf.sid = ?`,
  );
  const admitRow = db.prepare('INSERT OR IGNORE INTO log_stream_fields(sid, fid, gap_from, const_v) VALUES (?, ?, NULL, ?)');
  const closeRow = db.prepare('UPDATE log_stream_fields SET const_to = ? WHERE sid = ? AND fid = ?');
  const dropConstant = db.prepare('UPDATE log_stream_fields SET const_v = NULL, const_to = NULL WHERE sid = ? AND fid = ?');
  const newestLine = db.prepare('SELECT id FROM logs WHERE stream = ? ORDER BY ts DESC, id DESC LIMIT 1');
  const fewLines = db.prepare(`SELECT count(*) <= ${ROWS_FOR_SHORT_CONSTANT} AS few FROM (SELECT 1 FROM logs WHERE stream = ? LIMIT ${ROWS_FOR_SHORT_CONSTANT + 1})`);
  const streamLines = db.prepare('SELECT id, content, level, host_name, host_ip, app_name, labels FROM logs WHERE stream = ?');
  const gapRow = db.prepare(
    `INSERT INTO log_stream_fields(sid, fid, gap_from) VALUES (?1, ?2, ?3)
     ON CONFLICT(sid, fid) DO UPDATE SET gap_from = min(coalesce(gap_from, ?3), ?3)`,
  );
  const rows = createRowBatches(db, 'INSERT OR IGNORE INTO log_fields(fid, v, id)', 3);
  const deleteField = db.prepare('DELETE FROM log_fields WHERE fid = ? AND v = ? AND id = ?');

  // Caches of committed rows; reset() after a rolled-back transaction (ids could be reused).
  let names = new Map<string, number>();
  let namesTotal = -1;
  let streams = new Map<number, StreamFields>();

  const streamFields = (sid: number): StreamFields => {
    let found = streams.get(sid);
    if (!found) {
      found = { admitted: new Map(), gaps: new Set(), constants: new Map() };
      type Row = { fid: number; gap_from: number | null; const_v: number | string | null; const_to: number | null; name: string | null };
      for (const row of streamRows.all(BigInt(sid)) as Row[]) {
        if (row.fid !== REFUSED_FID && row.name !== null) found.admitted.set(row.name, row.fid);
        if (row.gap_from !== null) found.gaps.add(row.fid);
        if (row.const_v !== null && row.const_to === null) found.constants.set(row.fid, row.const_v);
      }
      streams.set(sid, found);
    }
    return found;
  };

  const fidOf = (name: string, create: boolean): number | null => {
    const cached = names.get(name);
    if (cached !== undefined) return cached;
    const row = nameId.get(name) as { fid: number } | undefined;
    if (row) {
      names.set(name, row.fid);
      return row.fid;
    }
    if (!create) return null;
    if (namesTotal < 0) namesTotal = (nameCount.get() as { n: number }).n;
    if (namesTotal >= MAX_FIELD_NAMES) return null;
    const fid = (addName.get(name) as { fid: number }).fid;
    namesTotal++;
    names.set(name, fid);
    return fid;
  };

  const markGap = (sid: number, fid: number, id: number) => {
    const stream = streamFields(sid);
    if (stream.gaps.has(fid)) return; // the first gap is the one that counts (gap_from = min)
    gapRow.run(BigInt(sid), BigInt(fid), BigInt(id));
    stream.gaps.add(fid);
  };

  /**
   * Admits a name the stream has not indexed yet: its fid, or null when the name is refused
   * (recorded). With `constant`, that value becomes the stream's constant for the name.
   */
  const admit = (sid: number, stream: StreamFields, name: string, id: number, constant: number | string | null): number | null => {
    const fid = stream.admitted.size < MAX_FIELDS_PER_STREAM ? fidOf(name, true) : null;
    if (fid === null) {
      markGap(sid, REFUSED_FID, id);
      return null;
    }
    admitRow.run(BigInt(sid), BigInt(fid), constant === null ? null : bindKey(constant));
    stream.admitted.set(name, fid);
    if (constant !== null) stream.constants.set(fid, constant);
    return fid;
  };

  /**
   * A line with another value ends the constant. Over a short stream (most fields vary from their
   * second line on) the constant's lines get their rows now and the constant goes, so lookups of
   * the name keep the exact, ordered plans; otherwise it stays, covering the stream's lines up to
   * the newest one stored.
   */
  const closeConstant = (sid: number, stream: StreamFields, fid: number, name: string, value: number | string): void => {
    const streamSid = BigInt(sid);
    stream.constants.delete(fid);
    if ((fewLines.get(streamSid) as { few: number }).few === 1) {
      for (const row of streamLines.all(streamSid) as (Parameters<typeof labelsOf>[0] & { id: number; content: string })[]) {
        const found = fieldValue(labelsOf(row), row.content, name);
        if (found !== null && fieldKey(found) === value) rows.add(BigInt(fid), bindKey(value), BigInt(row.id));
      }
      dropConstant.run(streamSid, BigInt(fid));
      return;
    }
    const newest = newestLine.get(streamSid) as { id: number } | undefined;
    closeRow.run(BigInt(newest?.id ?? 0), streamSid, BigInt(fid));
  };

  /**
   * Indexes one value of a stored line. `constants`: appended lines may be covered by their
   * stream's constant (no row); the index build over older lines always writes rows, which is
   * never wrong (a lookup unions rows and constants).
   */
  const add = (sid: number, name: string, key: number | string, rowid: bigint, id: number, constants: boolean): void => {
    const stream = streamFields(sid);
    let fid = stream.admitted.get(name);
    if (fid === undefined) {
      fid = admit(sid, stream, name, id, constants ? key : null) ?? undefined;
      if (fid === undefined || constants) return;
    } else if (constants) {
      const constant = stream.constants.get(fid);
      if (constant === key) return;
      if (constant !== undefined) closeConstant(sid, stream, fid, name, constant);
    }
    rows.add(BigInt(fid), bindKey(key), rowid);
  };

  const recordDropped = (sid: number, id: number, names: readonly string[]): void => {
    for (const name of names) markGap(sid, streamFields(sid).admitted.get(name) ?? REFUSED_FID, id);
  };


  return {
    /** Indexes one stored line (inside the caller's transaction, which calls flush() before it commits). */
    index(sid: number, id: number, content: string, labels: LogLabels): void {
      const { fields, dropped } = extractFields(content, labels, MAX_FIELDS_PER_LINE);
      const rowid = BigInt(id);
      for (const [name, key] of fields) add(sid, name, key, rowid, id, false);
      recordDropped(sid, id, dropped);
    },
    /** Indexes line `index` of a batch whose fields were extracted beforehand (batchFields). */
    indexFromBatch(sid: number, id: number, batch: BatchFields, index: number): void {
      const rowid = BigInt(id);
      const { names, entries, offsets } = batch;
      for (let at = offsets[index]!, end = offsets[index + 1]!; at < end; at += 2) add(sid, names[entries[at] as number]!, entries[at + 1]!, rowid, id, true);
      const dropped = batch.dropped.get(index);
      if (dropped) recordDropped(sid, id, dropped);
    },
    /** Writes the rows index() collected; call before the transaction commits. */
    flush: rows.flush,
    /** Removes one line's entries (inside the caller's transaction, before the row goes). */
    unindex(id: number, content: string, labels: LogLabels): void {
      const rowid = BigInt(id);
      const { fields } = extractFields(content, labels, MAX_FIELDS_PER_LINE);
      for (const [name, key] of fields) {
        const fid = fidOf(name, false);
        if (fid !== null) deleteField.run(BigInt(fid), bindKey(key), rowid);
      }
    },
    /** Forgets cached rows; call after a transaction rolled back. */
    reset(): void {
      names = new Map();
      namesTotal = -1;
      rows.discard();
      streams = new Map();
    },
  };
}

export type FieldIndexer = ReturnType<typeof createFieldIndexer>;
