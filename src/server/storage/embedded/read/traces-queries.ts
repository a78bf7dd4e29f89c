/** The audit-trail explorer's reader queries, as one module for reader-queries.ts to spread in. */
import type { Database } from '../sqlite.ts';
import { createTraceAggregateQueries } from './traces-aggregate.ts';
import { createTraceListQueries } from './traces-list.ts';
import { createTraceSignalQueries } from './traces-signals.ts';
import { registerTraceFunctions } from './traces-sql.ts';

export function createTraceQueries(db: Database) {
  registerTraceFunctions(db);
  const aggregate = createTraceAggregateQueries(db);
  return {
    ...createTraceListQueries(db),
    ...createTraceSignalQueries(db),
    traceTimeline: aggregate.timeline,
    traceFacets: aggregate.facets,
    traceActors: aggregate.actors,
  };
}
