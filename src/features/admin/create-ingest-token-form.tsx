import { useState } from 'react';
import { createIngestTokenSchema, type IngestTokenView } from '../../contract/schemas/ingest.ts';
import { createIngestToken } from './api.ts';
import { TokenForm } from './token-form.tsx';

export function CreateIngestTokenForm({ onCreated }: { onCreated: (created: { token: IngestTokenView; secret: string }) => void }) {
  const [groups, setGroups] = useState('');
  return (
    <TokenForm
      noun="ingest token"
      namePlaceholder="e.g. otel-collector-prod"
      defaultDays={90}
      parse={(common) => createIngestTokenSchema.safeParse({ ...common, groups: groups.split(',').map((g) => g.trim()).filter(Boolean) })}
      create={createIngestToken}
      invalidates={['admin', 'ingest']}
      onCreated={onCreated}
    >
      <label className="filter-bar__field">
        <span>Log groups (comma-separated)</span>
        <input value={groups} onChange={(event) => setGroups(event.target.value)} placeholder="e.g. ecs-prod, cce-cluster" required />
      </label>
    </TokenForm>
  );
}
