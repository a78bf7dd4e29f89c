import { Button } from '../../components/button.tsx';
import type { Schedule } from '../../contract/schemas/compliance.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { scheduleDeliveryText } from './model.ts';

/** One row per schedule: when the next pack is due and how the last one fared. */
interface Props {
  schedules: Schedule[];
  canSend: boolean;
  onSend: (id: string) => void;
  onRemove: (id: string) => void;
  busy: boolean;
}

export function SchedulesTable({ schedules, canSend, onSend, onRemove, busy }: Props) {
  const { zone } = useTimeRange();
  const when = (ms: number) => formatDateTime(ms, zone, { seconds: false });
  return (
    <div className="compliance-table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Framework</th><th scope="col">Every</th><th scope="col">Recipient</th><th scope="col">By</th>
            <th scope="col">Next pack</th><th scope="col">Last pack</th><th />
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => {
            const last = scheduleDeliveryText(s, when);
            return (
              <tr key={s.id} data-testid="schedule-row">
                <td>{s.framework}</td>
                <td>{s.cadence === 'weekly' ? 'week' : 'month'}</td>
                <td className="compliance-wrap">{s.recipient}</td>
                <td className="compliance-wrap">{s.createdBy}</td>
                <td>{s.nextRunAt === null ? '–' : when(s.nextRunAt)}</td>
                <td className="compliance-wrap">
                  <span className={`compliance-delivery compliance-delivery--${last.tone}`}>{last.text}</span>
                  {s.lastPeriod && (
                    <div className="compliance-muted">
                      period {formatDate(s.lastPeriod.from, zone)} to {formatDate(s.lastPeriod.to - 1, zone)}
                    </div>
                  )}
                </td>
                <td className="compliance-row-actions">
                  {canSend && (
                    <Button variant="ghost" onClick={() => onSend(s.id)} disabled={busy} title="Send the last complete period's pack now">
                      Send now
                    </Button>
                  )}
                  <Button variant="ghost" onClick={() => onRemove(s.id)} disabled={busy}>Remove</Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
