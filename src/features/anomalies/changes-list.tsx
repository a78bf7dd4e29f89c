import { Link, useSearchParams } from 'react-router';
import type { AnomalyDetail } from '../../contract/schemas/anomalies.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

const RELATION_TEXT = { same_host: 'same host', same_resource: 'same resource', same_user: 'same user' };

/** CTS changes in the minutes before the anomaly, related ones first; each opens its trace. */
export function ChangesList({ changes, zone }: { changes: AnomalyDetail['changes']; zone: TimeZoneMode }) {
  const [params] = useSearchParams();
  const traceHref = (traceId: string) => {
    const next = new URLSearchParams();
    if (params.get('tz')) next.set('tz', params.get('tz')!);
    next.set('from', String(changes.from));
    next.set('to', String(changes.to + 3_600_000));
    next.set('trace', traceId);
    return `/audit?${next.toString()}`;
  };
  const minutes = Math.round((changes.to - changes.from) / 60_000);
  return (
    <section aria-label="What changed before" className="anomaly-detail__section">
      <h3>What changed in the {minutes} minutes before</h3>
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
