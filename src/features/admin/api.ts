import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { CreateApiToken } from '../../contract/schemas/api-tokens.ts';
import type { CreateIngestToken } from '../../contract/schemas/ingest.ts';
import type { CreateForwarder, UpdateForwarder } from '../../contract/schemas/forwarders.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { AuditFilters } from './url.ts';

export const adminQueries = {
  tokens: () =>
    queryOptions({
      queryKey: ['admin', 'tokens'],
      queryFn: ({ signal }) => apiRequest(endpoints.listApiTokens, {}, { signal }),
    }),
  audit: (filters: AuditFilters, from: number, to: number) =>
    infiniteQueryOptions({
      queryKey: ['audit', 'records', filters, from, to],
      queryFn: ({ signal, pageParam }) =>
        apiRequest(
          endpoints.listAudit,
          {
            query: {
              from,
              to,
              limit: 100,
              ...(filters.user ? { user: filters.user } : {}),
              ...(filters.action ? { action: filters.action } : {}),
              ...(filters.rating ? { rating: filters.rating } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          { signal },
        ),
      initialPageParam: '',
      getNextPageParam: (page) => page.cursor ?? undefined,
    }),
  verify: () =>
    queryOptions({
      queryKey: ['audit', 'verification'],
      queryFn: ({ signal }) => apiRequest(endpoints.verifyAudit, {}, { signal }),
    }),
};

export function createToken(body: CreateApiToken) {
  return apiRequest(endpoints.createApiToken, { body });
}

export function revokeToken(tokenId: string) {
  return apiRequest(endpoints.revokeApiToken, { params: { tokenId } });
}

export const ingestQueries = {
  overview: () =>
    queryOptions({
      queryKey: ['admin', 'ingest'],
      queryFn: ({ signal }) => apiRequest(endpoints.ingestOverview, {}, { signal }),
      // Counters move while senders send: refresh them while the view is open.
      refetchInterval: 5_000,
    }),
};

export function createIngestToken(body: CreateIngestToken) {
  return apiRequest(endpoints.createIngestToken, { body });
}

export function revokeIngestToken(tokenId: string) {
  return apiRequest(endpoints.revokeIngestToken, { params: { tokenId } });
}

export const forwarderQueries = {
  list: () =>
    queryOptions({
      queryKey: ['admin', 'forwarders'],
      queryFn: ({ signal }) => apiRequest(endpoints.listForwarders, {}, { signal }),
      // Lag and delivered counts move while forwarders run.
      refetchInterval: 5_000,
    }),
};

export function createForwarder(body: CreateForwarder) {
  return apiRequest(endpoints.createForwarder, { body });
}

export function updateForwarder(id: string, body: UpdateForwarder) {
  return apiRequest(endpoints.updateForwarder, { params: { id }, body });
}

export function deleteForwarder(id: string) {
  return apiRequest(endpoints.deleteForwarder, { params: { id } });
}
