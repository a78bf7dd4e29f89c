import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { LogLine } from '../../contract/schemas/log-search.ts';
import type { TimeRange } from '../../lib/time-range/model.ts';
import { parseQuery } from '../../query/index.ts';
import { searchQueries, type SearchScope } from './api.ts';
import { extraFacetFields } from './query-filters.ts';
import { apiScope, type StreamSelection } from './streams.ts';
import { useSearchWindow } from './use-search-window.ts';

/** Stands in for the scope while none can be sent; its queries are disabled. */
const IDLE: SearchScope = { q: '', from: 0, to: 1 };

/**
 * Everything the view loads for one search: pages of lines, histogram and facets over the same
 * frozen window and scope, plus the log groups for the stream picker.
 */
export function useSearchData(q: string, selection: StreamSelection, range: TimeRange) {
  const { window, refresh } = useSearchWindow(range);
  const queryClient = useQueryClient();
  const groups = useQuery(searchQueries.groups());
  const parsed = useMemo(() => parseQuery(q), [q]);
  const scopeParams = apiScope(selection, groups.data?.log_groups);
  const scope: SearchScope | null = parsed.ok && scopeParams ? { q, from: window.from, to: window.to, ...scopeParams } : null;
  const fields = useMemo(() => extraFacetFields(q), [q]);

  const results = useInfiniteQuery({ ...searchQueries.lines(scope ?? IDLE), enabled: scope !== null });
  const histogram = useQuery({ ...searchQueries.histogram(scope ?? IDLE), enabled: scope !== null });
  const facets = useQuery({ ...searchQueries.facets(scope ?? IDLE, fields), enabled: scope !== null });

  const pages = results.data?.pages;
  const lines = useMemo<LogLine[]>(() => pages?.flatMap((page) => page.lines) ?? [], [pages]);

  /** Runs the same search again: a relative window moves to now, and nothing is served from cache. */
  const rerun = useCallback(() => {
    refresh();
    void queryClient.resetQueries({ queryKey: ['logs', 'search'] });
    void queryClient.invalidateQueries({ queryKey: ['logs', 'histogram'] });
    void queryClient.invalidateQueries({ queryKey: ['logs', 'facets'] });
  }, [refresh, queryClient]);

  return {
    groups,
    results,
    histogram,
    facets,
    lines,
    window,
    /** The search as it runs (frozen window); null while nothing can be searched. */
    scope,
    rerun,
    /** Why nothing is searched: the query does not parse, or the chosen streams cannot be looked up. */
    blocked: !parsed.ok
      ? `The query has an error at character ${parsed.error.position + 1}: ${parsed.error.message}.`
      : scopeParams === null && groups.isError
        ? `The chosen streams cannot be looked up: ${groups.error.message}`
        : null,
    waitingForGroups: parsed.ok && scopeParams === null,
  };
}
