import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { useAuth } from '../../lib/auth-context.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { deleteForwarder, forwarderQueries, updateForwarder } from './api.ts';
import { CreateForwarderForm } from './create-forwarder-form.tsx';
import { toUpdate } from './forwarder-model.ts';
import { ForwardersTable } from './forwarders-table.tsx';
import { MfaNotice } from './mfa-notice.tsx';

/** SIEM forwarders: what each sends where, delivered count, lag and last error. */
export function ForwardersPanel() {
  const { zone } = useTimeRange();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const list = useQuery(forwarderQueries.list());
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'forwarders'] });
  const toggle = useMutation({ mutationFn: (f: { id: string; body: Parameters<typeof updateForwarder>[1] }) => updateForwarder(f.id, f.body), onSettled: refresh });
  const remove = useMutation({ mutationFn: deleteForwarder, onSettled: refresh });

  if (list.isPending) return <LoadingState label="Loading forwarders…" />;
  if (list.isError) return <ErrorState title="Could not load the forwarders" error={list.error} onRetry={() => void list.refetch()} />;
  const { forwarders } = list.data;
  const busyId = toggle.isPending ? toggle.variables.id : remove.isPending ? remove.variables : null;

  return (
    <div className="admin-tokens">
      <Panel title="Forwarders" meta={`${forwarders.length}`}>
        {toggle.isError && <ErrorState title="Could not change the forwarder" error={toggle.error} />}
        {remove.isError && <ErrorState title="Could not delete the forwarder" error={remove.error} />}
        {forwarders.length === 0 ? (
          <EmptyState title="No forwarders yet">
            A forwarder sends log lines or CTS traces to a SIEM (Splunk HEC, Graylog GELF, syslog CEF), at least once: its position moves only when the destination acknowledged.
          </EmptyState>
        ) : (
          <ForwardersTable
            forwarders={forwarders}
            zone={zone}
            canChange={Boolean(auth.me?.multiFactor)}
            busyId={busyId}
            onToggle={(f) => toggle.mutate({ id: f.id, body: toUpdate(f, !f.enabled) })}
            onDelete={(f) => {
              if (window.confirm(`Delete the forwarder "${f.name}"? Its position is lost; a new one starts from now.`)) remove.mutate(f.id);
            }}
          />
        )}
      </Panel>
      <MfaNotice />
      <Panel title="Create a forwarder">
        <CreateForwarderForm />
      </Panel>
    </div>
  );
}
