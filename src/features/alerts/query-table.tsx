import type { ReactNode } from 'react';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';

/** What the table needs of a query (plain or infinite). */
export interface ListQuery<T> {
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

export interface QueryTableProps<T> {
  query: ListQuery<T>;
  /** What is loading ("Loading channels…") and what failed ("Could not load channels"). */
  loading: string;
  failed: string;
  isEmpty: (data: T) => boolean;
  /** Shown instead of the table when there is nothing to list. */
  empty: ReactNode;
  /** The header cells; with `actions`, a last, unlabelled column for row buttons is added. */
  head: ReactNode;
  actions?: boolean;
  testId?: string;
  /** The body rows. */
  children: (data: T) => ReactNode;
}

/** The Alerts tabs' list: loading, failed with a retry, empty, or a scrolling table. */
export function QueryTable<T>({ query, loading, failed, isEmpty, empty, head, actions = false, testId, children }: QueryTableProps<T>) {
  if (query.isError) return <ErrorState title={failed} error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState label={loading} />;
  if (isEmpty(query.data)) return <>{empty}</>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {head}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children(query.data)}</tbody>
      </table>
    </div>
  );
}
