import type { ReactNode } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import type { Access } from '../../contract/roles.ts';
import { useAuth } from '../../lib/auth-context.ts';

/**
 * Explains, instead of showing a view the server would refuse: sign in first, or which role is
 * needed. This is guidance only; the server enforces roles on every endpoint.
 */
export function AccessGate({ access, children }: { access: Access; children: ReactNode }) {
  const auth = useAuth();
  if (access === 'public' || auth.canOpen(access)) return children;
  if (auth.status === 'loading') return <LoadingState label="Checking your sign-in…" />;
  if (auth.status === 'signed-out') {
    return (
      <EmptyState
        title="Sign in to open this view"
        tone="notice"
        action={
          <Button variant="primary" onClick={() => auth.signIn()}>
            Sign in
          </Button>
        }
      >
        {auth.problem ?? 'Vigil shows log and audit data only to signed-in users with a Vigil role.'}
      </EmptyState>
    );
  }
  const needed = access === 'authenticated' ? [] : access;
  return (
    <EmptyState title={`You need the role ${needed.join(' or ')}`} tone="notice">
      You are signed in as {auth.me?.name} with {auth.me?.roles.length ? `the role ${auth.me.roles.join(', ')}` : 'no Vigil role'}. Ask an
      administrator for access if you need this view.
    </EmptyState>
  );
}
