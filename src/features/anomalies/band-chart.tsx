import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { BRUSH_CURSOR_ACTION } from '../../components/chart-options.ts';
import { Chart, type ChartEventHandler } from '../../components/chart.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import type { Anomaly } from '../../contract/schemas/anomalies.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { anomalyQueries } from './api.ts';
import { bandChartOption, chartWindow, KIND_LABEL, seriesRefOf, subjectLabel } from './model.ts';

interface BrushEndParams {
  areas?: Array<{ coordRange?: [number, number] }>;
}

/** The series around an anomaly: expected band, actual line, anomalous points; brush to zoom. */
export function BandChart({ anomaly, zone }: { anomaly: Anomaly; zone: TimeZoneMode }) {
  const initial = useMemo(() => chartWindow(anomaly), [anomaly]);
  const [window, setWindow] = useState(initial);
  const series = useQuery(anomalyQueries.series(seriesRefOf(anomaly), window.from, window.to));
  const option = useMemo(() => (series.data ? bandChartOption(series.data, anomaly, zone) : null), [series.data, anomaly, zone]);
  const events = useMemo(
    (): Record<string, ChartEventHandler> => ({
      brushEnd: (params, chart) => {
        const range = (params as BrushEndParams).areas?.[0]?.coordRange;
        chart.dispatchAction({ type: 'brush', areas: [] });
        // At least two buckets, so the zoomed chart still has a line to draw.
        if (range && range[1] - range[0] >= 2 * anomaly.bucketMs) setWindow({ from: Math.floor(range[0]), to: Math.ceil(range[1]) });
      },
    }),
    [anomaly.bucketMs],
  );
  const zoomed = window.from !== initial.from || window.to !== initial.to;
  return (
    <div className="band-chart">
      <div className="band-chart__header">
        <span className="band-chart__hint">Drag across the chart to zoom in</span>
        {zoomed && (
          <Button variant="ghost" onClick={() => setWindow(initial)}>
            Reset zoom
          </Button>
        )}
      </div>
      {series.isPending ? (
        <LoadingState label="Loading the series…" />
      ) : series.isError ? (
        <ErrorState title="Could not load the series" error={series.error} onRetry={() => void series.refetch()} />
      ) : option ? (
        <Chart
          option={option}
          label={`${KIND_LABEL[anomaly.kind]} of ${subjectLabel(anomaly.subject)} with its expected band`}
          height={220}
          events={events}
          onRender={(chart) => chart.dispatchAction(BRUSH_CURSOR_ACTION)}
        />
      ) : null}
    </div>
  );
}
