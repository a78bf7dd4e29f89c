import { Button } from '../../components/button.tsx';
import { useAuth } from '../../lib/auth-context.ts';

/** Changes need a multi-factor sign-in; offer the step-up before the user fills a form in vain. */
export function MfaNotice() {
  const auth = useAuth();
  if (auth.me?.multiFactor) return null;
  return (
    <div className="admin-notice" role="note">
      <p>
        <strong>Changes need multi-factor sign-in.</strong> You can look around, but creating or revoking tokens asks you to confirm
        with your authenticator first.
      </p>
      <Button variant="primary" onClick={() => auth.stepUp()}>
        Verify with authenticator
      </Button>
    </div>
  );
}
