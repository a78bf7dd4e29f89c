import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary.tsx';

/**
 * Wraps each view: a view that throws while rendering is replaced by a message with a retry, and
 * the header and navigation keep working. Any navigation (e.g. a new time range) clears it.
 */
export function ViewFrame({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.key}>{children}</ErrorBoundary>;
}
