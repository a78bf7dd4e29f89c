import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { CreateApiToken } from '../../contract/schemas/api-tokens.ts';
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
