/** What the search queries of the reader share: statements, the stream list, the SQL functions. */
import { runScan, type ScanState } from '../query/scan.ts';
import { registerScanFunctions } from '../query/scan.ts';
import { createStatementCache, createStreamLookup } from '../query/select.ts';
import type { StatementCache, StreamInfo } from '../query/select.ts';
import type { Database, SqlValue } from '../sqlite.ts';

export interface SearchContext {
  db: Database;
  prepare: StatementCache;
  streams(): Map<number, StreamInfo>;
  /**
   * Runs `sql` row by row under `state`'s budget; `onRow` returns false to stop early. Rows
   * already seen stay with the caller when the budget stops the statement.
   */
  scanRows<T>(sql: string, params: Record<string, SqlValue>, state: ScanState, onRow: (row: T) => boolean, arrays?: boolean): void;
}

export function createSearchContext(db: Database): SearchContext {
  registerScanFunctions(db);
  const prepare = createStatementCache(db);
  return {
    db,
    prepare,
    streams: createStreamLookup(db),
    scanRows(sql, params, state, onRow, arrays = false) {
      const statement = prepare(sql);
      statement.setReturnArrays(arrays);
      runScan(state, () => {
        for (const row of statement.iterate(params)) if (!onRow(row as never)) break;
      });
      // node:sqlite (v24) leaves a statement whose iteration was aborted by an exception in a
      // state where its next run fails once with "SQL logic error"; a fresh one is cheap.
      if (state.stop !== null) prepare.forget(sql);
    },
  };
}
