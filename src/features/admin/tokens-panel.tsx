import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { ApiToken } from '../../contract/schemas/api-tokens.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { adminQueries, revokeToken } from './api.ts';
import { CreateTokenForm } from './create-token-form.tsx';
import { MfaNotice } from './mfa-notice.tsx';
import { NewTokenSecret } from './new-token-secret.tsx';
import { TokenTable, type TokenColumn } from './token-table.tsx';

export function TokensPanel() {
  const { zone } = useTimeRange();
  const queryClient = useQueryClient();
  const tokens = useQuery(adminQueries.tokens());
  const [created, setCreated] = useState<{ token: ApiToken; secret: string } | null>(null);
  const columns: TokenColumn<ApiToken>[] = [
    { header: 'Role', cell: (token) => token.role },
    { header: 'Created', cell: (token) => `${formatDateTime(token.createdAt, zone, { seconds: false })} · ${token.createdBy}` },
  ];
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'tokens'] }),
  });

  return (
    <div className="admin-tokens">
      <MfaNotice />
      {created && <NewTokenSecret token={created.token} secret={created.secret} onDismiss={() => setCreated(null)} />}
      <Panel title="Create an API token">
        <CreateTokenForm onCreated={setCreated} />
      </Panel>
      <Panel title="API tokens" meta={tokens.data ? `${tokens.data.tokens.length}` : undefined}>
        {revoke.isError && <ErrorState title="Could not revoke the token" error={revoke.error} />}
        {tokens.isPending ? (
          <LoadingState label="Loading API tokens…" />
        ) : tokens.isError ? (
          <ErrorState title="Could not load API tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">Create one above for scripts and SIEM integrations.</EmptyState>
        ) : (
          <TokenTable
            label="API tokens"
            tokens={tokens.data.tokens}
            columns={columns}
            zone={zone}
            revoking={revoke.isPending ? revoke.variables : null}
            onRevoke={(token) => {
              if (window.confirm(`Revoke the API token "${token.name}"? Scripts using it stop working at once.`)) revoke.mutate(token.id);
            }}
          />
        )}
      </Panel>
    </div>
  );
}
