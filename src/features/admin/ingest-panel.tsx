import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { IngestTokenView } from '../../contract/schemas/ingest.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { ingestQueries, revokeIngestToken } from './api.ts';
import { CreateIngestTokenForm } from './create-ingest-token-form.tsx';
import { MfaNotice } from './mfa-notice.tsx';
import { NewTokenSecret } from './new-token-secret.tsx';
import { ReceiversTable } from './receivers-table.tsx';
import { TokenTable, type TokenColumn } from './token-table.tsx';

const INGEST_TOKEN_COLUMNS: TokenColumn<IngestTokenView>[] = [
  { header: 'Log groups', cell: (token) => token.groups.join(', ') },
  { header: 'Rate', cell: (token) => (token.ratePerSecond === null ? 'default' : `${token.ratePerSecond.toLocaleString('en-US')} lines/s`) },
];

/** Live receivers (OTLP, LTS ingestion API, syslog, file tail) and the tokens senders use. */
export function IngestPanel() {
  const { zone } = useTimeRange();
  const queryClient = useQueryClient();
  const overview = useQuery(ingestQueries.overview());
  const [created, setCreated] = useState<{ token: IngestTokenView; secret: string } | null>(null);
  const revoke = useMutation({
    mutationFn: revokeIngestToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'ingest'] }),
  });

  if (overview.isPending) return <LoadingState label="Loading receivers…" />;
  if (overview.isError) return <ErrorState title="Could not load the receivers" error={overview.error} onRetry={() => void overview.refetch()} />;
  const { status, tokens } = overview.data;
  const queue = status?.queue;

  return (
    <div className="admin-tokens">
      <Panel
        title="Receivers"
        meta={queue ? `queue ${queue.lines.toLocaleString('en-US')} of ${queue.maxLines.toLocaleString('en-US')} lines` : undefined}
      >
        {status === null ? (
          <EmptyState title="No receivers run in this Vigil">Live ingest needs the embedded store.</EmptyState>
        ) : status.receivers.length === 0 ? (
          <EmptyState title="Nothing received since start">
            Senders push OTLP/HTTP logs to /v1/logs or use the LTS ingestion API with an ingest token; syslog listens when its ports are set.
          </EmptyState>
        ) : (
          <ReceiversTable receivers={status.receivers} zone={zone} />
        )}
      </Panel>
      <MfaNotice />
      {created && <NewTokenSecret token={created.token} secret={created.secret} onDismiss={() => setCreated(null)} />}
      <Panel title="Create an ingest token">
        <CreateIngestTokenForm onCreated={setCreated} />
      </Panel>
      <Panel title="Ingest tokens" meta={`${tokens.length}`}>
        {revoke.isError && <ErrorState title="Could not revoke the token" error={revoke.error} />}
        {tokens.length === 0 ? (
          <EmptyState title="No ingest tokens yet">Create one above; it may only push lines to the groups it names.</EmptyState>
        ) : (
          <TokenTable
            label="Ingest tokens"
            tokens={tokens}
            columns={INGEST_TOKEN_COLUMNS}
            zone={zone}
            revoking={revoke.isPending ? revoke.variables : null}
            onRevoke={(token) => {
              if (window.confirm(`Revoke the ingest token "${token.name}"? Senders using it are refused at once.`)) revoke.mutate(token.id);
            }}
          />
        )}
      </Panel>
    </div>
  );
}
