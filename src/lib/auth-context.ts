// The signed-in user's state, provided by the sign-in feature (features/auth) and read by any view
// that needs to know who is signed in or to ask for a step-up sign-in before a change.
import { createContext, useContext } from 'react';
import type { Access } from '../contract/roles.ts';
import type { Me } from '../contract/schemas/auth.ts';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  /** The caller as the server sees it (roles included), once signed in. */
  me: Me | null;
  /** A sign-in round trip failed; shown to the user instead of silently retrying. */
  problem: string | null;
  signIn(returnTo?: string): void;
  stepUp(returnTo?: string): void;
  signOut(): void;
  /** Whether the signed-in user may open something with this access (guidance only). */
  canOpen(access: Access): boolean;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth() needs an <AuthProvider> above it');
  return state;
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

/** The auth state when a provider is present (the shell also renders without one, in tests). */
export function useOptionalAuth(): AuthState | null {
  return useContext(AuthContext);
}
