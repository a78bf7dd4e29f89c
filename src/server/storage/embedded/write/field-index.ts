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
import { extractFields } from '../../../search/field-extract.ts';
import type { LogLabels } from '../../ports.ts';
import type { Database, SqlValue } from '../sqlite.ts';

export const MAX_FIELDS_PER_LINE = 64;
export const MAX_FIELDS_PER_STREAM = 256;
export const MAX_FIELD_NAMES = 20_000;
const ROWS_PER_INSERT = 32;
/** fid of the "names were refused" row of a stream in log_stream_fields. */
export const REFUSED_FID = 0;

interface StreamFields {
  admitted: Map<string, number>;
  gaps: Set<number>;
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
    'SELECT sf.fid, sf.gap_from, n.name FROM log_stream_fields sf LEFT JOIN log_field_names n ON n.fid = sf.fid WHERE sf.sid = ?',
  );
  const admitRow = db.prepare('INSERT OR IGNORE INTO log_stream_fields(sid, fid, gap_from) VALUES (?, ?, NULL)');
  const gapRow = db.prepare(
    `INSERT INTO log_stream_fields(sid, fid, gap_from) VALUES (?1, ?2, ?3)
     ON CONFLICT(sid, fid) DO UPDATE SET gap_from = min(coalesce(gap_from, ?3), ?3)`,
  );
  const insertField = db.prepare('INSERT OR IGNORE INTO log_fields(fid, v, id) VALUES (?, ?, ?)');
  // Rows are written ROWS_PER_INSERT to a statement: one call per row cost ~0.5 µs each (measured).
  const insertFields = db.prepare(`INSERT OR IGNORE INTO log_fields(fid, v, id) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`);
  let pending: SqlValue[] = [];
  const deleteField = db.prepare('DELETE FROM log_fields WHERE fid = ? AND v = ? AND id = ?');

  // Caches of committed rows; reset() after a rolled-back transaction (ids could be reused).
  let names = new Map<string, number>();
  let namesTotal = -1;
  let streams = new Map<number, StreamFields>();

  const streamFields = (sid: number): StreamFields => {
    let found = streams.get(sid);
    if (!found) {
      found = { admitted: new Map(), gaps: new Set() };
      for (const row of streamRows.all(BigInt(sid)) as { fid: number; gap_from: number | null; name: string | null }[]) {
        if (row.fid !== REFUSED_FID && row.name !== null) found.admitted.set(row.name, row.fid);
        if (row.gap_from !== null) found.gaps.add(row.fid);
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

  /** The fid under which this stream indexes `name`, or null when the name is refused (recorded). */
  const admit = (sid: number, name: string, id: number): number | null => {
    const stream = streamFields(sid);
    const known = stream.admitted.get(name);
    if (known !== undefined) return known;
    const fid = stream.admitted.size < MAX_FIELDS_PER_STREAM ? fidOf(name, true) : null;
    if (fid === null) {
      markGap(sid, REFUSED_FID, id);
      return null;
    }
    admitRow.run(BigInt(sid), BigInt(fid));
    stream.admitted.set(name, fid);
    return fid;
  };

  const flush = (): void => {
    const rows = pending;
    pending = [];
    const whole = rows.length - (rows.length % (ROWS_PER_INSERT * 3));
    for (let at = 0; at < whole; at += ROWS_PER_INSERT * 3) insertFields.run(...rows.slice(at, at + ROWS_PER_INSERT * 3));
    for (let at = whole; at < rows.length; at += 3) insertField.run(rows[at]!, rows[at + 1]!, rows[at + 2]!);
  };

  return {
    /** Indexes one stored line (inside the caller's transaction, which calls flush() before it commits). */
    index(sid: number, id: number, content: string, labels: LogLabels): void {
      const rowid = BigInt(id);
      const { fields, dropped } = extractFields(content, labels, MAX_FIELDS_PER_LINE);
      for (const [name, key] of fields) {
        const fid = admit(sid, name, id);
        if (fid !== null) pending.push(BigInt(fid), bindKey(key), rowid);
      }
      if (pending.length >= ROWS_PER_INSERT * 3 * 64) flush();
      for (const name of dropped) {
        const fid = streamFields(sid).admitted.get(name);
        markGap(sid, fid ?? REFUSED_FID, id);
      }
    },
    /** Writes the rows index() collected; call before the transaction commits. */
    flush,
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
      pending = [];
      streams = new Map();
    },
  };
}

export type FieldIndexer = ReturnType<typeof createFieldIndexer>;
