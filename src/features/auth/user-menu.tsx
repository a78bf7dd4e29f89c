import { Button } from '../../components/button.tsx';
import { useAuth } from '../../lib/auth-context.ts';
import './user-menu.css';

/** The header's user area: who is signed in with which roles, and sign-in / sign-out. */
export function UserMenu() {
  const auth = useAuth();
  if (auth.status === 'loading') return <span className="user-menu user-menu--muted">Signing in…</span>;
  if (auth.status === 'signed-out' || !auth.me) {
    return (
      <div className="user-menu">
        <Button variant="primary" onClick={() => auth.signIn()}>
          Sign in
        </Button>
      </div>
    );
  }
  const { name, roles, multiFactor } = auth.me;
  return (
    <div className="user-menu" aria-label="Signed-in user">
      <span className="user-menu__who">
        <span className="user-menu__name" data-testid="user-name">
          {name}
        </span>
        <span className="user-menu__roles" data-testid="user-roles">
          {roles.length ? roles.join(' · ') : 'no Vigil role'}
          {multiFactor ? ' · MFA' : ''}
        </span>
      </span>
      <Button variant="ghost" onClick={auth.signOut}>
        Sign out
      </Button>
    </div>
  );
}
