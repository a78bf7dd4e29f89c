import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ThemeSwitch } from '../components/theme-switch.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { TimeZoneToggle } from '../components/time-zone-toggle.tsx';
import { globalSearch } from '../lib/time-range/url.ts';
import { BrandMark } from './brand-mark.tsx';

// The badge reads /api/health through the contract; loading it later keeps the contract's schemas
// out of the initial download (they arrive with the sign-in chunk).
const RegionBadge = lazy(() => import('./region-badge.tsx').then((module) => ({ default: module.RegionBadge })));

export interface AppHeaderProps {
  user?: ReactNode;
}

export function AppHeader({ user }: AppHeaderProps) {
  const [params] = useSearchParams();
  return (
    <header className="app__header">
      <Link className="app__brand" to={{ pathname: '/', search: globalSearch(params) }} aria-label="Vigil overview">
        <BrandMark />
        <span className="app__brand-name">Vigil</span>
      </Link>
      <div className="app__tools">
        <Suspense fallback={null}>
          <RegionBadge />
        </Suspense>
        <TimeRangePicker />
        <TimeZoneToggle />
        <ThemeSwitch />
        {user !== undefined && <div className="app__user">{user}</div>}
      </div>
    </header>
  );
}
