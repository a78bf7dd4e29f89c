/**
 * SQL around a compiled query: where rows come from (the FTS index or a scan of the id window),
 * the stream filter, and the per-row budget call. Also the stream lookup and the row → line
 * mapping every search result shares.
 */
import type { FoundLine } from '../../ports.ts';
import { SEQ_PER_MS, lineNumOf } from '../line-id.ts';
import { labelsOf } from '../read/lines.ts';
import type { Database, SqlValue, Statement } from '../sqlite.ts';
import type { CompiledQuery } from './compile.ts';

/** Columns of a result line, as `LineRow`. */
export const LINE_COLUMNS = 'l.id, l.ts, l.stream, l.level, l.host_name, l.host_ip, l.app_name, l.labels, l.content';

export interface LineRow {
  id: number;
  ts: number;
  stream: number;
  level: string | null;
  host_name: string | null;
  host_ip: string | null;
  app_name: string | null;
  labels: string | null;
  content: string;
}

export interface SelectShape {
  columns: string;
  /** Restrict to the streams bound as :sids (a JSON array of sids). */
  streams: boolean;
  /** ORDER BY id and LIMIT :n; omitted for aggregates. */
  order?: 'newest' | 'oldest';
  groupBy?: string;
}

/** The id column of the driving table (FTS rowid or logs id): what ordering and windows use. */
export function idColumn(query: CompiledQuery): string {
  return query.drive === null ? 'l.id' : query.drive.id;
}

/**
 * One statement over the window [:lo, :hi) of ids. From an index (query/index-drive.ts): the field
 * index yields ids in order for an equality and unordered for a range (SQLite sorts them). From
 * the word index: FTS5 applies the rowid range
 * itself and returns rowids in order (plan `INDEX 192:M1<>`, no sort); CROSS JOIN keeps SQLite
 * from driving from logs instead. From a scan: NOT INDEXED keeps the planner on the rowid range
 * (store-bench.md pitfall 2) so rows arrive in id order and a LIMIT stops the scan early.
 */
export function selectSql(query: CompiledQuery, shape: SelectShape): string {
  const id = idColumn(query);
  const source = query.drive === null ? 'FROM logs l NOT INDEXED WHERE l.id >= :lo AND l.id < :hi' : `FROM ${query.drive.from}`;
  const streams = shape.streams ? ' AND l.stream IN (SELECT value FROM json_each(:sids))' : '';
  const tail = shape.groupBy
    ? ` GROUP BY ${shape.groupBy}`
    : shape.order
      ? ` ORDER BY ${id} ${shape.order === 'newest' ? 'DESC' : 'ASC'} LIMIT :n`
      : '';
  // Index candidates are counted and checked one by one; scans are checked per chunk instead.
  const budget = query.drive === null ? '' : ` AND vigil_scan(${id})`;
  return `SELECT ${shape.columns} ${source}${budget}${streams} AND (${query.where})${tail}`;
}

/** Parameters of selectSql for the id window of [fromMs, toMs) or explicit ids. */
export function selectParams(query: CompiledQuery, lo: number, hi: number, sids: readonly number[] | null, extra: Record<string, SqlValue> = {}): Record<string, SqlValue> {
  const params: Record<string, SqlValue> = { ...query.params, ...extra, lo: BigInt(lo), hi: BigInt(hi) };
  if (query.drive !== null) Object.assign(params, query.drive.params);
  if (sids !== null) params.sids = JSON.stringify(sids);
  return params;
}

/** First id of a millisecond: the time window [from, to) is the id window [from*1024, to*1024). */
export function idAt(time: number): number {
  return time * SEQ_PER_MS;
}

export interface StreamInfo {
  id: string;
  name: string;
  groupName: string;
}

/** Streams by sid; a handful of rows, read per request so new streams show up at once. */
export function createStreamLookup(db: Database) {
  const all = db.prepare(
    'SELECT s.sid, s.id, s.name, g.name AS group_name FROM log_streams s JOIN log_groups g ON g.id = s.group_id',
  );
  return (): Map<number, StreamInfo> => {
    const map = new Map<number, StreamInfo>();
    for (const row of all.all() as { sid: number; id: string; name: string; group_name: string }[]) {
      map.set(row.sid, { id: row.id, name: row.name, groupName: row.group_name });
    }
    return map;
  };
}

/** The sids of the given stream ids (unknown ids are left out), or null for "every stream". */
export function sidsOf(streams: Map<number, StreamInfo>, streamIds: readonly string[] | null): number[] | null {
  if (streamIds === null) return null;
  const wanted = new Set(streamIds);
  return [...streams].filter(([, info]) => wanted.has(info.id)).map(([sid]) => sid);
}

export function foundLine(row: LineRow, streams: Map<number, StreamInfo>): FoundLine {
  const stream = streams.get(row.stream);
  return {
    lineNum: lineNumOf(row.id),
    time: row.ts,
    streamId: stream?.id ?? '',
    streamName: stream?.name ?? '',
    groupName: stream?.groupName ?? '',
    content: row.content,
    labels: labelsOf(row),
  };
}

export interface StatementCache {
  (sql: string): Statement;
  /** Drops a statement whose last run failed part-way (see read/search-context.ts). */
  forget(sql: string): void;
}

/** Prepared statements by SQL text: compiled queries repeat (paging, the same search again). */
export function createStatementCache(db: Database, size = 200): StatementCache {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = db.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  return Object.assign(prepare, { forget: (sql: string) => void cache.delete(sql) });
}
