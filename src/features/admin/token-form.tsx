import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useAuth } from '../../lib/auth-context.ts';

export interface TokenFormProps<Input, Created> {
  /** The token's kind in labels: "token", "ingest token". */
  noun: string;
  namePlaceholder: string;
  defaultDays: number;
  /** The fields of this kind of token (role, groups), between the name and the expiry. */
  children: ReactNode;
  /**
   * The request from the form's values, checked by the contract's own schema so the rules
   * match the server's.
   */
  parse: (common: { name: string; expiresInDays: number }) => z.ZodSafeParseResult<Input>;
  create: (input: Input) => Promise<Created>;
  invalidates: readonly unknown[];
  onCreated: (created: Created) => void;
}

/** One form for every kind of token: name, the kind's own fields, expiry; created with the step-up. */
export function TokenForm<Input, Created>({ noun, namePlaceholder, defaultDays, children, parse, create, invalidates, onCreated }: TokenFormProps<Input, Created>) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(defaultDays));
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: create,
    onSuccess: (created) => {
      onCreated(created);
      setName('');
      void queryClient.invalidateQueries({ queryKey: invalidates });
    },
  });

  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parse({ name, expiresInDays: Number(days) });
        if (!parsed.success) {
          setProblem(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`).join('; '));
          return;
        }
        setProblem(null);
        mutation.mutate(parsed.data);
      }}
    >
      <label className="filter-bar__field">
        <span>Name</span>
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder={namePlaceholder} required maxLength={64} />
      </label>
      {children}
      <label className="filter-bar__field">
        <span>Expires in (days)</span>
        <input type="number" min={1} max={365} value={days} onChange={(event) => setDays(event.target.value)} required />
      </label>
      <Button type="submit" variant="primary" disabled={mutation.isPending || !auth.me?.multiFactor}>
        {mutation.isPending ? 'Creating…' : `Create ${noun}`}
      </Button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {mutation.isError && <ErrorState title={`Could not create the ${noun}`} error={mutation.error} />}
    </form>
  );
}
