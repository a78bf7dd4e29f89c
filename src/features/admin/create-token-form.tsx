import { useState } from 'react';
import { ROLES, type Role } from '../../contract/roles.ts';
import { createApiTokenSchema, type ApiToken } from '../../contract/schemas/api-tokens.ts';
import { createToken } from './api.ts';
import { TokenForm } from './token-form.tsx';

export function CreateTokenForm({ onCreated }: { onCreated: (created: { token: ApiToken; secret: string }) => void }) {
  const [role, setRole] = useState<Role>('analyst');
  return (
    <TokenForm
      noun="token"
      namePlaceholder="e.g. splunk-export"
      defaultDays={30}
      parse={(common) => createApiTokenSchema.safeParse({ ...common, role })}
      create={createToken}
      invalidates={['admin', 'tokens']}
      onCreated={onCreated}
    >
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
    </TokenForm>
  );
}
