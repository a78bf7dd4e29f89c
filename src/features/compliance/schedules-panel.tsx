import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { scheduleInput, type FrameworkId } from '../../contract/schemas/compliance.ts';
import { complianceQueries, createSchedule, deleteSchedule, sendSchedule } from './api.ts';
import { scheduleRefetchMs } from './model.ts';
import { SchedulesTable } from './schedules-table.tsx';

export function SchedulesPanel({ framework }: { framework: FrameworkId }) {
  const queryClient = useQueryClient();
  const schedules = useQuery({ ...complianceQueries.schedules(), refetchInterval: (query) => scheduleRefetchMs(query.state.data?.schedules) });
  const [recipient, setRecipient] = useState('');
  const [cadence, setCadence] = useState<'weekly' | 'monthly'>('weekly');
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['compliance', 'schedules'] });
  const create = useMutation({ mutationFn: createSchedule, onSuccess: () => { setRecipient(''); refresh(); } });
  const remove = useMutation({ mutationFn: deleteSchedule, onSuccess: refresh });
  const send = useMutation({ mutationFn: sendSchedule, onSettled: refresh });
  const data = schedules.data;
  const limitMb = data ? Math.floor(data.maxAttachmentBytes / (1024 * 1024)) : null;
  return (
    <Panel title="Report schedules" meta={data ? `${data.schedules.length} scheduled` : undefined}>
      {data?.delivery === 'not_configured' && (
        <p className="compliance-notice" role="note" data-testid="schedule-delivery">
          Delivery not configured: there is no enabled e-mail channel, so no pack is sent. Schedules are kept and each due run is recorded as not sent.
          An admin adds an e-mail channel under Alerts, Channels.
        </p>
      )}
      {data?.delivery === 'email' && data.channel && (
        <p className="compliance-muted" data-testid="schedule-delivery">
          Packs go out through the e-mail channel “{data.channel.name}” to each schedule's recipient, as a signed ZIP attachment (up to {limitMb} MB) that
          the recipient can verify offline. Weekly: Mondays 06:00 UTC for the week before; monthly: the 1st, 06:00 UTC, for the month before. People appear as pseudonyms.
        </p>
      )}
      <form
        className="compliance-form"
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = scheduleInput.safeParse({ framework, cadence, recipient });
          if (!parsed.success) {
            setProblem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
            return;
          }
          setProblem(null);
          create.mutate(parsed.data);
        }}
      >
        <label className="filter-bar__field">
          <span>Recipient</span>
          <input type="email" value={recipient} onChange={(e) => setRecipient(e.target.value)} placeholder="auditor@example.com" required maxLength={254} />
        </label>
        <label className="filter-bar__field">
          <span>Every</span>
          <select value={cadence} onChange={(e) => setCadence(e.target.value as 'weekly' | 'monthly')}>
            <option value="weekly">week</option>
            <option value="monthly">month</option>
          </select>
        </label>
        <Button type="submit" disabled={create.isPending}>Schedule this framework</Button>
        {problem && <p className="form-error" role="alert">{problem}</p>}
      </form>
      {create.isError && <ErrorState title="Could not save the schedule" error={create.error} />}
      {remove.isError && <ErrorState title="Could not remove the schedule" error={remove.error} />}
      {send.isError && <ErrorState title="Could not send the pack" error={send.error} />}
      {schedules.isError && <ErrorState title="Could not load schedules" error={schedules.error} />}
      {data && data.schedules.length > 0 && (
        <SchedulesTable
          schedules={data.schedules}
          canSend={data.delivery === 'email'}
          onSend={(id) => send.mutate(id)}
          onRemove={(id) => remove.mutate(id)}
          busy={remove.isPending || send.isPending}
        />
      )}
    </Panel>
  );
}
