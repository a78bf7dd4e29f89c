/**
 * How much work one request may do in the store. Index lookups are cheap at any size; what costs
 * is examining rows one by one (wildcards inside words, regexes, field predicates, counting a
 * very common term). Each request carries a budget; when it runs out the store stops, returns
 * what it has and says which bound stopped it. Numbers from store-bench.md: a brute-force scan
 * runs at ~4.5 M rows/s, so 2 M rows is about half a second of scanning on that machine.
 */
import type { ScanBudget } from '../storage/ports.ts';

/** Search pages: an analyst is waiting, and the cursor can always continue. */
export const SEARCH_BUDGET: ScanBudget = { maxRows: 2_000_000, maxMs: 5_000 };

/** Histograms aim to be exact (their total is "the" count), so they may work longer. */
export const HISTOGRAM_BUDGET: ScanBudget = { maxRows: 20_000_000, maxMs: 10_000 };

/** Facets count over a sample of the newest matches; finding them is bounded like a page. */
export const FACET_BUDGET: ScanBudget = { maxRows: 2_000_000, maxMs: 5_000 };
