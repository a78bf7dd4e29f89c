import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { ApiToken } from '../../contract/schemas/api-tokens.ts';

/** The secret of a token just created: shown once, never retrievable again. */
export function NewTokenSecret({ token, secret, onDismiss }: { token: Pick<ApiToken, 'name'>; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="token-secret" role="status">
      <p>
        <strong>Token “{token.name}” created.</strong> Copy it now: Vigil stores only a hash and cannot show it again.
      </p>
      <code className="token-secret__value" data-testid="new-token-secret">
        {secret}
      </code>
      <div className="token-secret__actions">
        <Button
          onClick={() =>
            void navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </div>
  );
}
