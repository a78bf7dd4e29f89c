/**
 * The honest status line under the histogram: how many lines are loaded, of how many when the
 * server knows, in which order, and whether the result is complete or what stopped it.
 */
import type { LogFacets, LogHistogram, LogSearchPage, TruncatedReason } from '../../contract/schemas/log-search.ts';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

export interface ResultsSummary {
  loaded: number;
  /** Exact number of matches in the window, when the server counted it. */
  total?: number;
  /** Every match of the window is loaded. */
  complete: boolean;
  /** Why the last page stopped early (a bound), if it did. */
  truncatedReason?: TruncatedReason;
  /** Rows the server examined for the pages so far. */
  scanned: number;
}

export function summarizePages(pages: readonly LogSearchPage[]): ResultsSummary {
  const last = pages.at(-1);
  const total = pages.findLast((page) => page.total !== undefined)?.total;
  return {
    loaded: pages.reduce((sum, page) => sum + page.lines.length, 0),
    ...(total === undefined ? {} : { total }),
    complete: last?.complete ?? false,
    ...(last?.truncatedReason ? { truncatedReason: last.truncatedReason } : {}),
    scanned: pages.reduce((sum, page) => sum + page.scanned, 0),
  };
}

const REASONS: Readonly<Record<TruncatedReason, string>> = {
  scan_limit: 'the search reached its scan limit',
  time_limit: 'the search reached its time limit',
  cancelled: 'the search was cancelled',
  sample_limit: 'only a sample was counted',
};

export function truncatedText(reason: TruncatedReason): string {
  return REASONS[reason];
}

function lines(count: number): string {
  return count === 1 ? '1 line' : `${formatCount(count)} lines`;
}

export function statusText(summary: ResultsSummary, order: 'newest' | 'oldest' = 'newest'): string {
  const orderText = order === 'newest' ? '(newest first)' : '(oldest first)';
  const count =
    summary.total !== undefined ? `${formatCount(summary.loaded)} of ${lines(summary.total)}` : summary.complete ? lines(summary.loaded) : `${lines(summary.loaded)} so far`;
  if (summary.truncatedReason) {
    return `${count} ${orderText} · incomplete: ${truncatedText(summary.truncatedReason)} after examining ${lines(summary.scanned)}; load more to continue`;
  }
  if (summary.complete || summary.total !== undefined) return `${count} ${orderText} · complete`;
  return `${count} ${orderText} · more to load, total not counted`;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * What the server could not answer from its field or substring index (`notIndexed` of the pages),
 * so it checked the lines of the window one by one instead; null when every part came from an index.
 */
export function notIndexedText(pages: readonly Pick<LogSearchPage, 'notIndexed' | 'scanned'>[]): string | null {
  const parts = [...new Set(pages.flatMap((page) => page.notIndexed ?? []))];
  if (parts.length === 0) return null;
  const named = parts.map((part) => (FIELD_NAME.test(part) ? `field ${part}` : `substring ${part}`));
  const scanned = pages.reduce((sum, page) => sum + page.scanned, 0);
  return `Not served from an index: ${named.join(', ')}. Vigil checked the lines of the window one by one instead (${lines(scanned)} examined), which is slower and stops at the scan limit.`;
}

/** The histogram's own caveat, or null when its counts cover the whole window. */
export function histogramNote(histogram: LogHistogram, zone: TimeZoneMode): string | null {
  if (histogram.complete) return null;
  const reason = histogram.truncatedReason ? truncatedText(histogram.truncatedReason) : 'the count stopped early';
  if (histogram.coveredFrom === undefined) return `Counts are incomplete: ${reason}.`;
  return `Counted from ${formatDateTime(histogram.coveredFrom, zone)}${zone === 'utc' ? ' UTC' : ''} only: ${reason}.`;
}

/** What the facet counts are over: every match, or the newest ones. */
export function facetsNote(facets: LogFacets, zone: TimeZoneMode): string {
  const over = `Counts over ${lines(facets.lines)}`;
  if (facets.complete) return `${over} · complete`;
  const since = facets.oldestCounted === undefined ? '' : ` since ${formatDateTime(facets.oldestCounted, zone)}${zone === 'utc' ? ' UTC' : ''}`;
  const reason = facets.truncatedReason ? `: ${truncatedText(facets.truncatedReason)}` : '';
  return `${over}, the newest${since}${reason}`;
}
