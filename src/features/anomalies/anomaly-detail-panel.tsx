import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { anomalyQueries } from './api.ts';
import { BandChart } from './band-chart.tsx';
import { ChangesList } from './changes-list.tsx';
import { FeedbackForm } from './feedback-form.tsx';
import { auditHref, durationLabel, formatValue, KIND_LABEL, searchHref, subjectLabel } from './model.ts';
import { ScoreBadge } from './score-badge.tsx';
import { readAnomaliesState, writeAnomaliesState } from './url.ts';

const BASIS_TEXT = { hour_of_week: 'same hours of the week, past 4 weeks', hour_of_day: 'same hours of similar days, past 2 weeks', history: 'the week before (short history)' };

export function AnomalyDetailPanel({ id, zone, onClose }: { id: string; zone: TimeZoneMode; onClose: () => void }) {
  const [params, setParams] = useSearchParams();
  const { changesWindow } = readAnomaliesState(params);
  // Another look-back window for the same anomaly keeps the detail on screen while it loads.
  const detail = useQuery({ ...anomalyQueries.detail(id, changesWindow), placeholderData: (previous, query) => (query?.queryKey[2] === id ? previous : undefined) });
  const data = detail.data;
  const a = data?.anomaly;
  return (
    <Panel
      title={a ? `${subjectLabel(a.subject)} · ${KIND_LABEL[a.kind]}` : 'Anomaly'}
      actions={
        <Button variant="ghost" onClick={onClose} aria-label="Close the anomaly">
          Close
        </Button>
      }
    >
      {detail.isPending ? (
        <LoadingState label="Explaining the anomaly…" />
      ) : detail.isError ? (
        <ErrorState title="Could not load the anomaly" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : data && a ? (
        <div className="anomaly-detail">
          <div className="anomaly-detail__facts">
            <ScoreBadge score={a.score} muted={a.feedback?.verdict === 'expected'} />
            <dl>
              <dt>When</dt>
              <dd className="numeric">
                {formatDateTime(a.start, zone, { seconds: false })} for {durationLabel(a.end - a.start)}
                {zone === 'utc' ? ' UTC' : ''}
              </dd>
              <dt>Actual</dt>
              <dd className="numeric">
                {formatValue(a.actual, a.unit)} {a.unit === 'ratio' ? 'errors' : a.unit} ({a.direction === 'up' ? 'above' : 'below'} the band)
              </dd>
              <dt>Expected</dt>
              <dd className="numeric">
                {formatValue(a.expected, a.unit)} (band {formatValue(a.lower, a.unit)} – {formatValue(a.upper, a.unit)}; {a.deviation} σ)
              </dd>
              <dt>Baseline</dt>
              <dd>{BASIS_TEXT[a.basis]}</dd>
            </dl>
          </div>
          <BandChart anomaly={a} zone={zone} />
          <section aria-label="Explanation" className="anomaly-detail__section">
            <h3>What happened</h3>
            <p className="anomaly-detail__sentence">{data.explanation.sentence}</p>
            {data.explanation.contributors.length > 0 && (
              <table className="data-table contributors">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Value</th>
                    <th scope="col" className="numeric">
                      In the window
                    </th>
                    <th scope="col" className="numeric">
                      Baseline
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.explanation.contributors.map((c) => (
                    <tr key={`${c.field}|${c.value}`}>
                      <td>{c.field}</td>
                      <td className="contributors__value">{c.value}</td>
                      <td className="numeric">{c.actual}</td>
                      <td className="numeric">{c.baseline}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {data.explanation.baselineFrom !== null && (
              <p className="anomaly-detail__note">
                Baseline: {formatDateTime(data.explanation.baselineFrom, zone, { seconds: false })} – {formatDateTime(data.explanation.baselineTo!, zone, { seconds: false })}; {data.explanation.examined}{' '}
                {data.explanation.complete ? 'records examined (all of them)' : 'newest records examined (not all)'}.
              </p>
            )}
            <div className="anomaly-detail__links">
              {data.links.search && (
                <Link className="button button--primary" to={searchHref(data.links.search, params)}>
                  Open in Search
                </Link>
              )}
              {data.links.audit && (
                <Link className="button button--primary" to={auditHref(data.links.audit, params)}>
                  Open in Audit trail
                </Link>
              )}
            </div>
          </section>
          <ChangesList
            changes={data.changes}
            zone={zone}
            window={changesWindow}
            updating={detail.isPlaceholderData}
            onWindowChange={(minutes) => setParams((prev) => writeAnomaliesState(prev, { changesWindow: minutes }), { replace: true })}
          />
          <section aria-label="Feedback" className="anomaly-detail__section">
            <h3>Your verdict</h3>
            <FeedbackForm key={a.id} anomaly={a} zone={zone} />
          </section>
        </div>
      ) : null}
    </Panel>
  );
}
