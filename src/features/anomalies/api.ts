import { queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { AnomalyKind } from '../../contract/schemas/anomalies.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { SeriesRef } from './model.ts';

/** Ranked list length: the morning read, not an archive (the cursor pages on). */
export const LIST_LIMIT = 50;

export const anomalyQueries = {
  list: (from: number, to: number, kind: AnomalyKind | null, minScore: number) =>
    queryOptions({
      queryKey: ['anomalies', 'list', from, to, kind, minScore],
      queryFn: ({ signal }) =>
        apiRequest(endpoints.listAnomalies, { query: { from, to, sort: 'score', minScore, limit: LIST_LIMIT, ...(kind ? { kind } : {}) } }, { signal }),
    }),
  summary: (from: number, to: number) =>
    queryOptions({
      queryKey: ['anomalies', 'summary', from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.anomalySummary, { query: { from, to } }, { signal }),
    }),
  detail: (id: string, changesWindow: number) =>
    queryOptions({
      queryKey: ['anomalies', 'detail', id, changesWindow],
      queryFn: ({ signal }) => apiRequest(endpoints.getAnomaly, { params: { id }, query: { changesWindow } }, { signal }),
    }),
  series: (ref: SeriesRef, from: number, to: number) =>
    queryOptions({
      queryKey: ['anomalies', 'series', ref, from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.anomalySeries, { query: { ...ref, from, to } }, { signal }),
    }),
};
