import { Button } from '../../components/button.tsx';
import { useAuth } from '../../lib/auth-context.ts';

/** Changes need a multi-factor sign-in: offer the step-up before someone fills a form in vain. */
export function StepUpNotice({ what }: { what: string }) {
  const auth = useAuth();
  if (!auth.me?.roles.includes('admin') || auth.me.multiFactor) return null;
  return (
    <div className="notify-notice" role="note">
      <p>
        <strong>Changes need multi-factor sign-in.</strong> You can look around, but {what} asks you to confirm with your authenticator first.
      </p>
      <Button variant="primary" onClick={() => auth.stepUp()}>
        Verify with authenticator
      </Button>
    </div>
  );
}
