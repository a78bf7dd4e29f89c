import { queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** Query keys name the server's resources, not this view, so other views share the cache. */
export const overviewQueries = {
  health: () =>
    queryOptions({
      queryKey: ['system', 'health'],
      queryFn: ({ signal }) => apiRequest(endpoints.health, {}, { signal }),
    }),
  logGroups: () =>
    queryOptions({
      queryKey: ['logs', 'groups'],
      queryFn: ({ signal }) => apiRequest(endpoints.listLogGroups, {}, { signal }),
    }),
};
