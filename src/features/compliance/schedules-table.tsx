import { Button } from '../../components/button.tsx';
import type { Schedule } from '../../contract/schemas/compliance.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { scheduleDeliveryText } from './model.ts';

interface Props {
  schedules: Schedule[];
  canSend: boolean;
  onSend: (id: string) => void;
  onRemove: (id: string) => void;
  busy: boolean;
}

/**
 * One entry per schedule: where the pack goes, when the next one is due and how the last one
 * fared. A list rather than a table: the panel is half the page wide and the delivery text is long.
 */
export function SchedulesTable({ schedules, canSend, onSend, onRemove, busy }: Props) {
  const { zone } = useTimeRange();
  const when = (ms: number) => formatDateTime(ms, zone, { seconds: false });
  return (
    <ul className="compliance-schedules" aria-label="Scheduled reports">
      {schedules.map((s) => {
        const last = scheduleDeliveryText(s, when);
        return (
          <li key={s.id} className="compliance-schedule" data-testid="schedule-row">
            <div className="compliance-schedule__head">
              <span className="compliance-schedule__title">
                {s.framework} every {s.cadence === 'weekly' ? 'week' : 'month'} to <span className="compliance-wrap">{s.recipient}</span>
              </span>
              <span className="compliance-row-actions">
                {canSend && (
                  <Button variant="ghost" onClick={() => onSend(s.id)} disabled={busy} title="Send the last complete period's pack now">
                    Send now
                  </Button>
                )}
                <Button variant="ghost" onClick={() => onRemove(s.id)} disabled={busy}>Remove</Button>
              </span>
            </div>
            <div className="compliance-muted">
              Next pack {s.nextRunAt === null ? '–' : when(s.nextRunAt)} · set up by <span className="compliance-wrap">{s.createdBy}</span>
            </div>
            <div>
              Last pack: <span className={`compliance-delivery compliance-delivery--${last.tone}`}>{last.text}</span>
              {s.lastPeriod && (
                <span className="compliance-muted"> (period {formatDate(s.lastPeriod.from, zone)} to {formatDate(s.lastPeriod.to - 1, zone)})</span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
