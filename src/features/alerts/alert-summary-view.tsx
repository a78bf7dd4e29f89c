import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { ALERT_SEVERITIES } from '../../contract/schemas/alert-rules.ts';
import type { AlertSummary, SeverityCounts } from '../../contract/schemas/alert-summary.ts';
import { formatDate } from '../../lib/format.ts';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { alertQueries } from './api.ts';

const TYPE_LABEL: Record<keyof AlertSummary['rules']['byType'], string> = { query: 'line count', ratio: 'ratio', absence: 'absence', audit: 'audit event', anomaly: 'anomaly' };
const sum = (counts: SeverityCounts) => counts.critical + counts.major + counts.minor + counts.info;

function Figures({ title, counts }: { title: string; counts: SeverityCounts }) {
  return (
    <div className="alert-summary__figure">
      <h4>{title}</h4>
      <ul>
        {ALERT_SEVERITIES.map((severity) => (
          <li key={severity}>
            <span className={`severity severity--${severity}`}>{severity}</span> <strong>{counts[severity]}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Alerting in counts over the header's range: what managers see (no rules, labels or channels). */
export function AlertSummaryView() {
  const { range } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  const summary = useQuery(alertQueries.summary(from, to));
  const data = summary.data;
  if (summary.isPending) return <LoadingState label="Counting alerts…" />;
  if (summary.isError) return <ErrorState title="Could not load the alert summary" error={summary.error} onRetry={() => void summary.refetch()} />;
  if (!data) return null;
  const days = data.days.filter((d) => sum(d.started) > 0).reverse();
  const types = Object.entries(data.rules.byType).filter(([, n]) => n > 0);
  return (
    <div className="page-stack">
      <Panel title="Rules and alerts now" meta={`${data.rules.enabled} of ${data.rules.total} rules enabled`}>
        <div className="alert-summary__figures">
          <Figures title="Enabled rules by severity" counts={data.rules.bySeverity} />
          <Figures title="Firing now" counts={data.firingNow} />
          <div className="alert-summary__figure">
            <h4>Rules by type</h4>
            <ul>{types.length === 0 ? <li>none</li> : types.map(([type, n]) => <li key={type}>{TYPE_LABEL[type as keyof typeof TYPE_LABEL]} <strong>{n}</strong></li>)}</ul>
          </div>
          <div className="alert-summary__figure">
            <h4>Notifications in the range</h4>
            <ul>
              <li>delivered <strong>{data.notifications.delivered}</strong></li>
              <li>failed <strong>{data.notifications.failed}</strong></li>
              <li>waiting <strong>{data.notifications.pending}</strong></li>
              <li>held back by silences <strong>{data.notifications.silenced}</strong></li>
            </ul>
          </div>
        </div>
      </Panel>
      <Panel title="Alerts per day" meta="days in UTC; alerts counted on the day they started">
        {days.length === 0 ? (
          <EmptyState title="No alerts in this range" />
        ) : (
          <table className="data-table" aria-label="Alerts per day">
            <thead>
              <tr>
                <th scope="col">Day</th>
                {ALERT_SEVERITIES.map((severity) => (
                  <th key={severity} scope="col" className="numeric">
                    {severity}
                  </th>
                ))}
                <th scope="col" className="numeric">Resolved</th>
                <th scope="col" className="numeric">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td className="numeric">{formatDate(d.day, 'utc')}</td>
                  {ALERT_SEVERITIES.map((severity) => (
                    <td key={severity} className="numeric">
                      {d.started[severity]}
                    </td>
                  ))}
                  <td className="numeric">{d.resolved}</td>
                  <td className="numeric">{d.acknowledged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
