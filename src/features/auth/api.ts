import { queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import { apiRequest } from '../../lib/api-client.ts';

export const authQueries = {
  config: () =>
    queryOptions({
      queryKey: ['auth', 'config'],
      queryFn: ({ signal }) => apiRequest(endpoints.authConfig, {}, { signal }),
      staleTime: Infinity,
    }),
  /** Who the server says the caller is; keyed by subject so a different user never sees a cached answer. */
  me: (subject: string) =>
    queryOptions({
      queryKey: ['auth', 'me', subject],
      queryFn: ({ signal }) => apiRequest(endpoints.me, {}, { signal }),
      staleTime: 5 * 60_000,
    }),
};
