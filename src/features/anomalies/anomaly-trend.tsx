import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatDate } from '../../lib/format.ts';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { anomalyQueries } from './api.ts';

/** Managers: anomalies per day by severity, nothing that names a stream or a person. */
export function AnomalyTrend() {
  const { range } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  const summary = useQuery(anomalyQueries.summary(from, to));
  const data = summary.data;
  const peak = data ? Math.max(1, ...data.days.map((d) => d.high + d.medium + d.low)) : 1;
  return (
    <Panel title="Anomalies per day" meta={data ? 'days in UTC' : undefined}>
      {summary.isPending ? (
        <LoadingState label="Counting anomalies…" />
      ) : summary.isError ? (
        <ErrorState title="Could not load the trend" error={summary.error} onRetry={() => void summary.refetch()} />
      ) : data && data.days.every((d) => d.high + d.medium + d.low === 0) ? (
        <EmptyState title="No anomalies in this range" />
      ) : data ? (
        <table className="data-table trend">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="numeric">High (80+)</th>
              <th scope="col" className="numeric">Medium (50–79)</th>
              <th scope="col" className="numeric">Low</th>
              <th scope="col">
                <span className="visually-hidden">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.day}>
                <td className="numeric">{formatDate(d.day, 'utc')}</td>
                <td className="numeric">{d.high}</td>
                <td className="numeric">{d.medium}</td>
                <td className="numeric">{d.low}</td>
                <td className="trend__bar" aria-hidden="true">
                  <span className="trend__seg trend__seg--high" style={{ inlineSize: `${(100 * d.high) / peak}%` }} />
                  <span className="trend__seg trend__seg--medium" style={{ inlineSize: `${(100 * d.medium) / peak}%` }} />
                  <span className="trend__seg trend__seg--low" style={{ inlineSize: `${(100 * d.low) / peak}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
