import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageFailure } from './page-failure.tsx';

export interface RouteErrorPageProps {
  standalone?: boolean;
}

/** The router's error element: errors from loaders, or from the shell when `standalone`. */
export function RouteErrorPage({ standalone = false }: RouteErrorPageProps) {
  const error = useRouteError();
  const shown = isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`.trim()) : error;
  return <PageFailure error={shown} standalone={standalone} />;
}
