import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { isApiError } from '../../lib/api-error.ts';

export interface LogGroupsErrorProps {
  error: unknown;
  onRetry: () => void;
}

/**
 * A refusal is not a fault: until the user signs in (or holds a role that may read logs), the
 * server's own words say what is needed; retrying would not change the answer.
 */
export function LogGroupsError({ error, onRetry }: LogGroupsErrorProps) {
  if (isApiError(error) && error.isUnauthenticated) {
    return (
      <EmptyState title="Sign in to see log groups" tone="notice">
        <p className="state__message">{error.message}</p>
      </EmptyState>
    );
  }
  if (isApiError(error) && error.isForbidden) {
    return (
      <EmptyState title="Your roles do not include the log groups" tone="notice">
        <p className="state__message">{error.message}</p>
      </EmptyState>
    );
  }
  return <ErrorState title="Could not load log groups" error={error} onRetry={onRetry} />;
}
