/**
 * Log search in the reader worker: pages of matching lines, histograms, facets and the context of
 * a line. The queries arrive as parsed trees (src/query) and are compiled here (query/compile.ts).
 */
import type { Database } from '../sqlite.ts';
import { createLateArrivals } from './late-arrivals.ts';
import { createLineContext } from './line-context.ts';
import { createSearchContext } from './search-context.ts';
import { createFacets } from './search-facets.ts';
import { createHistogram } from './search-histogram.ts';
import { createLineSearch } from './search-lines.ts';

export function createSearchQueries(db: Database) {
  const context = createSearchContext(db);
  return {
    ...createLineSearch(context),
    ...createHistogram(context),
    ...createFacets(context),
    ...createLineContext(context),
    ...createLateArrivals(context),
  };
}
