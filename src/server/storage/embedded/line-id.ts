/**
 * Line ids: id = ts_ms*1024 + seq, so id order is time order and a time window is an id range.
 * Up to 1024 lines share a millisecond; further lines (or a late line whose slot is taken) take
 * the next free id, which may spill into the following millisecond's range. Order stays correct;
 * only `id/1024` can then read up to a few ms late, while the `ts` column keeps the exact time.
 */
import type { Database, Statement } from './sqlite.ts';

export const SEQ_PER_MS = 1024;
/** Newest line time whose ids stay exact JS numbers (about the year 2248). */
export const MAX_LINE_TIME = Math.floor(Number.MAX_SAFE_INTEGER / SEQ_PER_MS) - SEQ_PER_MS;

const SEQ = BigInt(SEQ_PER_MS);
const NS_PER_MS = 1_000_000n;

/**
 * line_num as LTS shows it: a 19-digit, nanosecond-like string (ms * 10^6 + seq). It maps one to
 * one onto the id and sorts by time as a string too (zero-padded for times before 2001).
 */
export function lineNumOf(id: number): string {
  const big = BigInt(id);
  return ((big / SEQ) * NS_PER_MS + (big % SEQ)).toString().padStart(19, '0');
}

/** Inverse of lineNumOf, for cursors; throws on anything that is not a line_num. */
export function idOfLineNum(lineNum: string): number {
  if (!/^\d{19}$/.test(lineNum)) throw new Error(`invalid line_num "${lineNum}": expected 19 digits`);
  const big = BigInt(lineNum);
  const seq = big % NS_PER_MS;
  if (seq >= SEQ) throw new Error(`invalid line_num "${lineNum}": sequence out of range`);
  return Number((big / NS_PER_MS) * SEQ + seq);
}

/**
 * Hands out free ids inside the writer's transactions. It remembers the largest id it knows of:
 * any id above it is free without a lookup, which is the common case (lines arrive roughly in
 * time order). Below it, ids are probed one by one; a per-batch hint per millisecond keeps a
 * burst of lines in one ms from re-probing the slots it just filled.
 */
export interface IdAllocator {
  beginBatch(): void;
  /** An id for a line at `time`, free in the store and among the ids handed out but not yet stored. */
  next(time: number): number;
  /** The ids handed out so far are in the store now (their rows were written). */
  stored(): void;
  /** Whether `id` lies behind a line stored before this batch (it arrived late). */
  isLate(id: number): boolean;
}

export function createIdAllocator(db: Database): IdAllocator {
  const probe: Statement = db.prepare('SELECT 1 AS taken FROM logs WHERE id = ?');
  const maxStatement = db.prepare('SELECT max(id) AS id FROM logs');
  const maxNow = () => (maxStatement.get() as { id: number | null }).id ?? -1;
  // May overshoot after a rolled-back batch or a retention pass; that only costs probes.
  let maxId = maxNow();
  let maxBeforeBatch = maxId;
  let hints = new Map<number, number>();
  // Rows are written a few at a time (write/row-batches.ts), so the probe cannot see these yet.
  const unstored = new Set<number>();

  return {
    beginBatch() {
      hints = new Map();
      unstored.clear();
      // Another process (`vigil tail-file`, `vigil import` beside the server) may have written
      // since: batches run inside the write transaction, so this read is current (one b-tree seek).
      maxId = Math.max(maxId, maxNow());
      maxBeforeBatch = maxId;
    },
    next(time) {
      let id = hints.get(time) ?? time * SEQ_PER_MS;
      if (id <= maxId) {
        while (unstored.has(id) || probe.get(BigInt(id)) !== undefined) id++;
      }
      hints.set(time, id + 1);
      if (id > maxId) maxId = id;
      unstored.add(id);
      return id;
    },
    stored() {
      unstored.clear();
    },
    isLate: (id) => id < maxBeforeBatch,
  };
}
