import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import { LOG_SEARCH_LIMITS } from '../../contract/schemas/log-search.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** What every search request shares: the query, the frozen window and where to look. */
export interface SearchScope {
  q: string;
  from: number;
  to: number;
  group?: string[];
  stream?: string[];
}

/** Big pages: fewer round trips while scrolling through thousands of lines. */
export const PAGE_SIZE = LOG_SEARCH_LIMITS.maxLimit;
export const CONTEXT_STEP = LOG_SEARCH_LIMITS.defaultContextLines;

function scopeQuery(scope: SearchScope) {
  return {
    q: scope.q,
    from: scope.from,
    to: scope.to,
    ...(scope.group?.length ? { group: scope.group } : {}),
    ...(scope.stream?.length ? { stream: scope.stream } : {}),
  };
}

/** Query keys name the server's resources (`logs`), so other views can share the cache. */
export const searchQueries = {
  groups: () =>
    queryOptions({
      queryKey: ['logs', 'groups'],
      queryFn: ({ signal }) => apiRequest(endpoints.listLogGroups, {}, { signal }),
      staleTime: 60_000,
    }),
  lines: (scope: SearchScope) =>
    infiniteQueryOptions({
      queryKey: ['logs', 'search', scope],
      queryFn: ({ signal, pageParam }) =>
        apiRequest(
          endpoints.searchLogs,
          { query: { ...scopeQuery(scope), order: 'newest', limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          { signal },
        ),
      initialPageParam: '',
      getNextPageParam: (page) => page.cursor ?? undefined,
      // The window is frozen, so the pages stay true; refetching 100 pages on focus would not help.
      staleTime: Infinity,
    }),
  histogram: (scope: SearchScope) =>
    queryOptions({
      queryKey: ['logs', 'histogram', scope],
      queryFn: ({ signal }) => apiRequest(endpoints.logHistogram, { query: scopeQuery(scope) }, { signal }),
      staleTime: Infinity,
      // Keep the old bars while the new ones load, instead of collapsing the chart.
      placeholderData: keepPreviousData,
    }),
  facets: (scope: SearchScope, fields: readonly string[]) =>
    queryOptions({
      queryKey: ['logs', 'facets', scope, fields],
      queryFn: ({ signal }) =>
        apiRequest(endpoints.logFacets, { query: { ...scopeQuery(scope), ...(fields.length ? { field: [...fields] } : {}) } }, { signal }),
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
  context: (line: string, before: number, after: number) =>
    queryOptions({
      queryKey: ['logs', 'context', line, before, after],
      queryFn: ({ signal }) => apiRequest(endpoints.logContext, { query: { line, before, after } }, { signal }),
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),
};
