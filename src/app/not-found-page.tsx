import { Link, useLocation } from 'react-router';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { globalSearch } from '../lib/time-range/url.ts';

export function NotFoundPage() {
  const location = useLocation();
  const search = globalSearch(new URLSearchParams(location.search));
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <EmptyState
        title={`Nothing lives at ${location.pathname}`}
        action={<Link to={{ pathname: '/', search }}>Go to the overview</Link>}
      >
        The link may be mistyped or point to a view that no longer exists. Use the navigation to find the view you need.
      </EmptyState>
    </div>
  );
}
