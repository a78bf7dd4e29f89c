import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';

/**
 * Retrying cannot fix a request the server refused (4xx) or an answer that breaks the contract;
 * it only delays the message the user needs. Network trouble and 5xx get two more tries.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error)) {
    if (error.status >= 400 && error.status < 500) return false;
    if (error.code === 'invalid_response') return false;
  }
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        // Analysts switch between the console and a terminal a lot; refetching every time is noise.
        refetchOnWindowFocus: false,
      },
    },
  });
}
