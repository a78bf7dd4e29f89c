import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import type { AnomalySummary } from '../../contract/schemas/anomalies.ts';
import { formatDate, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { heatRows, KIND_LABEL, severityOf } from './model.ts';

export interface HeatStripProps {
  summary: UseQueryResult<AnomalySummary>;
  zone: TimeZoneMode;
  selected: string | null;
  onOpen: (id: string) => void;
}

/** Streams and audit subjects x days, each cell coloured by the day's highest score; click to open it. */
export function HeatStrip({ summary, zone, selected, onOpen }: HeatStripProps) {
  const data = summary.data;
  const grid = data ? heatRows(data) : null;
  return (
    <Panel
      title="Where and when"
      meta={data ? `judged until ${formatDateTime(data.evaluatedUntil, zone, { seconds: false })}${zone === 'utc' ? ' UTC' : ''}` : undefined}
    >
      {summary.isPending ? (
        <LoadingState label="Judging every series…" />
      ) : summary.isError ? (
        <ErrorState title="Could not load the overview" error={summary.error} onRetry={() => void summary.refetch()} />
      ) : grid && grid.rows.length === 0 ? (
        <EmptyState title="Nothing unusual in this range">Every stream and user stayed within its expected band.</EmptyState>
      ) : grid ? (
        <div className="heat" role="table" aria-label="Highest anomaly score per subject and day">
          <div className="heat__row heat__row--head" role="row">
            <span className="heat__subject" role="columnheader">
              Subject
            </span>
            {grid.days.map((day) => (
              <span key={day} className="heat__day" role="columnheader" title={formatDate(day, 'utc')}>
                {new Date(day).getUTCDate()}
              </span>
            ))}
          </div>
          {grid.rows.map((row) => (
            <div className="heat__row" role="row" key={`${row.kind}|${row.subject}`}>
              <span className="heat__subject" role="rowheader" title={`${row.subject} · ${KIND_LABEL[row.kind]}`}>
                <span className="heat__name">{row.subject}</span>
                <span className="heat__kind">{KIND_LABEL[row.kind]}</span>
              </span>
              {row.cells.map((cell, i) =>
                cell ? (
                  <button
                    key={grid.days[i]}
                    type="button"
                    role="cell"
                    className={`heat__cell heat__cell--${severityOf(cell.maxScore)}${cell.anomalyId === selected ? ' heat__cell--selected' : ''}`}
                    style={{ opacity: 0.35 + (0.65 * cell.maxScore) / 100 }}
                    aria-label={`${row.subject}, ${KIND_LABEL[row.kind]}, ${formatDate(cell.day, 'utc')}: score ${cell.maxScore}, ${cell.count} anomal${cell.count === 1 ? 'y' : 'ies'}`}
                    title={`score ${cell.maxScore} · ${cell.count} anomal${cell.count === 1 ? 'y' : 'ies'}`}
                    onClick={() => onOpen(cell.anomalyId)}
                  />
                ) : (
                  <span key={grid.days[i]} role="cell" className="heat__cell heat__cell--none" />
                ),
              )}
            </div>
          ))}
          {grid.hidden > 0 && <p className="heat__more">{grid.hidden} more subjects with lower scores are in the list below.</p>}
          <p className="heat__legend">Days in UTC. Colour: highest score that day (red 80+, amber 50–79, blue below 50).</p>
        </div>
      ) : null}
    </Panel>
  );
}
