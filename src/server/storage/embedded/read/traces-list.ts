/**
 * The trace list and single traces (reader worker). Pages are keyset pages on (time DESC, id
 * DESC) as in store-bench.md's q8. The query is steered to an index that yields rows already in
 * that order, so a page reads about `limit` matching rows instead of sorting every match: a
 * filter with a few values on an indexed field runs as one query per value (each in index
 * order), and the per-value results are merged here. Without such a field the page walks the
 * time index newest first, within a time budget.
 */
import type { CtsTrace } from '../../../../contract/index.ts';
import type { LateTracesPage, StoredTraceSummary, TraceCursor, TraceFilter, TracePage } from '../../ports.ts';
import type { Database, SqlValue, Statement } from '../sqlite.ts';
import { add, addFieldConditions, addTimeRange, conditions, createUserNameResolver, SCAN_FUNCTION, TraceScan, whereSql, withScan } from './traces-sql.ts';

export const MAX_PAGE = 500;
/**
 * A page that has to walk the time index past many non-matching traces (networks, substrings,
 * rare combinations of unindexed fields) stops after this long and hands out a cursor where it
 * stopped, so no request holds the reader for seconds; the next page continues from there.
 */
export const LIST_SCAN_MS = 200;
// Above this many sub-queries, one query with IN and a sort is cheaper than the fan-out.
const MAX_FAN_OUT = 24;
const RATINGS = ['normal', 'warning', 'incident'] as const;

export const SUMMARY_COLUMNS = `id, trace_id, time, trace_name, trace_rating, trace_type, service_type, resource_type,
  resource_id, resource_name, user_id, user_name, domain_id, domain_name, source_ip, code, request_id, api_version`;

export interface SummaryRow {
  id: number;
  trace_id: string;
  time: number;
  trace_name: string;
  trace_rating: CtsTrace['trace_rating'];
  trace_type: CtsTrace['trace_type'];
  service_type: string;
  resource_type: string;
  resource_id: string;
  resource_name: string;
  user_id: string;
  user_name: string;
  domain_id: string;
  domain_name: string;
  source_ip: string;
  code: string;
  request_id: string;
  api_version: string;
}

export function summaryOf(row: SummaryRow): StoredTraceSummary {
  return {
    trace_id: row.trace_id,
    trace_name: row.trace_name,
    trace_rating: row.trace_rating,
    trace_type: row.trace_type,
    service_type: row.service_type,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    resource_name: row.resource_name,
    user: { id: row.user_id, name: row.user_name, domain: { id: row.domain_id, name: row.domain_name } },
    source_ip: row.source_ip,
    code: row.code,
    time: row.time,
    request_id: row.request_id,
    api_version: row.api_version,
  };
}

type FullRow = SummaryRow & Pick<CtsTrace, 'request' | 'response' | 'message' | 'record_time' | 'endpoint' | 'resource_url' | 'location_info'>;

function traceOf(row: FullRow): CtsTrace {
  const { request, response, message, record_time, endpoint, resource_url, location_info } = row;
  return { ...summaryOf(row), request, response, message, record_time, endpoint, resource_url, location_info };
}

/** One query of a page: the filter narrowed to single values of the driving field, and its index. */
interface SubQuery {
  filter: TraceFilter;
  userNames: string[] | null;
  index: string | null;
}

function subQueries(filter: TraceFilter, userNames: string[] | null): SubQuery[] {
  const split = <K extends keyof TraceFilter>(key: K, values: readonly unknown[], index: string): SubQuery[] | null =>
    values.length > 0 && values.length <= MAX_FAN_OUT ? values.map((value) => ({ filter: { ...filter, [key]: [value] }, userNames, index })) : null;

  if (userNames) {
    const ratings = filter.ratings.length > 0 ? filter.ratings : RATINGS;
    if (userNames.length * ratings.length > MAX_FAN_OUT) return [{ filter, userNames, index: null }];
    return userNames.flatMap((name) =>
      ratings.map((rating) => ({ filter: { ...filter, ratings: [rating] }, userNames: [name], index: 'traces_user_rating_time' })),
    );
  }
  if (filter.requestIds.length > 0) return [{ filter, userNames, index: 'traces_request_id' }];
  return (
    split('traceNames', filter.traceNames, 'traces_name_time') ??
    (filter.networks.length === 0 ? split('sourceIps', filter.sourceIps, 'traces_ip_time') : null) ??
    split('serviceTypes', filter.serviceTypes, 'traces_service_time') ?? [{ filter, userNames, index: 'traces_time' }]
  );
}

const newestFirst = (a: SummaryRow, b: SummaryRow) => b.time - a.time || b.id - a.id;

/** `scanMs` bounds a page that walks the time index (tests make it tiny to exercise the resume). */
export function createTraceListQueries(db: Database, { scanMs = LIST_SCAN_MS } = {}) {
  const resolveUserNames = createUserNameResolver(db);
  const byTraceId = db.prepare('SELECT * FROM traces WHERE trace_id = ?');
  const newestInsertion = db.prepare('SELECT coalesce(max(id), 0) AS id FROM traces');
  const lastOfPage = db.prepare('SELECT max(id) AS id, count(*) AS n FROM (SELECT id FROM traces WHERE id > ? ORDER BY id LIMIT ?)');
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 256) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const run = (query: SubQuery, after: TraceCursor | null, limit: number, scan: TraceScan | null): SummaryRow[] => {
    const where = conditions();
    // The cursor's time is folded into the one upper bound SQLite uses for the index range, so
    // the walk starts at the cursor instead of at `to`.
    addTimeRange(where, after ? { ...query.filter, to: Math.min(query.filter.to, after.time + 1) } : query.filter);
    // First after the index's own terms, so it sees every row the statement examines.
    if (scan) add(where, `${SCAN_FUNCTION}(time, id)`);
    if (after) add(where, '(time < ? OR id < ?)', BigInt(after.time), BigInt(after.id));
    addFieldConditions(where, query.filter, query.userNames);
    const indexed = query.index ? `INDEXED BY ${query.index}` : '';
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM traces ${indexed} ${whereSql(where)} ORDER BY time DESC, id DESC LIMIT ?`;
    const params = [...where.params, BigInt(limit) as SqlValue];
    if (!scan) return prepared(sql).all(...params) as unknown as SummaryRow[];
    const rows: SummaryRow[] = [];
    try {
      withScan(scan, () => {
        for (const row of prepared(sql).iterate(...params)) rows.push(row as unknown as SummaryRow);
      });
    } catch (error) {
      if (!scan.stopped) throw error;
      // node:sqlite cannot run a statement again after an iteration aborted by a function.
      statements.delete(sql);
    }
    return rows;
  };

  return {
    listTraces(filter: TraceFilter, page: { limit: number; after: TraceCursor | null }): TracePage {
      const { limit, after } = page;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new Error(`limit must be 1..${MAX_PAGE}`);
      const userNames = filter.users.length > 0 ? resolveUserNames(filter.users) : null;
      const queries = subQueries(filter, userNames);
      const scan = queries.length === 1 && queries[0]!.index === 'traces_time' ? new TraceScan(scanMs) : null;
      // One row more than asked tells whether an older page exists.
      const rows = queries
        .flatMap((query) => run(query, after, limit + 1, scan))
        .sort(newestFirst)
        .slice(0, limit + 1);
      if (scan?.stopped) {
        // Everything newer than the row the scan stopped at was examined; continue with that row.
        return { traces: rows.map(summaryOf), next: { time: scan.lastTime, id: scan.lastId + 1 } };
      }
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        traces: shown.map(summaryOf),
        next: rows.length > limit && last ? { time: last.time, id: last.id } : null,
      };
    },

    /**
     * Traces stored after insertion `afterSeq` whose time falls in the filter's window, oldest
     * insertion first (the `id` column is insertion order): a follower by time finds here the
     * traces that arrived behind its cursor (an import of an older CTS file). One gap: SQLite
     * hands out max(id) + 1, so when retention removed the newest insertions (an import of traces
     * already past retention), later traces can take ids a follower has already looked past.
     */
    lateTraces(filter: TraceFilter, afterSeq: number | null, limit: number): LateTracesPage {
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new Error('limit must be 1..10000');
      if (afterSeq === null) return { traces: [], lastSeq: (newestInsertion.get() as { id: number }).id, more: false };
      if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new Error(`invalid afterSeq ${String(afterSeq)}`);
      const examined = (lastOfPage.get(BigInt(afterSeq), BigInt(limit)) as { id: number | null; n: number });
      if (examined.id === null) return { traces: [], lastSeq: afterSeq, more: false };
      const where = conditions();
      add(where, 'id > ? AND id <= ?', BigInt(afterSeq), BigInt(examined.id));
      addTimeRange(where, filter);
      addFieldConditions(where, filter, filter.users.length > 0 ? resolveUserNames(filter.users) : null);
      const rows = prepared(`SELECT ${SUMMARY_COLUMNS} FROM traces ${whereSql(where)} ORDER BY id`).all(...where.params) as unknown as SummaryRow[];
      return { traces: rows.map(summaryOf), lastSeq: examined.id, more: examined.n === limit };
    },

    getTrace(traceId: string): CtsTrace | null {
      const row = byTraceId.get(String(traceId)) as FullRow | undefined;
      return row ? traceOf(row) : null;
    },
  };
}
