import { Link, useSearchParams } from 'react-router';
import type { AnomalyDetail } from '../../contract/schemas/anomalies.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { durationLabel } from './model.ts';
import { CHANGES_WINDOWS } from './url.ts';

const RELATION_TEXT = { same_host: 'same host', same_resource: 'same resource', same_user: 'same user' };

interface ChangesListProps {
  changes: AnomalyDetail['changes'];
  zone: TimeZoneMode;
  /** Minutes looked back (the URL's choice); the list shown may still be the previous one. */
  window: number;
  onWindowChange: (minutes: number) => void;
  updating: boolean;
}

/** CTS changes in the minutes before the anomaly, related ones first; each opens its trace. */
export function ChangesList({ changes, zone, window, onWindowChange, updating }: ChangesListProps) {
  const [params] = useSearchParams();
  const traceHref = (traceId: string) => {
    const next = new URLSearchParams();
    if (params.get('tz')) next.set('tz', params.get('tz')!);
    next.set('from', String(changes.from));
    next.set('to', String(changes.to + 3_600_000));
    next.set('trace', traceId);
    return `/audit?${next.toString()}`;
  };
  const shown = Math.round((changes.to - changes.from) / 60_000);
  const choices = (CHANGES_WINDOWS as readonly number[]).includes(window) ? CHANGES_WINDOWS : [...CHANGES_WINDOWS, window].sort((a, b) => a - b);
  return (
    <section aria-label="What changed before" className="anomaly-detail__section" aria-busy={updating}>
      <div className="changes__header">
        <h3>What changed in the {durationLabel(shown * 60_000)} before</h3>
        <label className="changes__window">
          Look back
          <select value={window} onChange={(e) => onWindowChange(Number(e.target.value))}>
            {choices.map((minutes) => (
              <option key={minutes} value={minutes}>
                {durationLabel(minutes * 60_000)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {updating && <p className="anomaly-detail__note">Loading the changes of the last {durationLabel(window * 60_000)}…</p>}
      {changes.traces.length === 0 ? (
        <p className="anomaly-detail__note">No create, update or delete operations in CTS in that window.</p>
      ) : (
        <ul className="changes">
          {changes.traces.map((t) => (
            <li key={t.trace_id} className="changes__item">
              <span className="numeric changes__time">{formatDateTime(t.time, zone, { seconds: false }).slice(11)}</span>
              <Link to={traceHref(t.trace_id)} className="changes__op">
                {t.trace_name}
              </Link>
              <span className="changes__resource">{t.resource_name || t.resource_id}</span>
              <span className="changes__user">{t.user}</span>
              {t.relation.map((r) => (
                <span key={r} className="changes__relation">
                  {RELATION_TEXT[r]}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {!changes.complete && <p className="anomaly-detail__note">More changes happened in that window than are listed.</p>}
    </section>
  );
}
