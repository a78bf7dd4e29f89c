import { BRUSH_CURSOR_ACTION } from '../../components/chart-options.ts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Chart, type ChartEventHandler } from '../../components/chart.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import type { LogHistogram } from '../../contract/schemas/log-search.ts';
import { formatCount, type TimeZoneMode } from '../../lib/format.ts';
import { brushedWindow, histogramBars, histogramOption, histogramSummary } from './histogram-option.ts';
import { histogramNote } from './status.ts';

export interface SearchHistogramProps {
  histogram: UseQueryResult<LogHistogram>;
  enabled: boolean;
  zone: TimeZoneMode;
  /** The analyst brushed a span of bars: search that window. */
  onZoom: (from: number, to: number) => void;
}

const HEIGHT = 120;

interface BrushEndParams {
  areas?: Array<{ coordRange?: [number, number] }>;
}

/** Matching lines per time bucket, stacked by level; drag across bars to zoom into them. */
export function SearchHistogram({ histogram, enabled, zone, onZoom }: SearchHistogramProps) {
  const data = histogram.data;
  const option = useMemo(() => (data ? histogramOption(data, zone) : null), [data, zone]);
  const events = useMemo((): Record<string, ChartEventHandler> => {
    const bars = data ? histogramBars(data) : [];
    return {
      brushEnd: (params, chart) => {
        const range = (params as BrushEndParams).areas?.[0]?.coordRange;
        // Clear the selection: the new window replaces the chart anyway, and a stale band would mislead.
        chart.dispatchAction({ type: 'brush', areas: [] });
        const window = range ? brushedWindow(bars, Math.round(range[0]), Math.round(range[1])) : null;
        if (window) onZoom(window.from, window.to);
      },
    };
  }, [data, onZoom]);

  const note = data ? histogramNote(data, zone) : null;
  return (
    <section className={`histogram${histogram.isPlaceholderData ? ' histogram--updating' : ''}`} aria-label="Lines over time" aria-busy={histogram.isFetching}>
      <div className="histogram__header">
        <h2 className="histogram__title">Lines over time</h2>
        {data && <span className="histogram__total numeric">{formatCount(data.total)} matching</span>}
        {note && <span className="histogram__note">{note}</span>}
        <span className="histogram__hint">Drag across bars to zoom in</span>
      </div>
      {!enabled ? (
        <div className="histogram__placeholder" style={{ blockSize: `${HEIGHT}px` }} />
      ) : histogram.isError && !data ? (
        <ErrorState title="Could not count lines over time" error={histogram.error} onRetry={() => void histogram.refetch()} />
      ) : option && data ? (
        <Chart
          option={option}
          label={histogramSummary(data, zone)}
          height={HEIGHT}
          events={events}
          onRender={(chart) =>
            // Dragging draws a horizontal selection without first picking a tool from a toolbox.
            chart.dispatchAction(BRUSH_CURSOR_ACTION)
          }
        />
      ) : (
        <div className="histogram__placeholder" style={{ blockSize: `${HEIGHT}px` }} aria-label="Counting lines over time" />
      )}
    </section>
  );
}
