import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { createIngestTokenSchema, type IngestTokenView } from '../../contract/schemas/ingest.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { createIngestToken } from './api.ts';

export function CreateIngestTokenForm({ onCreated }: { onCreated: (created: { token: IngestTokenView; secret: string }) => void }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [groups, setGroups] = useState('');
  const [days, setDays] = useState('90');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createIngestToken,
    onSuccess: (created) => {
      onCreated(created);
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'ingest'] });
    },
  });

  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = createIngestTokenSchema.safeParse({
          name,
          groups: groups.split(',').map((g) => g.trim()).filter(Boolean),
          expiresInDays: Number(days),
        });
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
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. otel-collector-prod" required maxLength={64} />
      </label>
      <label className="filter-bar__field">
        <span>Log groups (comma-separated)</span>
        <input value={groups} onChange={(event) => setGroups(event.target.value)} placeholder="e.g. ecs-prod, cce-cluster" required />
      </label>
      <label className="filter-bar__field">
        <span>Expires in (days)</span>
        <input type="number" min={1} max={365} value={days} onChange={(event) => setDays(event.target.value)} required />
      </label>
      <Button type="submit" variant="primary" disabled={create.isPending || !auth.me?.multiFactor}>
        {create.isPending ? 'Creating…' : 'Create ingest token'}
      </Button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {create.isError && <ErrorState title="Could not create the ingest token" error={create.error} />}
    </form>
  );
}
