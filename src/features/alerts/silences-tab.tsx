import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { Silence } from '../../contract/schemas/silences.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { expireSilence, notifyQueries } from './notify-api.ts';
import { readSilencePrefill } from './notify-url.ts';
import { SilenceForm } from './silence-form.tsx';
import { StepUpNotice } from './step-up-notice.tsx';
import { QueryTable } from './query-table.tsx';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const TONE: Record<Silence['status'], string> = { active: 'badge--warning', pending: 'badge--muted', expired: 'badge--muted' };

function schedule(s: Silence): string {
  if (!s.recurrence) return '';
  const r = s.recurrence;
  const at = `${String(Math.floor(r.startMinute / 60)).padStart(2, '0')}:${String(r.startMinute % 60).padStart(2, '0')}`;
  return `every ${r.weekdays.map((d) => WEEKDAYS[d]).join(', ')} at ${at} for ${r.durationMinutes} min (${r.timeZone})`;
}

export function SilencesTab() {
  const auth = useAuth();
  const isAdmin = auth.me?.roles.includes('admin') ?? false;
  const { zone } = useTimeRange();
  const [params, setParams] = useSearchParams();
  const prefill = readSilencePrefill(params);
  const [creating, setCreating] = useState(prefill !== null);
  const [include, setInclude] = useState<'current' | 'all'>('current');
  const queryClient = useQueryClient();
  const silences = useQuery(notifyQueries.silences(include));
  const expire = useMutation({ mutationFn: expireSilence, onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts', 'silences'] }) });
  const closeForm = () => {
    setCreating(false);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('matcher');
      return next;
    });
  };

  return (
    <div className="page-stack">
      {isAdmin && <StepUpNotice what="creating or ending a silence" />}
      {creating && isAdmin && (
        <Panel title="New silence or maintenance window">
          <SilenceForm prefill={prefill} onDone={closeForm} />
        </Panel>
      )}
      <Panel
        title="Silences and maintenance windows"
        meta={silences.data ? String(silences.data.silences.length) : undefined}
        actions={
          <>
            <label className="notify-check">
              <input type="checkbox" checked={include === 'all'} onChange={(e) => setInclude(e.target.checked ? 'all' : 'current')} /> Show expired
            </label>
            {isAdmin && !creating && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                New silence
              </Button>
            )}
          </>
        }
      >
        {expire.isError && <ErrorState title="Could not end the silence" error={expire.error} />}
        <QueryTable
          query={silences}
          loading="Loading silences…"
          failed="Could not load silences"
          isEmpty={(data) => data.silences.length === 0}
          empty={<EmptyState title="No silences">Alerts notify as their rules say.</EmptyState>}
          head={
            <>
              <th scope="col">Matches</th>
              <th scope="col">When</th>
              <th scope="col">Comment</th>
              <th scope="col">Created by</th>
              <th scope="col">Status</th>
            </>
          }
          actions={isAdmin}
        >
          {(data) =>
            data.silences.map((s) => (
              <tr key={s.id}>
                <td className="notify-wrap">
                  {s.matchers.map((m, i) => (
                    <code key={i} className="notify-matcher-chip">
                      {m.label} {m.op} “{m.value}”
                    </code>
                  ))}
                </td>
                <td className="notify-wrap">
                  {formatDateTime(s.startsAt, zone, { seconds: false })} → {formatDateTime(s.expiredAt ?? s.endsAt, zone, { seconds: false })}
                  {s.recurrence && <div className="notify-muted">{schedule(s)}</div>}
                </td>
                <td className="notify-wrap">{s.comment}</td>
                <td>
                  {s.createdBy}
                  {s.expiredBy && <div className="notify-muted">ended by {s.expiredBy}</div>}
                </td>
                <td>
                  <span className={`badge ${TONE[s.status]}`}>{s.kind === 'maintenance' ? `maintenance · ${s.status}` : s.status}</span>
                </td>
                {isAdmin && (
                  <td>
                    {s.status !== 'expired' && (
                      <Button variant="ghost" disabled={!auth.me?.multiFactor} onClick={() => expire.mutate(s.id)} aria-label={`End silence ${s.comment}`}>
                        End now
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))
          }
        </QueryTable>
      </Panel>
    </div>
  );
}
