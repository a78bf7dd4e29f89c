import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Access } from '../contract/roles.ts';
import { AppLayout } from './app-layout.tsx';
import { AppLoading } from './app-loading.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PageFailure } from './page-failure.tsx';
import { RouteErrorPage } from './route-error-page.tsx';
import { ViewFrame } from './view-frame.tsx';
import { views as defaultViews, type ViewRoute } from './views.ts';

/** What every route carries in `handle`; read it with `useMatches()` (document title, role checks). */
export interface RouteHandle {
  title: string;
  access: Access;
}

export type AccessGate = ComponentType<{ access: Access; children: ReactNode }>;

export interface AppRouteOptions {
  views?: readonly ViewRoute[];
  /** The header's user area (who is signed in, sign-in/out). The sign-in feature supplies it. */
  user?: ReactNode;
  /**
   * Wraps every view with its `access`. The sign-in feature supplies one that explains a refusal
   * instead of showing a view whose data the server would refuse anyway.
   */
  accessGate?: AccessGate;
}

/**
 * The route table: one layout route holding the shell, a child per view (lazy-loaded), and a
 * catch-all 404. Built by a function so tests and the sign-in feature can pass their own parts.
 */
export function createAppRoutes({ views = defaultViews, user, accessGate }: AppRouteOptions = {}): RouteObject[] {
  const notFound: RouteObject = {
    path: '*',
    Component: NotFoundPage,
    handle: { title: 'Page not found', access: 'public' } satisfies RouteHandle,
  };
  return [
    {
      id: 'root',
      path: '/',
      element: <AppLayout views={views} user={user} />,
      // Only reached when the shell itself fails; views fail inside the shell.
      errorElement: <RouteErrorPage standalone />,
      HydrateFallback: AppLoading,
      children: [...views.map((view) => viewRoute(view, accessGate)), notFound],
    },
  ];
}

function viewRoute(view: ViewRoute, Gate: AccessGate | undefined): RouteObject {
  const shared = {
    id: view.id,
    handle: { title: view.title, access: view.access } satisfies RouteHandle,
    errorElement: <RouteErrorPage />,
    lazy: async () => ({ Component: await loadView(view, Gate) }),
  };
  return view.path === '/' ? { ...shared, index: true } : { ...shared, path: view.path };
}

async function loadView(view: ViewRoute, Gate: AccessGate | undefined): Promise<ComponentType> {
  let View: ComponentType;
  try {
    View = await view.load();
  } catch (error) {
    // A rejected `lazy` leaves React Router with nothing to render for the route (not even its
    // errorElement), so a failed download becomes a view that explains itself.
    const LoadFailed = () => <PageFailure error={error} />;
    return LoadFailed;
  }
  const Framed = () => (
    <ViewFrame>
      {Gate ? (
        <Gate access={view.access}>
          <View />
        </Gate>
      ) : (
        <View />
      )}
    </ViewFrame>
  );
  return Framed;
}
