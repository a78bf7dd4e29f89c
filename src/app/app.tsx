import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useCallback } from 'react';
import type { DataRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppLoading } from './app-loading.tsx';

// Sign-in (oidc-client-ts, the contract's schemas) loads as its own chunk, in parallel with the
// first paint, which keeps the initial JavaScript small.
const AuthProvider = lazy(() => import('../features/auth/auth-provider.tsx').then((module) => ({ default: module.AuthProvider })));

export interface AppProps {
  router: DataRouter;
  queryClient: QueryClient;
}

export function App({ router, queryClient }: AppProps) {
  const navigate = useCallback((path: string) => void router.navigate(path, { replace: true }), [router]);
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<AppLoading />}>
          <AuthProvider navigate={navigate}>
            <RouterProvider router={router} />
          </AuthProvider>
        </Suspense>
      </QueryClientProvider>
    </StrictMode>
  );
}
