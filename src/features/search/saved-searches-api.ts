import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { SavedSearchState } from '../../contract/schemas/saved-searches.ts';
import { apiRequest } from '../../lib/api-client.ts';

const KEY = ['saved-searches'] as const;

export const savedSearchesQuery = () =>
  queryOptions({ queryKey: KEY, queryFn: ({ signal }) => apiRequest(endpoints.listSavedSearches, {}, { signal }), staleTime: 30_000 });

/** Create, change and delete; each refreshes the list. */
export function useSavedSearchMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: KEY });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; state: SavedSearchState; shared: boolean }) => apiRequest(endpoints.createSavedSearch, { body }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; name?: string; shared?: boolean }) => apiRequest(endpoints.updateSavedSearch, { params: { id }, body }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiRequest(endpoints.deleteSavedSearch, { params: { id } }),
      onSuccess,
    }),
  };
}
