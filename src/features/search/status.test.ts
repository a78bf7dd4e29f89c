import { describe, expect, it } from 'vitest';
import type { LogFacets, LogHistogram, LogSearchPage } from '../../contract/schemas/log-search.ts';
import { facetsNote, histogramNote, notIndexedText, statusText, summarizePages } from './status.ts';

const T = Date.UTC(2026, 10, 25, 2, 0, 0);

function page(lines: number, overrides: Partial<LogSearchPage> = {}): LogSearchPage {
  return {
    lines: Array.from({ length: lines }, (_, index) => ({
      id: String(1795572898887000000n + BigInt(index)),
      time: T,
      group: 'ecs-prod',
      stream: 'auth',
      content: 'x',
      labels: {},
      highlights: [],
    })),
    cursor: 'next',
    complete: false,
    scanned: lines,
    from: T - 86_400_000,
    to: T,
    ...overrides,
  };
}

describe('statusText', () => {
  it('says how many of how many, in which order, and that the count is complete', () => {
    expect(statusText(summarizePages([page(1000, { total: 48_213 })]))).toBe('1,000 of 48,213 lines (newest first) · complete');
    expect(statusText(summarizePages([page(1000, { total: 1_360 }), page(360, { cursor: null, complete: true })]))).toBe(
      '1,360 of 1,360 lines (newest first) · complete',
    );
  });

  it('is honest when the total is not known', () => {
    expect(statusText(summarizePages([page(1000)]))).toBe('1,000 lines so far (newest first) · more to load, total not counted');
    expect(statusText(summarizePages([page(312, { cursor: null, complete: true })]))).toBe('312 lines (newest first) · complete');
    expect(statusText(summarizePages([page(1, { cursor: null, complete: true })]))).toBe('1 line (newest first) · complete');
  });

  it('says why a result is incomplete', () => {
    const summary = summarizePages([page(1000), page(212, { truncatedReason: 'scan_limit', scanned: 2_000_000 })]);
    expect(statusText(summary)).toBe(
      '1,212 lines so far (newest first) · incomplete: the search reached its scan limit after examining 2,001,000 lines; load more to continue',
    );
    expect(statusText(summarizePages([page(0, { truncatedReason: 'time_limit', scanned: 5 })]), 'oldest')).toBe(
      '0 lines so far (oldest first) · incomplete: the search reached its time limit after examining 5 lines; load more to continue',
    );
  });
});

describe('notes on histogram and facets', () => {
  const histogram: LogHistogram = { from: T - 86_400_000, to: T, bucketMs: 900_000, buckets: [], total: 0, complete: true };

  it('has nothing to add to a complete histogram, and says where an incomplete one starts', () => {
    expect(histogramNote(histogram, 'utc')).toBeNull();
    expect(histogramNote({ ...histogram, complete: false, truncatedReason: 'time_limit', coveredFrom: T - 3_600_000 }, 'utc')).toBe(
      'Counted from 2026-11-25 01:00:00 UTC only: the search reached its time limit.',
    );
  });

  it('says what the facet counts cover', () => {
    const facets: LogFacets = { facets: [], lines: 360, complete: true, from: T - 1, to: T };
    expect(facetsNote(facets, 'utc')).toBe('Counts over 360 lines · complete');
    expect(facetsNote({ ...facets, lines: 200_000, complete: false, truncatedReason: 'sample_limit', oldestCounted: T - 60_000 }, 'utc')).toBe(
      'Counts over 200,000 lines, the newest since 2026-11-25 01:59:00 UTC: only a sample was counted',
    );
  });
});

describe('notIndexedText', () => {
  it('is null when every part came from an index', () => {
    expect(notIndexedText([page(3), page(2, { notIndexed: [] })])).toBeNull();
  });

  it('names fields and substrings once across pages, with the lines examined so far', () => {
    const text = notIndexedText([page(2, { notIndexed: ['status', '*ab*'], scanned: 1_000 }), page(1, { notIndexed: ['status', '->'], scanned: 234 })]);
    expect(text).toBe(
      'Not served from an index: field status, substring *ab*, substring ->. Vigil checked the lines of the window one by one instead (1,234 lines examined), which is slower and stops at the scan limit.',
    );
  });
});
