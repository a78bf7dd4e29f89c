import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { notificationStatuses, type Notification } from '../../contract/schemas/notifications.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { notifyQueries, type NotificationStatusFilter } from './notify-api.ts';
import { QueryTable } from './query-table.tsx';

const TONE: Record<Notification['status'], string> = {
  pending: 'badge--warning',
  sending: 'badge--warning',
  delivered: 'badge--success',
  failed: 'badge--danger',
  silenced: 'badge--muted',
};

export function NotificationsTab() {
  const { zone } = useTimeRange();
  const [status, setStatus] = useState<NotificationStatusFilter>(undefined);
  const list = useInfiniteQuery(notifyQueries.notifications(status));
  const rows = list.data?.pages.flatMap((p) => p.notifications) ?? [];
  const counts = list.data?.pages[0]?.counts ?? {};

  return (
    <div className="page-stack">
      <div className="notify-counts" role="group" aria-label="Filter by delivery status">
        <Button variant={status === undefined ? 'primary' : 'default'} onClick={() => setStatus(undefined)}>
          All
        </Button>
        {notificationStatuses.map((s) => (
          <Button key={s} variant={status === s ? 'primary' : 'default'} onClick={() => setStatus(s)}>
            {s} <span className="notify-count">{counts[s] ?? 0}</span>
          </Button>
        ))}
      </div>
      <Panel title="Delivery status" meta={list.data ? `${rows.length} shown` : undefined}>
        <QueryTable
          query={list}
          loading="Loading notifications…"
          failed="Could not load notifications"
          isEmpty={() => rows.length === 0}
          empty={<EmptyState title="No notifications">{status ? `None ${status}.` : 'Notifications appear here once a rule with channels fires, or a channel is tested.'}</EmptyState>}
          head={
            <>
              <th scope="col">Created</th>
              <th scope="col">Rule · message</th>
              <th scope="col">Channel</th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Details</th>
            </>
          }
        >
          {() =>
            rows.map((n) => (
              <tr key={n.id}>
                <td>{formatDateTime(n.createdAt, zone)}</td>
                <td className="notify-wrap">
                  <strong>{n.ruleName}</strong>
                  <div className="notify-muted">{n.title}</div>
                </td>
                <td className="notify-wrap">{n.channelName}</td>
                <td>{n.reason === 'report' ? 'scheduled compliance report' : `${n.reason} · ${n.alertCount} alert(s)`}</td>
                <td>
                  <span className={`badge ${TONE[n.status]}`}>{n.status}</span>
                </td>
                <td className="numeric">{n.attempts}</td>
                <td className="notify-wrap">
                  {n.status === 'delivered' && n.deliveredAt !== null && <>delivered {formatDateTime(n.deliveredAt, zone)}</>}
                  {n.status === 'pending' && n.nextAttemptAt !== null && <>next attempt {formatDateTime(n.nextAttemptAt, zone)}</>}
                  {n.status === 'silenced' && <>held back by silence {n.silenceId}</>}
                  {n.lastError && <div className={n.status === 'failed' ? 'form-error' : 'notify-muted'}>{n.lastError}</div>}
                  <div className="notify-muted notify-key">key {n.idempotencyKey}</div>
                </td>
              </tr>
            ))
          }
        </QueryTable>
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading…' : 'Older notifications'}
          </Button>
        )}
      </Panel>
    </div>
  );
}
