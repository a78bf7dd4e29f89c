import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { allows, type Access } from '../../contract/roles.ts';
import type { AuthConfig } from '../../contract/schemas/auth.ts';
import { setAuthHeaderProvider } from '../../lib/api-client.ts';
import { isApiError } from '../../lib/api-error.ts';
import { authQueries } from './api.ts';
import { AuthContext, currentPath, type AuthState } from '../../lib/auth-context.ts';
import { AuthSession, CALLBACK_PATH } from './auth-session.ts';

export interface AuthProviderProps {
  children: ReactNode;
  /** Moves the app to an in-app path (replacing the entry) after the sign-in round trip. */
  navigate: (path: string) => void;
}

/** Loads the sign-in configuration from the server, then provides the session to the app. */
export function AuthProvider({ children, navigate }: AuthProviderProps) {
  const { data: authConfig, error, refetch } = useQuery(authQueries.config());
  if (error) return <ErrorState title="Vigil cannot reach its server" error={error} onRetry={() => void refetch()} />;
  if (!authConfig) return <LoadingState label="Starting Vigil…" />;
  return (
    <SessionProvider authConfig={authConfig} navigate={navigate}>
      {children}
    </SessionProvider>
  );
}

function SessionProvider({ authConfig, children, navigate }: AuthProviderProps & { authConfig: AuthConfig }) {
  const session = useMemo(() => new AuthSession(authConfig), [authConfig]);
  const queryClient = useQueryClient();
  // undefined while the stored session (or a sign-in callback) is being read.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  // The redirect back from the provider is handled before any view renders /auth/callback.
  const [completing, setCompleting] = useState(() => window.location.pathname === CALLBACK_PATH);

  useEffect(() => {
    let cancelled = false;
    const events = session.manager.events;
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    const renewFailed = (error: Error) => setProblem(`Your session could not be renewed (${error.message}). Sign in again.`);
    events.addUserLoaded(loaded);
    events.addUserUnloaded(unloaded);
    events.addAccessTokenExpired(unloaded);
    events.addSilentRenewError(renewFailed);
    void (async () => {
      if (window.location.pathname === CALLBACK_PATH) {
        try {
          navigate(await session.completeSignIn(window.location.href));
        } catch (error) {
          setProblem(`Sign-in did not complete: ${(error as Error).message}`);
          navigate('/');
        }
        if (!cancelled) setCompleting(false);
      }
      const stored = await session.currentUser();
      if (!cancelled) setUser(stored);
    })();
    return () => {
      cancelled = true;
      events.removeUserLoaded(loaded);
      events.removeUserUnloaded(unloaded);
      events.removeAccessTokenExpired(unloaded);
      events.removeSilentRenewError(renewFailed);
    };
  }, [session, navigate]);

  useEffect(() => {
    setAuthHeaderProvider(user ? (request) => session.authHeaders(request) : null);
    return () => setAuthHeaderProvider(null);
  }, [session, user]);

  const signIn = useCallback((returnTo = currentPath()) => void session.signIn(returnTo), [session]);
  const stepUp = useCallback((returnTo = currentPath()) => void session.stepUp(returnTo), [session]);
  const signOut = useCallback(() => {
    queryClient.clear();
    void session.signOut();
  }, [queryClient, session]);

  // The server has the last word: a 401 while we think we are signed in means the session is
  // gone (expired, revoked, server key changed). Sign in again and come back to the same URL.
  useEffect(() => {
    if (!user) return;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      const error = event.action.error;
      if (isApiError(error) && error.status === 401) void session.manager.removeUser().then(() => signIn());
    });
  }, [queryClient, session, signIn, user]);

  const { data: me, isPending: meLoading, error: meError } = useQuery({ ...authQueries.me(user?.profile.sub ?? ''), enabled: !!user });

  const value = useMemo<AuthState>(() => {
    const status = user === undefined || (user && meLoading) ? 'loading' : user && me ? 'signed-in' : 'signed-out';
    const roles = me?.roles ?? [];
    return {
      status,
      me: me ?? null,
      problem: problem ?? (meError ? `Vigil could not confirm your sign-in: ${meError.message}` : null),
      signIn,
      stepUp,
      signOut,
      canOpen: (access: Access) => allows(access, roles, status === 'signed-in'),
    };
  }, [user, meLoading, me, meError, problem, signIn, stepUp, signOut]);

  if (completing) return <LoadingState label="Completing sign-in…" />;
  return <AuthContext value={value}>{children}</AuthContext>;
}
