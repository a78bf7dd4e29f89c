/**
 * The lines around one line in its stream (reader worker): what came just before and after it
 * from the same source. Ordered by (ts, id) so it reads like the original file; the
 * (stream, ts) index plus the rowid every index carries make both directions a range seek.
 */
import type { ContextRequest, ContextResult } from '../../ports.ts';
import { idOfLineNum } from '../line-id.ts';
import { foundLine, LINE_COLUMNS } from '../query/select.ts';
import type { LineRow } from '../query/select.ts';
import type { SearchContext } from './search-context.ts';

const MAX_LINES = 1_000;

export function createLineContext(context: SearchContext) {
  const anchor = context.db.prepare(`SELECT ${LINE_COLUMNS} FROM logs l WHERE l.id = ?`);
  const before = context.db.prepare(
    `SELECT ${LINE_COLUMNS} FROM logs l INDEXED BY logs_stream_ts
      WHERE l.stream = :stream AND (l.ts, l.id) < (:ts, :id) ORDER BY l.ts DESC, l.id DESC LIMIT :n`,
  );
  const after = context.db.prepare(
    `SELECT ${LINE_COLUMNS} FROM logs l INDEXED BY logs_stream_ts
      WHERE l.stream = :stream AND (l.ts, l.id) > (:ts, :id) ORDER BY l.ts ASC, l.id ASC LIMIT :n`,
  );
  return {
    lineContext(request: ContextRequest): ContextResult | null {
      const count = (n: number) => {
        if (!Number.isInteger(n) || n < 0 || n > MAX_LINES) throw new Error(`before/after must be 0..${MAX_LINES}`);
        return BigInt(n + 1);
      };
      let id: number;
      try {
        id = idOfLineNum(request.lineNum);
      } catch {
        return null; // not a line number this store hands out, so no such line
      }
      const row = anchor.get(BigInt(id)) as LineRow | undefined;
      if (!row) return null;
      const where = { stream: BigInt(row.stream), ts: BigInt(row.ts), id: BigInt(row.id) };
      const older = before.all({ ...where, n: count(request.before) }) as unknown as LineRow[];
      const newer = after.all({ ...where, n: count(request.after) }) as unknown as LineRow[];
      const moreBefore = older.length > request.before;
      const moreAfter = newer.length > request.after;
      older.length = Math.min(older.length, request.before);
      newer.length = Math.min(newer.length, request.after);
      const streams = context.streams();
      return {
        line: foundLine(row, streams),
        before: older.reverse().map((line) => foundLine(line, streams)),
        after: newer.map((line) => foundLine(line, streams)),
        moreBefore,
        moreAfter,
      };
    },
  };
}
