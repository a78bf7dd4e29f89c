/** What the search queries of the reader share: statements, the stream list, the SQL functions. */
import { BUCKET_COUNTS_SQL, bucketCounter, chunkTarget, windowChunks } from '../query/chunks.ts';
import type { Chunk } from '../query/chunks.ts';
import type { CompiledQuery } from '../query/compile.ts';
import { registerScanFunctions, runScan } from '../query/scan.ts';
import type { ScanState } from '../query/scan.ts';
import { createStatementCache, createStreamLookup } from '../query/select.ts';
import type { StatementCache, StreamInfo } from '../query/select.ts';
import type { Database, SqlValue } from '../sqlite.ts';
import { createIndexViews } from './index-view.ts';
import type { IndexView } from './index-view.ts';

export interface ScanWindow {
  lo: number;
  hi: number;
  order: 'newest' | 'oldest';
}

export interface SearchContext {
  db: Database;
  prepare: StatementCache;
  streams(): Map<number, StreamInfo>;
  /** What the field and substring indexes answer for these streams (null: all), read now. */
  indexes(sids: readonly number[] | null): IndexView;
  /** The id window in chunks of about `target` rows, in page order (query/chunks.ts). */
  chunks(window: ScanWindow, target: number): Generator<Chunk>;
  /**
   * Runs `sql` row by row under `state`'s budget; `onRow` returns false to stop early. Rows
   * already seen stay with the caller when the budget stops the statement.
   */
  scanRows<T>(sql: string, params: Record<string, SqlValue>, state: ScanState, onRow: (row: T) => boolean, arrays?: boolean): void;
  /**
   * Rows of a compiled query over a window, in window order: one statement over the FTS
   * candidates, or chunk by chunk over the table. `params` gives each statement's parameters for
   * its id range; `onRow` returns false when no more rows are wanted.
   */
  scanWindow<T>(query: CompiledQuery, sql: string, window: ScanWindow, state: ScanState, params: (lo: number, hi: number) => Record<string, SqlValue>, onRow: (row: T) => boolean, arrays?: boolean): void;
}

const SLICES = 8;

/** The window in SLICES equal id ranges, in page order. */
function* idSlices(window: ScanWindow): Generator<{ lo: number; hi: number }> {
  const size = Math.max(1, Math.ceil((window.hi - window.lo) / SLICES));
  for (let index = 0; index < SLICES; index++) {
    const lo = window.order === 'newest' ? Math.max(window.lo, window.hi - (index + 1) * size) : window.lo + index * size;
    const hi = window.order === 'newest' ? window.hi - index * size : Math.min(window.hi, window.lo + (index + 1) * size);
    if (lo < hi) yield { lo, hi };
  }
}

/** Candidates in the first slice of a field range: a page of 100 comes from it. */
const FIRST_SLICE_CANDIDATES = 512;

/**
 * The window cut in slices of a field range's candidates, in page order: 512, then twice as many
 * each time (a full count takes a few slices), at most `maxSlice`. Each cut reads the index
 * alone (no row), so "newest 100" reads and sorts ~512 rows instead of every candidate of an
 * eighth of the window.
 */
function* candidateSlices(
  prepare: StatementCache, candidates: string, driveParams: Record<string, SqlValue>, window: ScanWindow, maxSlice: number,
): Generator<{ lo: number; hi: number }> {
  let perSlice = Math.min(FIRST_SLICE_CANDIDATES, maxSlice);
  const newest = window.order === 'newest';
  const cut = prepare(`SELECT f.id AS id ${candidates} ORDER BY f.id ${newest ? 'DESC' : 'ASC'} LIMIT 1 OFFSET :k`);
  let { lo, hi } = window;
  while (lo < hi) {
    // The first candidate beyond this slice, or none: the slice then runs to the window's end.
    const beyond = cut.get({ ...driveParams, lo: BigInt(lo), hi: BigInt(hi), k: BigInt(perSlice) }) as { id: number } | undefined;
    if (newest) {
      const from = beyond === undefined ? lo : beyond.id + 1;
      yield { lo: from, hi };
      hi = from;
    } else {
      const to = beyond === undefined ? hi : beyond.id;
      yield { lo, hi: to };
      lo = to;
    }
    perSlice = Math.min(perSlice * 2, maxSlice);
  }
}

export function createSearchContext(db: Database): SearchContext {
  registerScanFunctions(db);
  const prepare = createStatementCache(db);
  const counts = bucketCounter(db.prepare(BUCKET_COUNTS_SQL));

  const scanRows: SearchContext['scanRows'] = (sql, params, state, onRow, arrays = false) => {
    const statement = prepare(sql);
    statement.setReturnArrays(arrays);
    runScan(state, () => {
      for (const row of statement.iterate(params)) if (!onRow(row as never)) break;
    });
    // node:sqlite (v24) leaves a statement whose iteration was aborted by an exception in a
    // state where its next run fails once with "SQL logic error"; a fresh one is cheap.
    if (state.stop !== null) prepare.forget(sql);
  };

  return {
    db,
    prepare,
    streams: createStreamLookup(db),
    indexes: createIndexViews(db),
    chunks: (window, target) => windowChunks(counts, window.lo, window.hi, window.order, target),
    scanRows,
    scanWindow(query, sql, window, state, params, onRow, arrays = false) {
      if (query.drive !== null && query.drive.ordered) {
        scanRows(sql, params(window.lo, window.hi), state, onRow, arrays);
        return;
      }
      if (query.drive !== null) {
        // Unordered candidates are sorted before the first row comes out, so a stop inside a
        // statement yields nothing. Slices of the window, in page order, keep what finished and
        // resume at the slice that did not (lastId marks its edge), and "newest 100" only sorts
        // the candidates of the newest slices: for a field range, slices of 512 candidates and
        // then more (candidateSlices); otherwise eighths of the window.
        const { candidates } = query.drive;
        // A slice must fit a page's row budget, or a stop inside it would come back to it forever.
        const maxSlice = Math.max(1, Math.floor(state.budget.maxRows / 2));
        const slices = candidates === undefined ? idSlices(window) : candidateSlices(prepare, candidates, query.drive.params, window, maxSlice);
        let wanted = true;
        for (const slice of slices) {
          scanRows(sql, params(slice.lo, slice.hi), state, (row) => (wanted = onRow(row as never)), arrays);
          if (state.stop !== null) {
            state.lastId = window.order === 'newest' ? slice.hi - 1 : slice.lo;
            return;
          }
          if (!wanted) return;
        }
        return;
      }
      let wanted = true;
      for (const chunk of windowChunks(counts, window.lo, window.hi, window.order, chunkTarget(state.budget.maxRows))) {
        if (!state.enterChunk(chunk, window.order)) return;
        scanRows(sql, params(chunk.lo, chunk.hi), state, (row) => (wanted = onRow(row as never)), arrays);
        if (state.stop !== null) return;
        state.leaveChunk(chunk);
        if (!wanted) return;
      }
    },
  };
}
