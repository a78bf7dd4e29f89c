import { Button } from '../../components/button.tsx';
import type { Forwarder } from '../../contract/schemas/forwarders.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { destinationText, lagText, sourceText } from './forwarder-model.ts';

const count = (n: number) => n.toLocaleString('en-US');

const STATE_LABEL = { ok: 'OK', retrying: 'Retrying', disabled: 'Disabled', unavailable: 'Unavailable' } as const;

export interface ForwardersTableProps {
  forwarders: Forwarder[];
  zone: TimeZoneMode;
  canChange: boolean;
  busyId: string | null;
  onToggle: (f: Forwarder) => void;
  onDelete: (f: Forwarder) => void;
}

/** One row per forwarder: where it sends what, and how far it got. */
export function ForwardersTable({ forwarders, zone, canChange, busyId, onToggle, onDelete }: ForwardersTableProps) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Forwarders">
        <thead>
          <tr>
            <th scope="col">Forwarder</th>
            <th scope="col">Sends</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">Delivered</th>
            <th scope="col" className="numeric">Lag</th>
            <th scope="col">Last error</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {forwarders.map((f) => (
            <tr key={f.id} data-testid={`forwarder-${f.name}`}>
              <th scope="row" className="table__name forward-name">
                {f.name}
                <div className="forward-state__note">{destinationText(f)}</div>
              </th>
              <td className="forward-source">{sourceText(f)}</td>
              <td>
                <span className={`forward-state forward-state--${f.status.state}`}>{STATE_LABEL[f.status.state]}</span>
                {f.status.state === 'retrying' && f.status.nextAttemptAt !== null && (
                  <div className="forward-state__note">{`${count(f.status.failures)} failed · next try ${formatDateTime(f.status.nextAttemptAt, zone)}`}</div>
                )}
              </td>
              <td className="numeric" data-testid="forwarder-delivered">
                {count(f.status.delivered)}
                {f.status.lastDeliveredAt !== null && <div className="forward-state__note">{formatDateTime(f.status.lastDeliveredAt, zone)}</div>}
              </td>
              <td className="numeric" data-testid="forwarder-lag" title={`everything before ${formatDateTime(f.status.cursorTime, zone)} was acknowledged`}>
                {lagText(f.status.lagSeconds)}
              </td>
              <td className="forward-error">
                {f.status.lastError === null ? 'none' : f.status.lastError}
                {f.status.lastErrorAt !== null && <div className="forward-state__note">{formatDateTime(f.status.lastErrorAt, zone)}</div>}
              </td>
              <td className="forward-actions">
                <Button disabled={!canChange || busyId === f.id} onClick={() => onToggle(f)}>
                  {f.enabled ? 'Pause' : 'Resume'}
                </Button>
                <Button disabled={!canChange || busyId === f.id} onClick={() => onDelete(f)}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
