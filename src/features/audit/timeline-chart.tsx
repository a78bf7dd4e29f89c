import { BRUSH_CURSOR_ACTION } from '../../components/chart-options.ts';
import { useMemo, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import { Chart, type ChartEventHandler } from '../../components/chart.tsx';
import type { TraceTimeline } from '../../contract/schemas/trace-query.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { timelineChart, type TimelineAction, type TimelineTarget } from './timeline-option.ts';
import type { LaneBy } from './url.ts';

/**
 * Performance entries a bench (or DevTools) can read: `audit-timeline:setOption` lasts from just
 * before ECharts' setOption to its return, `audit-timeline:render` until ECharts reports
 * `finished`, i.e. the last progressive chunk is drawn. Both carry the number of operations.
 */
export const TIMELINE_MARKS = { start: 'audit-timeline:start', setOption: 'audit-timeline:setOption', render: 'audit-timeline:render' } as const;

export interface TimelineChartProps {
  timeline: TraceTimeline;
  lanes: LaneBy;
  zone: TimeZoneMode;
  /** Opens the operation behind a clicked point; absent for callers who may not open one. */
  onOpen?: (traceId: string) => void;
  /** A window to zoom into: brushed, or the bucket of a clicked bar. */
  onZoom: (from: number, to: number) => void;
}

interface Hotspot {
  target: TimelineTarget;
  left: number;
  top: number;
}

function placeHotspots(instance: EChartsType, targets: readonly TimelineTarget[]): Hotspot[] {
  return targets.flatMap((target) => {
    const pixel = instance.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [target.x, target.y]) as number[] | undefined;
    return pixel && Number.isFinite(pixel[0]) && Number.isFinite(pixel[1]) ? [{ target, left: pixel[0]!, top: pixel[1]! }] : [];
  });
}

export function TimelineChart({ timeline, lanes, zone, onOpen, onZoom }: TimelineChartProps) {
  const chart = useMemo(() => timelineChart(timeline, lanes, zone), [timeline, lanes, zone]);
  const [hotspots, setHotspots] = useState<Hotspot[]>([]);
  const measuring = useRef(false);
  const detail = { operations: timeline.total, points: timeline.points.length, mode: timeline.detail };

  const act = (action: TimelineAction) => {
    if (action.kind === 'zoom') onZoom(action.from, action.to);
    else onOpen?.(action.traceId);
  };
  const targets = onOpen ? chart.targets : chart.targets.filter((target) => target.action.kind === 'zoom');
  const place = (instance: EChartsType) => {
    const next = placeHotspots(instance, targets);
    // 'finished' also follows hover redraws: keep React out of it unless something moved.
    setHotspots((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
  };

  const events: Record<string, ChartEventHandler> = {
    finished: (_params, instance) => {
      place(instance);
      if (!measuring.current) return;
      measuring.current = false;
      performance.measure?.(TIMELINE_MARKS.render, { start: TIMELINE_MARKS.start, detail });
    },
    brushEnd: (params, instance) => {
      const area = (params as { areas?: { coordRange?: [number, number] }[] }).areas?.[0];
      instance.dispatchAction({ type: 'brush', areas: [] });
      const range = area?.coordRange;
      if (!range) return;
      const from = Math.round(Math.min(range[0], range[1]));
      const to = Math.round(Math.max(range[0], range[1]));
      // A click without a drag is a click, not a zoom to nothing.
      if (to - from >= 1000) onZoom(from, to);
    },
    click: (params) => {
      const { componentType, seriesIndex, dataIndex } = params as { componentType?: string; seriesIndex?: number; dataIndex?: number };
      if (componentType !== 'series' || seriesIndex === undefined || dataIndex === undefined) return;
      const action = chart.actionAt(seriesIndex, dataIndex);
      if (action && (action.kind === 'zoom' || onOpen)) act(action);
    },
  };

  const beforeRender = () => {
    performance.mark?.(TIMELINE_MARKS.start, { detail });
    measuring.current = true;
  };
  const afterRender = (instance: EChartsType) => {
    performance.measure?.(TIMELINE_MARKS.setOption, { start: TIMELINE_MARKS.start, detail });
    // Dragging over the plot brushes a window to zoom into, without picking a tool first.
    instance.dispatchAction(BRUSH_CURSOR_ACTION);
  };

  return (
    <div className="timeline-chart">
      <Chart
        option={chart.option}
        label={`Timeline: ${chart.summary}`}
        height={chart.height}
        events={events}
        onBeforeRender={beforeRender}
        onRender={afterRender}
      />
      {hotspots.length > 0 && (
        <ul className="timeline-chart__hotspots" aria-label={onOpen ? 'Incidents on the timeline' : 'Buckets with incidents'}>
          {hotspots.map(({ target, left, top }) => (
            <li key={target.key}>
              <button
                type="button"
                className="timeline-chart__hotspot"
                style={{ left, top }}
                aria-label={target.label}
                onClick={() => act(target.action)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
