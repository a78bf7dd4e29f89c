import { Link } from 'react-router';
import { Chart } from '../../components/chart.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import type { AlertConditionType, Backtest } from '../../contract/schemas/alert-rules.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { backtestOption, evidenceLabel, formatDuration } from './model.ts';

export interface BacktestPanelProps {
  backtest: Backtest | undefined;
  type: AlertConditionType;
  zone: TimeZoneMode;
  fetching: boolean;
  error: unknown;
  /** Why no backtest runs (the draft is invalid), if so. */
  blocked: string | null;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The rule replayed over the last 30 days: chart, figures, and every instance with its evidence. */
export function BacktestPanel({ backtest, type, zone, fetching, error, blocked }: BacktestPanelProps) {
  const fires = backtest?.instances.length ?? 0;
  return (
    <section className="backtest" aria-label="Backtest" aria-busy={fetching}>
      <header className="backtest__header">
        <h3>Backtest: last 30 days</h3>
        <span className="backtest__status" data-testid="backtest-status">
          {blocked ? 'waiting for a valid rule' : fetching ? 'replaying…' : backtest ? (backtest.complete ? 'complete' : 'incomplete') : ''}
        </span>
      </header>
      {blocked && <p className="rule-note">{blocked}</p>}
      {error !== null && error !== undefined && !blocked && <ErrorState title="The backtest failed" error={error} />}
      {backtest && (
        <>
          <dl className="backtest__figures">
            <div>
              <dt>Would have fired</dt>
              <dd data-testid="backtest-fires">{fires === 1 ? '1 time' : `${fires} times`}</dd>
            </div>
            <div>
              <dt>Firing in total</dt>
              <dd>{formatDuration(backtest.totalFiringMs)}</dd>
            </div>
            <div>
              <dt>Busiest day</dt>
              <dd>{Math.max(0, ...backtest.firesPerDay.map((d) => d.fires))} fires</dd>
            </div>
            <div>
              <dt>Flapping</dt>
              <dd>{backtest.flapping}</dd>
            </div>
            <div>
              <dt>Notifications</dt>
              <dd title={backtest.notificationsNote ?? undefined} data-testid="backtest-notifications">
                {backtest.notifications ?? 'not planned'}
              </dd>
            </div>
          </dl>
          {backtest.noiseWarning && (
            <p className="backtest__warning" role="status">
              Noisy: {backtest.noiseWarning}
            </p>
          )}
          {!backtest.complete && <p className="backtest__warning">Incomplete: {backtest.incompleteReason}</p>}
          {backtest.groupsCut > 0 && <p className="rule-note">{backtest.groupsCut} groups with the fewest lines were left out (group cap).</p>}
          {backtest.notificationsNote && <p className="rule-note">Notifications {backtest.notificationsNote}.</p>}
          {type === 'ratio' && (
            <p className="rule-note">
              The chart shows the share of lines; the rule fires when the share is over the threshold with 95 % confidence, so a few matching lines in a thin window do not fire it.
            </p>
          )}
          {type === 'anomaly' && <p className="rule-note">The chart shows the highest anomaly score of the kind and subject in the window; each subject alerts on its own.</p>}
          <Chart option={backtestOption(backtest, type, zone)} label="Watched value over the last 30 days with the threshold and the periods the rule would have fired" height={200} />
          <h4 className="backtest__subtitle">Instances</h4>
          {fires === 0 ? (
            <p className="rule-note">The rule would not have fired in this range.</p>
          ) : (
            <ol className="backtest__instances" data-testid="backtest-instances">
              {backtest.instances.slice(0, 200).map((instance) => (
                <li key={`${instance.groupKey}-${instance.start}`}>
                  <span className="backtest__when">
                    {formatDateTime(instance.start, zone, { seconds: false })} – {instance.end === null ? 'still firing' : formatDateTime(instance.end, zone, { seconds: false })}
                  </span>
                  {instance.groupKey !== '' && <code className="backtest__group">{Object.entries(instance.group).map(([k, v]) => `${k}=${v}`).join(' ')}</code>}
                  <span className="backtest__peak">peak {round(instance.peak)}</span>
                  <Link to={instance.evidencePath}>{evidenceLabel(instance.evidencePath)}</Link>
                </li>
              ))}
              {backtest.instances.length > 200 && <li>… and {backtest.instances.length - 200} more</li>}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
