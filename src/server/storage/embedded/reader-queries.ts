/**
 * The reader worker's queries, by name. Adding a query kind (search, histogram, facets, trace
 * pages) means adding a module under read/ and spreading it in here; the main thread then calls
 * it as `store.read('name', ...args)`, fully typed through ReaderApi.
 */
import { createAnomalyAuditQueries } from './read/anomaly-audit-series.ts';
import { createAnomalyLogSeriesQueries } from './read/anomaly-log-series.ts';
import { createCountQueries } from './read/counts.ts';
import { createGroupQueries } from './read/groups.ts';
import { createLineQueries } from './read/lines.ts';
import { createRollupQueries } from './read/rollup.ts';
import { createSearchQueries } from './read/search.ts';
import { createTextQueries } from './read/text.ts';
import { createTraceQueries } from './read/traces-queries.ts';
import type { Database } from './sqlite.ts';

export function createReaderQueries(db: Database) {
  return {
    ...createGroupQueries(db),
    ...createCountQueries(db),
    ...createLineQueries(db),
    ...createRollupQueries(db),
    ...createTextQueries(db),
    ...createSearchQueries(db),
    ...createTraceQueries(db),
    ...createAnomalyLogSeriesQueries(db),
    ...createAnomalyAuditQueries(db),
  };
}

export type ReaderApi = ReturnType<typeof createReaderQueries>;
