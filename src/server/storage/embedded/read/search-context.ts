/** What the search queries of the reader share: statements, the stream list, the SQL functions. */
import { registerScanFunctions } from '../query/scan.ts';
import { createStatementCache, createStreamLookup } from '../query/select.ts';
import type { StreamInfo } from '../query/select.ts';
import type { Database, Statement } from '../sqlite.ts';

export interface SearchContext {
  db: Database;
  prepare(sql: string): Statement;
  streams(): Map<number, StreamInfo>;
}

export function createSearchContext(db: Database): SearchContext {
  registerScanFunctions(db);
  return { db, prepare: createStatementCache(db), streams: createStreamLookup(db) };
}
