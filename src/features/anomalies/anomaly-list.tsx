import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { SegmentedControl } from '../../components/segmented-control.tsx';
import type { AnomalyKind, AnomalyList as AnomalyListData } from '../../contract/schemas/anomalies.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { durationLabel, KIND_LABEL, subjectLabel } from './model.ts';
import { ScoreBadge } from './score-badge.tsx';
import type { AnomaliesState } from './url.ts';

export interface AnomalyListProps {
  list: UseQueryResult<AnomalyListData>;
  state: AnomaliesState;
  zone: TimeZoneMode;
  onChange: (patch: Partial<AnomaliesState>) => void;
}

const KIND_OPTIONS = [{ value: 'all', label: 'All' }, ...Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))];
const SCORE_FLOORS = [0, 50, 80];

/** Anomalies ranked by score: badge, subject, when, how long, and one line on what happened. */
export function AnomalyList({ list, state, zone, onChange }: AnomalyListProps) {
  const data = list.data;
  return (
    <Panel
      title="Ranked by score"
      meta={data ? `${data.anomalies.length}${data.complete ? '' : '+'} anomalies` : undefined}
      actions={
        <div className="anomaly-filters">
          <SegmentedControl legend="Kind" value={state.kind ?? 'all'} options={KIND_OPTIONS} onChange={(v) => onChange({ kind: v === 'all' ? null : (v as AnomalyKind) })} />
          <label className="anomaly-filters__floor">
            Score from
            <select value={state.minScore} onChange={(e) => onChange({ minScore: Number(e.target.value) })}>
              {SCORE_FLOORS.map((floor) => (
                <option key={floor} value={floor}>
                  {floor}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      {list.isPending ? (
        <LoadingState label="Loading anomalies…" />
      ) : list.isError ? (
        <ErrorState title="Could not load anomalies" error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.anomalies.length === 0 ? (
        <EmptyState title="No anomalies">Nothing scored {state.minScore} or more in this range. Lower the score floor or widen the range.</EmptyState>
      ) : data ? (
        <>
          <ol className="anomaly-list" aria-label="Anomalies by score">
            {data.anomalies.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className={`anomaly-row${a.id === state.id ? ' anomaly-row--selected' : ''}${a.feedback?.verdict === 'expected' ? ' anomaly-row--muted' : ''}`}
                  aria-current={a.id === state.id ? 'true' : undefined}
                  onClick={() => onChange({ id: a.id })}
                >
                  <ScoreBadge score={a.score} muted={a.feedback?.verdict === 'expected'} />
                  <span className="anomaly-row__main">
                    <span className="anomaly-row__subject">
                      {subjectLabel(a.subject)} <span className="anomaly-row__kind">{KIND_LABEL[a.kind]}</span>
                      {a.feedback && <span className={`verdict verdict--${a.feedback.verdict}`}>{a.feedback.verdict}</span>}
                    </span>
                    <span className="anomaly-row__summary">{a.summary}</span>
                  </span>
                  <span className="anomaly-row__when numeric">
                    {formatDateTime(a.start, zone, { seconds: false })}
                    <span className="anomaly-row__duration">{durationLabel(a.end - a.start)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {!data.complete && <p className="anomaly-list__more">Showing the {data.anomalies.length} highest scores; raise the score floor or narrow the range to see the rest.</p>}
        </>
      ) : null}
    </Panel>
  );
}
