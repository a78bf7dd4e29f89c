import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { TraceFilterQuery } from './model.ts';

/** How many operations a page of the table holds: a few screens, so scrolling rarely waits. */
export const PAGE_SIZE = 200;
/** Values per facet list. */
export const FACET_TOP = 20;

/** Query keys name the server's resources (`traces`), so views that show traces share the cache. */
export const auditQueries = {
  timeline: (filter: TraceFilterQuery, from: number, to: number) =>
    queryOptions({
      queryKey: ['traces', 'timeline', filter, from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.traceTimeline, { query: { ...filter, from, to } }, { signal }),
      // Keep the old chart on screen while a zoom or a filter loads, instead of a blank box.
      placeholderData: keepPreviousData,
    }),
  facets: (filter: TraceFilterQuery, from: number, to: number) =>
    queryOptions({
      queryKey: ['traces', 'facets', filter, from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.traceFacets, { query: { ...filter, from, to, top: FACET_TOP } }, { signal }),
      placeholderData: keepPreviousData,
    }),
  list: (filter: TraceFilterQuery, from: number, to: number) =>
    infiniteQueryOptions({
      queryKey: ['traces', 'list', filter, from, to],
      queryFn: ({ signal, pageParam }) =>
        apiRequest(
          endpoints.listTraces,
          { query: { ...filter, from, to, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          { signal },
        ),
      initialPageParam: '',
      getNextPageParam: (page) => page.cursor ?? undefined,
    }),
  detail: (traceId: string) =>
    queryOptions({
      queryKey: ['traces', 'detail', traceId],
      queryFn: ({ signal }) => apiRequest(endpoints.getTrace, { params: { traceId } }, { signal }),
      // A stored trace never changes.
      staleTime: Infinity,
    }),
};
