import { isApiError } from '../../lib/api-error.ts';
import type { QueryError } from '../../query/index.ts';

/**
 * The query problem in a 400 from the search endpoints (`details.query`), which the server finds
 * where the parser cannot (a regex its engine refuses, a field it cannot search). Null for any
 * other failure.
 */
export function queryErrorFrom(error: unknown): QueryError | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('query' in details)) return null;
  const query: unknown = details.query;
  if (typeof query !== 'object' || query === null) return null;
  const { message, position, length } = query as Record<string, unknown>;
  if (typeof message !== 'string' || typeof position !== 'number' || typeof length !== 'number') return null;
  return { message, position: Math.max(0, Math.floor(position)), length: Math.max(1, Math.floor(length)) };
}
