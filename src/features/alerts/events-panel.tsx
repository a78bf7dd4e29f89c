import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { AlertEvent } from '../../contract/schemas/alert-events.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { useAuth } from '../../lib/auth-context.ts';
import { acknowledgeEvent, alertQueries } from './api.ts';
import { evidenceLabel } from './model.ts';
import { silenceThisLink } from './notify-url.ts';
import type { EventFilters } from './url.ts';
import { QueryTable } from './query-table.tsx';

function AckCell({ event, zone }: { event: AlertEvent; zone: TimeZoneMode }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const ack = useMutation({
    mutationFn: () => acknowledgeEvent(event.id, note),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['alerts', 'events'] }),
  });
  if (event.ack) {
    return (
      <span>
        {event.ack.by}, {formatDateTime(event.ack.at, zone, { seconds: false })}
        {event.ack.note && <span className="rule-note"> “{event.ack.note}”</span>}
      </span>
    );
  }
  return (
    <form
      className="ack-form"
      onSubmit={(e) => {
        e.preventDefault();
        ack.mutate();
      }}
    >
      <input aria-label={`Note for ${event.ruleName}`} placeholder="note (optional)" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit" disabled={ack.isPending}>
        Acknowledge
      </Button>
      {ack.isError && <span className="form-error">could not acknowledge</span>}
    </form>
  );
}

export function EventsPanel({ filters, zone, onFilters }: { filters: EventFilters; zone: TimeZoneMode; onFilters: (filters: EventFilters) => void }) {
  const events = useQuery(alertQueries.events(filters));
  const isAdmin = useAuth().me?.roles.includes('admin') ?? false;
  const select = (key: keyof EventFilters, label: string, options: string[]) => (
    <label className="rule-field">
      <span className="rule-field__label">{label}</span>
      <select value={filters[key]} onChange={(e) => onFilters({ ...filters, [key]: e.target.value })}>
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option === 'true' ? 'acknowledged' : option === 'false' ? 'not acknowledged' : option}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title="Alert events" meta={events.data ? `${events.data.events.length}${events.data.next ? '+' : ''} events` : undefined}>
      <div className="events-filters">
        {select('state', 'State', ['firing', 'resolved'])}
        {select('severity', 'Severity', ['critical', 'major', 'minor', 'info'])}
        {select('acknowledged', 'Acknowledged', ['false', 'true'])}
      </div>
      <QueryTable
        query={events}
        loading="Loading alert events"
        failed="Could not load alert events"
        isEmpty={(data) => data.events.length === 0}
        empty={<EmptyState title="No alert events">Nothing matched these filters. Events appear when a rule fires.</EmptyState>}
        testId="alert-events"
        head={
          <>
            <th scope="col">Started</th>
            <th scope="col">Rule</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col">What</th>
            <th scope="col">Evidence</th>
            <th scope="col">Acknowledged</th>
          </>
        }
      >
        {(data) =>
          data.events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.startsAt, zone, { seconds: false })}</td>
              <th scope="row" className="table__name">
                {event.ruleName}
              </th>
              <td>
                <span className={`severity severity--${event.severity}`}>{event.severity}</span>
              </td>
              <td>
                <span className={event.state === 'firing' ? 'badge badge--danger' : 'badge badge--muted'}>{event.state}</span>
                {event.endsAt !== null && <div className="rule-note">until {formatDateTime(event.endsAt, zone, { seconds: false })}</div>}
              </td>
              <td className="event-summary">{event.summary}</td>
              <td>
                <Link to={event.evidencePath}>{evidenceLabel(event.evidencePath)}</Link>
                {isAdmin && (
                  <div>
                    <Link to={silenceThisLink({ ...event.labels, alertname: event.ruleName })} aria-label={`Silence alerts like this one of ${event.ruleName}`}>
                      Silence…
                    </Link>
                  </div>
                )}
              </td>
              <td>
                <AckCell event={event} zone={zone} />
              </td>
            </tr>
          ))
        }
      </QueryTable>
    </Panel>
  );
}
