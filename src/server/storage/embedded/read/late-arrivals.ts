/**
 * Lines that arrived behind a newer stored line (reader worker): the writer lists them in
 * log_late_lines in arrival order (schema.ts, LATE_ARRIVALS). A caller that follows the store by
 * position asks for the arrivals after the last one it saw whose position it has already passed,
 * and gets those of them that match its query, each checked by the same SQL a search runs over a
 * one-line window.
 */
import type { LateArrivalsPage, LateArrivalsRequest } from '../../ports.ts';
import { compileQuery } from '../query/compile.ts';
import { ScanState } from '../query/scan.ts';
import { foundLine, LINE_COLUMNS, selectParams, selectSql, sidsOf } from '../query/select.ts';
import type { LineRow } from '../query/select.ts';
import type { SearchContext } from './search-context.ts';
import { parsePosition } from './search-lines.ts';

const MAX_LIMIT = 10_000;
/** Every line is checked in full; the budget only guards against a pathological query. */
const BUDGET = { maxRows: 1_000_000, maxMs: 30_000 };

export function createLateArrivals(context: SearchContext) {
  const newest = context.db.prepare('SELECT coalesce(max(id), -1) AS id FROM logs');
  const lastSeq = context.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM log_late_lines');
  const arrivals = context.db.prepare('SELECT seq, id FROM log_late_lines WHERE seq > ? ORDER BY seq LIMIT ?');

  return {
    lateArrivals(request: LateArrivalsRequest): LateArrivalsPage {
      const { afterSeq, limit } = request;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Error(`limit must be 1..${MAX_LIMIT}`);
      const after = parsePosition(request.after);
      const upTo = parsePosition(request.upTo);
      const newestPosition = String((newest.get() as { id: number }).id);
      if (afterSeq === null) return { lines: [], lastSeq: (lastSeq.get() as { seq: number }).seq, more: false, newestPosition };
      if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new Error(`invalid afterSeq ${String(afterSeq)}`);

      const entries = arrivals.all(BigInt(afterSeq), BigInt(limit)) as { seq: number; id: number }[];
      const streams = context.streams();
      const sids = sidsOf(streams, request.streamIds);
      const lines: LateArrivalsPage['lines'] = [];
      const wanted = entries.filter((entry) => entry.id > after && entry.id <= upTo);
      if (wanted.length > 0 && (sids === null || sids.length > 0)) {
        const query = compileQuery(request.query, context.indexes(sids));
        const sql = selectSql(query, { columns: LINE_COLUMNS, streams: sids !== null, order: 'oldest' });
        const state = new ScanState(BUDGET, null);
        state.useTests(query.tests);
        for (const { id } of wanted) {
          context.scanWindow<LineRow>(query, sql, { lo: id, hi: id + 1, order: 'oldest' }, state, (lo, hi) => selectParams(query, lo, hi, sids, { n: 1n }), (row) => {
            lines.push(foundLine(row, streams));
            return false;
          });
          if (state.stop !== null) throw new Error(`checking late arrivals stopped (${state.stop})`);
        }
      }
      return { lines, lastSeq: entries.at(-1)?.seq ?? afterSeq, more: entries.length === limit, newestPosition };
    },
  };
}
