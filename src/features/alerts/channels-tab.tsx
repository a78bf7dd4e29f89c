import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { Channel } from '../../contract/schemas/channels.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { ChannelForm } from './channel-form.tsx';
import { destinationOf, KIND_LABELS } from './channel-form-model.ts';
import { deleteChannel, notifyQueries, testChannel } from './notify-api.ts';
import { StepUpNotice } from './step-up-notice.tsx';
import { QueryTable } from './query-table.tsx';

export function ChannelsTab() {
  const auth = useAuth();
  const isAdmin = auth.me?.roles.includes('admin') ?? false;
  const queryClient = useQueryClient();
  const channels = useQuery(notifyQueries.channels());
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [results, setResults] = useState<Record<string, { ok: boolean; detail: string }>>({});
  const test = useMutation({
    mutationFn: testChannel,
    onSuccess: (result, id) => setResults((prev) => ({ ...prev, [id]: result })),
    onError: (error, id) => setResults((prev) => ({ ...prev, [id]: { ok: false, detail: error.message } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts', 'notifications'] }),
  });
  const remove = useMutation({ mutationFn: deleteChannel, onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts', 'channels'] }) });

  return (
    <div className="page-stack">
      {isAdmin && <StepUpNotice what="creating, changing, testing or deleting a channel" />}
      {editing && (
        <Panel title={editing === 'new' ? 'New channel' : `Edit channel: ${editing.name}`}>
          <ChannelForm key={editing === 'new' ? 'new' : editing.id} channel={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        </Panel>
      )}
      <Panel
        title="Notification channels"
        meta={channels.data ? String(channels.data.channels.length) : undefined}
        actions={isAdmin && !editing ? <Button variant="primary" onClick={() => setEditing('new')}>New channel</Button> : undefined}
      >
        {remove.isError && <ErrorState title="Could not delete the channel" error={remove.error} />}
        <QueryTable
          query={channels}
          loading="Loading channels…"
          failed="Could not load channels"
          isEmpty={(data) => data.channels.length === 0}
          empty={<EmptyState title="No channels yet">{isAdmin ? 'Create one to send alerts by e-mail, webhook, chat or SMN.' : 'An admin creates them.'}</EmptyState>}
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Destination</th>
              <th scope="col">Secrets</th>
              <th scope="col">Status</th>
            </>
          }
          actions={isAdmin}
        >
          {(data) =>
            data.channels.map((channel) => {
              const result = results[channel.id];
              return (
                <tr key={channel.id}>
                  <th scope="row" className="table__name">
                    {channel.name}
                  </th>
                  <td>{KIND_LABELS[channel.kind]}</td>
                  <td className="notify-wrap">{destinationOf(channel)}</td>
                  <td>{channel.secretsSet.length ? channel.secretsSet.join(', ') : 'none'}</td>
                  <td className="notify-wrap">
                    <span className={`badge ${channel.enabled ? 'badge--success' : 'badge--muted'}`}>{channel.enabled ? 'enabled' : 'disabled'}</span>
                    {result && (
                      <p className={result.ok ? 'notify-ok' : 'form-error'} role="status">
                        Test {result.ok ? 'delivered' : 'failed'}: {result.detail}
                      </p>
                    )}
                  </td>
                  {isAdmin && (
                    <td className="notify-actions">
                      <Button onClick={() => test.mutate(channel.id)} disabled={!auth.me?.multiFactor || (test.isPending && test.variables === channel.id)} aria-label={`Test ${channel.name}`}>
                        {test.isPending && test.variables === channel.id ? 'Sending…' : 'Test'}
                      </Button>
                      <Button variant="ghost" onClick={() => setEditing(channel)} aria-label={`Edit ${channel.name}`}>
                        Edit
                      </Button>
                      <Button
                        variant="ghost"
                        disabled={!auth.me?.multiFactor}
                        aria-label={`Delete ${channel.name}`}
                        onClick={() => window.confirm(`Delete the channel "${channel.name}"? Rules using it stop notifying through it.`) && remove.mutate(channel.id)}
                      >
                        Delete
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })
          }
        </QueryTable>
      </Panel>
    </div>
  );
}
