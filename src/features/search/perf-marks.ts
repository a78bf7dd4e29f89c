/**
 * User-timing marks for benchmarks and the browser's performance panel: `search:enter` when the
 * analyst runs a search, `search:first-results` when its first rows are on screen. A bench reads
 * them with `performance.getEntriesByName(…)` or `performance.measure('search', ENTER, FIRST)`.
 */
export const SEARCH_ENTER_MARK = 'search:enter';
export const SEARCH_FIRST_RESULTS_MARK = 'search:first-results';

function mark(name: string, detail?: unknown): void {
  // Old browsers and some test environments lack the User Timing API; the search works without it.
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.mark(name, detail === undefined ? undefined : { detail });
}

export function markSearchEnter(query: string): void {
  mark(SEARCH_ENTER_MARK, { query });
}

export function markFirstResults(lines: number): void {
  mark(SEARCH_FIRST_RESULTS_MARK, { lines });
}
