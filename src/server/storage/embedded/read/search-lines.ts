/**
 * One page of search results (reader worker). Keyset paging on the id: newest-first pages continue
 * below the last id, oldest-first pages above it, so lines arriving meanwhile never shift a page
 * (no offsets). A page that stops on its budget before it is full returns what it found and a
 * position just past the last row it examined, so the next page resumes the scan exactly there:
 * following positions to the end visits every row of the window once.
 *
 * New lines: ids grow with time, so lines arriving while someone pages newest-first land above
 * the first page and are not shown (the cursor also keeps the first page's window). Oldest-first
 * pages run towards them but stop at the window's `to`, fixed by the first page: a follow-up
 * search shows what arrived since. A late line (time in the past) shows up if its place in the
 * window has not been paged yet, and never twice.
 */
import type { TruncatedReason } from '../../../../contract/index.ts';
import type { LineSearchPage, LineSearchRequest } from '../../ports.ts';
import { compileQuery } from '../query/compile.ts';
import { ScanState } from '../query/scan.ts';
import { foundLine, idAt, LINE_COLUMNS, selectParams, selectSql, sidsOf } from '../query/select.ts';
import type { LineRow } from '../query/select.ts';
import type { SearchContext } from './search-context.ts';
import { countMatchAll } from './search-rollup.ts';

export interface WorkerLineSearch extends LineSearchRequest {
  /** Int32 flag set to 1 by the main thread to cancel. */
  cancel: SharedArrayBuffer | null;
}

/** Positions are ids: decimal, at most 16 digits (ids stay below 2^53); -1 is "before id 0". */
export function parsePosition(position: string): number {
  if (!/^-?\d{1,16}$/.test(position)) throw new Error(`invalid search position "${position}"`);
  return Number(position);
}

export function assertWindow(from: number, to: number): void {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
    throw new Error('search window must be integer epoch ms with from <= to');
  }
}

export function createLineSearch(context: SearchContext) {
  return {
    searchLines(request: WorkerLineSearch): LineSearchPage {
      const { from, to, order, limit } = request;
      assertWindow(from, to);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new Error('limit must be 1..10000');
      const streams = context.streams();
      const sids = sidsOf(streams, request.streamIds);
      const query = compileQuery(request.query, context.indexes(sids));

      let lo = idAt(from);
      let hi = idAt(to);
      if (request.position !== null) {
        const position = parsePosition(request.position);
        if (order === 'newest') hi = Math.min(hi, position);
        else lo = Math.max(lo, position + 1);
      }

      const state = new ScanState(request.budget, request.cancel);
      state.useTests(query.tests);
      const rows: LineRow[] = [];
      if (lo < hi && (sids === null || sids.length > 0)) {
        const sql = selectSql(query, { columns: LINE_COLUMNS, streams: sids !== null, order });
        // One extra row says whether another page exists.
        const params = (from: number, to: number) => selectParams(query, from, to, sids, { n: BigInt(limit + 1 - rows.length) });
        context.scanWindow<LineRow>(query, sql, { lo, hi, order }, state, params, (row) => rows.push(row) <= limit);
      }

      let next: string | null = null;
      let truncatedReason: TruncatedReason | null = null;
      if (rows.length > limit || (state.stop !== null && rows.length === limit)) {
        rows.length = limit;
        next = String(rows[limit - 1]!.id);
      } else if (state.stop !== null) {
        truncatedReason = state.stop;
        // lastId was not evaluated (the row vigil_scan stopped on, or the first id of the next
        // chunk of a scan): the next page starts with it.
        const stoppedAt = state.lastId ?? (order === 'newest' ? hi : lo - 1);
        next = String(order === 'newest' ? stoppedAt + 1 : stoppedAt - 1);
      }

      let total: number | null = null;
      if (query.matchAll) total = countMatchAll(context, from, to, sids);
      else if (request.position === null && next === null) total = rows.length;

      return { lines: rows.map((row) => foundLine(row, streams)), next, truncatedReason, scanned: state.rows, total, notIndexed: query.notIndexed };
    },
  };
}
