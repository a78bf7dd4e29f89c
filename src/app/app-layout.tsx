import { useEffect, type ReactNode } from 'react';
import { Outlet, useMatches, useNavigation } from 'react-router';
import { useOptionalAuth } from '../lib/auth-context.ts';
import { AppHeader } from './app-header.tsx';
import { AppNav } from './app-nav.tsx';
import type { RouteHandle } from './routes.tsx';
import type { ViewRoute } from './views.ts';
import './app-layout.css';

export interface AppLayoutProps {
  views: readonly ViewRoute[];
  /** The header's user area, filled by the sign-in feature. */
  user?: ReactNode;
}

function useDocumentTitle(): void {
  const matches = useMatches();
  const handle = matches.at(-1)?.handle as RouteHandle | undefined;
  const title = handle?.title;
  useEffect(() => {
    document.title = title ? `${title} · Vigil` : 'Vigil';
  }, [title]);
}

export function AppLayout({ views, user }: AppLayoutProps) {
  const navigation = useNavigation();
  const auth = useOptionalAuth();
  useDocumentTitle();
  // Navigation offers what the user may open; a direct URL still explains a refusal (AccessGate).
  const visibleViews = auth ? views.filter((view) => auth.canOpen(view.access)) : views;

  return (
    <div className="app">
      <a className="app__skip" href="#main">
        Skip to content
      </a>
      <AppHeader user={user} />
      <div className="app__body">
        <AppNav views={visibleViews} />
        <main className="app__main" id="main" tabIndex={-1}>
          {navigation.state === 'loading' && <div className="app__progress" role="progressbar" aria-label="Loading view" />}
          <Outlet />
        </main>
      </div>
    </div>
  );
}
