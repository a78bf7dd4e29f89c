import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { scheduleInput, type FrameworkId } from '../../contract/schemas/compliance.ts';
import { complianceQueries, createSchedule, deleteSchedule } from './api.ts';

export function SchedulesPanel({ framework }: { framework: FrameworkId }) {
  const queryClient = useQueryClient();
  const schedules = useQuery(complianceQueries.schedules());
  const [recipient, setRecipient] = useState('');
  const [cadence, setCadence] = useState<'weekly' | 'monthly'>('weekly');
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['compliance', 'schedules'] });
  const create = useMutation({ mutationFn: createSchedule, onSuccess: () => { setRecipient(''); refresh(); } });
  const remove = useMutation({ mutationFn: deleteSchedule, onSuccess: refresh });
  return (
    <Panel title="Report schedules" meta={schedules.data ? `${schedules.data.schedules.length} scheduled` : undefined}>
      <p className="compliance-notice" role="note">
        Delivery is not configured: schedules are stored, but no e-mail is sent until Vigil's notification channels exist.
      </p>
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
      {schedules.isError && <ErrorState title="Could not load schedules" error={schedules.error} />}
      {schedules.data && schedules.data.schedules.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Framework</th><th scope="col">Every</th><th scope="col">Recipient</th><th scope="col">By</th><th scope="col">Delivery</th><th /></tr></thead>
          <tbody>
            {schedules.data.schedules.map((s) => (
              <tr key={s.id}>
                <td>{s.framework}</td>
                <td>{s.cadence === 'weekly' ? 'week' : 'month'}</td>
                <td>{s.recipient}</td>
                <td>{s.createdBy}</td>
                <td>not configured</td>
                <td><Button variant="ghost" onClick={() => remove.mutate(s.id)} disabled={remove.isPending}>Remove</Button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
