import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { ROLES, type Role } from '../../contract/roles.ts';
import { createApiTokenSchema, type ApiToken } from '../../contract/schemas/api-tokens.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { createToken } from './api.ts';

export function CreateTokenForm({ onCreated }: { onCreated: (created: { token: ApiToken; secret: string }) => void }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [days, setDays] = useState('30');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: (created) => {
      onCreated(created);
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'tokens'] });
    },
  });

  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        // The contract's own schema checks the form, so the rules match the server's.
        const parsed = createApiTokenSchema.safeParse({ name, role, expiresInDays: Number(days) });
        if (!parsed.success) {
          setProblem(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`).join('; '));
          return;
        }
        setProblem(null);
        create.mutate(parsed.data);
      }}
    >
      <label className="filter-bar__field">
        <span>Name</span>
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. splunk-export" required maxLength={64} />
      </label>
      <label className="filter-bar__field">
        <span>Role</span>
        <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-bar__field">
        <span>Expires in (days)</span>
        <input type="number" min={1} max={365} value={days} onChange={(event) => setDays(event.target.value)} required />
      </label>
      <Button type="submit" variant="primary" disabled={create.isPending || !auth.me?.multiFactor}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </Button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {create.isError && <ErrorState title="Could not create the token" error={create.error} />}
    </form>
  );
}
