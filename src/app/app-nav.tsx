import { NavLink, useSearchParams } from 'react-router';
import { Icon } from '../components/icon.tsx';
import { globalSearch } from '../lib/time-range/url.ts';
import type { ViewRoute } from './views.ts';

export interface AppNavProps {
  views: readonly ViewRoute[];
}

/** Main navigation. Links carry the header's time range and zone so they survive a change of view. */
export function AppNav({ views }: AppNavProps) {
  const [params] = useSearchParams();
  const search = globalSearch(params);
  return (
    <nav className="app__nav" aria-label="Main">
      <ul className="app__nav-list">
        {views.map((view) => (
          <li key={view.id}>
            <NavLink className="app__nav-link" to={{ pathname: view.path, search }} end={view.path === '/'}>
              <Icon name={view.icon} className="app__nav-icon" />
              <span>{view.title}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
