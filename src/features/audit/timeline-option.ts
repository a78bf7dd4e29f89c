/**
 * The timeline as an ECharts option. With single operations ("points") it is a scatter plot, one
 * lane per service or user, one series per rating drawn in rating order so incidents lie on top
 * and larger. Beyond the server's point limit it becomes stacked counts per bucket, with a marker
 * above every bucket holding an incident so that one incident among thousands still shows.
 * Colours are CSS tokens the chart wrapper resolves per theme.
 */
import { TIME_BRUSH, tooltipText } from '../../components/chart-options.ts';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { BrushComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { TraceTimeline } from '../../contract/schemas/trace-query.ts';
import { TRACE_RATINGS, type TraceRating } from '../../contract/schemas/traces.ts';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { bucketSeries, canvasText, layoutLanes, type LaneLayout, type TimelinePoint } from './timeline-model.ts';
import type { LaneBy } from './url.ts';

export type TimelineOption = ComposeOption<
  ScatterSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | BrushComponentOption | LegendComponentOption
>;

export const RATING_COLOR: Record<TraceRating, string> = {
  normal: 'var(--timeline-normal)',
  warning: 'var(--timeline-warning)',
  incident: 'var(--timeline-incident)',
};
const SYMBOL_SIZE: Record<TraceRating, number> = { normal: 5, warning: 7, incident: 11 };
const LANE_HEIGHT = 22;

/** What a click on the chart (or a keyboard user on its hotspot) does. */
export type TimelineAction = { kind: 'open'; traceId: string } | { kind: 'zoom'; from: number; to: number };

/**
 * A spot on the canvas that matters: an incident point, or a bucket holding incidents. The view
 * puts a focusable button over each, so keyboard and screen-reader users reach what the canvas
 * only draws.
 */
export interface TimelineTarget {
  key: string;
  /** Data coordinates: time and lane index (points) or bucket count (counts). */
  x: number;
  y: number;
  label: string;
  action: TimelineAction;
}

/** More hotspots than this would be a wall of tab stops; the table covers the rest. */
export const MAX_TARGETS = 60;

export interface TimelineChart {
  option: TimelineOption;
  /** Incidents to reach from the keyboard, at most MAX_TARGETS. */
  targets: TimelineTarget[];
  /** What a click on series `seriesIndex`, item `dataIndex` does; null for nothing. */
  actionAt: (seriesIndex: number, dataIndex: number) => TimelineAction | null;
  height: number;
  /** A sentence saying what the chart shows: its accessible name. */
  summary: string;
  layout: LaneLayout | null;
}

function ratingTotals(timeline: TraceTimeline): Record<TraceRating, number> {
  const totals: Record<TraceRating, number> = { normal: 0, warning: 0, incident: 0 };
  for (const bucket of timeline.buckets) for (const rating of TRACE_RATINGS) totals[rating] += bucket[rating];
  return totals;
}

function timeLabel(value: number, span: number, zone: TimeZoneMode): string {
  const text = formatDateTime(value, zone, { seconds: span < 600_000 });
  if (span > 2 * 86_400_000) return text.slice(5, 16);
  return text.slice(11);
}

function pointTooltip(point: TimelinePoint, zone: TimeZoneMode): string {
  const lines = [
    `<b>${tooltipText(point.trace_name)}</b> · ${tooltipText(point.trace_rating)}`,
    `${tooltipText(formatDateTime(point.time, zone))}${zone === 'utc' ? ' UTC' : ''}`,
    `${tooltipText(point.service_type)}${point.user !== undefined ? ` · ${tooltipText(point.user)}` : ''}${point.source_ip !== undefined ? ` · ${tooltipText(point.source_ip)}` : ''}`,
  ];
  return lines.join('<br/>');
}

const axisText = { color: 'var(--text-muted)', fontSize: 11 };

function baseOption(timeline: TraceTimeline, zone: TimeZoneMode, legend: string[]): TimelineOption {
  const span = timeline.to - timeline.from;
  return {
    animation: false,
    useUTC: zone === 'utc',
    legend: { show: true, right: 0, top: 0, itemWidth: 10, itemHeight: 10, textStyle: axisText, data: legend, selectedMode: false },
    brush: TIME_BRUSH,
    xAxis: {
      type: 'time',
      min: timeline.from,
      max: timeline.to,
      axisLine: { lineStyle: { color: 'var(--border-strong)' } },
      axisLabel: { ...axisText, hideOverlap: true, formatter: (value: number) => timeLabel(value, span, zone) },
      splitLine: { show: false },
    },
  };
}

function pointsChart(timeline: TraceTimeline, by: LaneBy, zone: TimeZoneMode): TimelineChart {
  const layout = layoutLanes(timeline.points, by);
  // The points are every match, so they count exactly, also in windows cut off the bucket grid.
  const totals = Object.fromEntries(TRACE_RATINGS.map((rating) => [rating, layout.series[rating].points.length])) as Record<TraceRating, number>;
  const names = TRACE_RATINGS.map((rating) => `${rating} ${formatCount(totals[rating])}`);
  const series: ScatterSeriesOption[] = TRACE_RATINGS.map((rating, index) => ({
    type: 'scatter',
    name: names[index],
    data: layout.series[rating].xy as unknown as ScatterSeriesOption['data'],
    dimensions: ['time', 'lane'],
    symbolSize: SYMBOL_SIZE[rating],
    itemStyle: { color: RATING_COLOR[rating], opacity: rating === 'normal' ? 0.55 : 0.95 },
    // Large mode draws all points as one path and progressive rendering spreads the work over
    // frames: what keeps 100,000 points smooth. Rarer ratings stay below the threshold and keep
    // per-point hover.
    large: true,
    largeThreshold: 2_000,
    progressive: 20_000,
    progressiveThreshold: 20_000,
    progressiveChunkMode: 'mod',
    emphasis: { scale: 1.6 },
    z: 2 + index,
  }));
  const laneCount = Math.max(1, layout.lanes.length);
  const incidents = layout.series.incident;
  const targets: TimelineTarget[] =
    incidents.points.length > MAX_TARGETS
      ? []
      : incidents.points.map((point, index) => ({
          key: point.trace_id,
          x: point.time,
          y: incidents.xy[index * 2 + 1]!,
          label: `Incident ${canvasText(point.trace_name)} at ${formatDateTime(point.time, zone)}${zone === 'utc' ? ' UTC' : ''}${point.user !== undefined ? ` by ${canvasText(point.user)}` : ''}`,
          action: { kind: 'open', traceId: point.trace_id },
        }));
  return {
    layout,
    targets,
    height: Math.min(560, Math.max(180, laneCount * LANE_HEIGHT + 72)),
    actionAt: (seriesIndex, dataIndex) => {
      const rating = TRACE_RATINGS[seriesIndex];
      const point = rating ? layout.series[rating].points[dataIndex] : undefined;
      return point ? { kind: 'open', traceId: point.trace_id } : null;
    },
    summary: `${formatCount(timeline.total)} operations as points on ${layout.lanes.length} lanes by ${by}: ${formatCount(totals.incident)} incidents, ${formatCount(totals.warning)} warnings`,
    option: {
      ...baseOption(timeline, zone, names),
      grid: { left: 8, right: 12, top: 28, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'item',
        confine: true,
        backgroundColor: 'var(--surface-raised)',
        borderColor: 'var(--border-strong)',
        textStyle: { color: 'var(--text)', fontSize: 12 },
        formatter: (params: unknown) => {
          const { seriesIndex, dataIndex } = params as { seriesIndex: number; dataIndex: number };
          const rating = TRACE_RATINGS[seriesIndex];
          const point = rating ? layout.series[rating].points[dataIndex] : undefined;
          return point ? pointTooltip(point, zone) : '';
        },
      },
      yAxis: {
        type: 'category',
        data: layout.lanes.map(canvasText),
        inverse: true,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { ...axisText, width: 150, overflow: 'truncate' },
        splitLine: { show: true, lineStyle: { color: 'var(--border)' } },
      },
      series,
    },
  };
}

function countsChart(timeline: TraceTimeline, zone: TimeZoneMode): TimelineChart {
  const { series: perRating } = bucketSeries(timeline);
  const totals = ratingTotals(timeline);
  const names = TRACE_RATINGS.map((rating) => `${rating} ${formatCount(totals[rating])}`);
  const bars: BarSeriesOption[] = TRACE_RATINGS.map((rating, index) => ({
    type: 'bar',
    name: names[index],
    stack: 'rating',
    data: perRating[rating],
    itemStyle: { color: RATING_COLOR[rating] },
    barCategoryGap: '10%',
    emphasis: { disabled: true },
  }));
  const half = timeline.bucket_ms / 2;
  const flagged = timeline.buckets.filter((bucket) => bucket.incident > 0);
  const zoomInto = (start: number): TimelineAction => ({
    kind: 'zoom',
    from: Math.max(timeline.from, start),
    to: Math.min(timeline.to, start + timeline.bucket_ms),
  });
  const markers: ScatterSeriesOption = {
    type: 'scatter',
    name: names[2],
    data: flagged.map((bucket) => [bucket.start + half, bucket.normal + bucket.warning + bucket.incident]),
    symbol: 'triangle',
    symbolRotate: 180,
    symbolSize: 10,
    symbolOffset: [0, -10],
    itemStyle: { color: RATING_COLOR.incident },
    cursor: 'zoom-in',
    z: 5,
  };
  const byStart = new Map(timeline.buckets.map((bucket) => [bucket.start + half, bucket]));
  const targets: TimelineTarget[] = flagged.slice(0, MAX_TARGETS).map((bucket) => {
    const span = zoomInto(bucket.start) as Extract<TimelineAction, { kind: 'zoom' }>;
    return {
      key: String(bucket.start),
      x: bucket.start + half,
      y: bucket.normal + bucket.warning + bucket.incident,
      label: `Zoom in: ${formatCount(bucket.incident)} ${bucket.incident === 1 ? 'incident' : 'incidents'} from ${formatDateTime(span.from, zone)} to ${formatDateTime(span.to, zone)}${zone === 'utc' ? ' UTC' : ''}`,
      action: span,
    };
  });
  return {
    layout: null,
    targets,
    height: 220,
    // Bars and markers: a click zooms into its bucket (series 0-2 are the bars, 3 the markers).
    actionAt: (seriesIndex, dataIndex) => {
      const bucket = seriesIndex === TRACE_RATINGS.length ? flagged[dataIndex] : timeline.buckets[dataIndex];
      return bucket ? zoomInto(bucket.start) : null;
    },
    summary: `${formatCount(timeline.total)} operations counted per bucket: ${formatCount(totals.incident)} incidents, ${formatCount(totals.warning)} warnings`,
    option: {
      ...baseOption(timeline, zone, names),
      grid: { left: 8, right: 12, top: 36, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        backgroundColor: 'var(--surface-raised)',
        borderColor: 'var(--border-strong)',
        textStyle: { color: 'var(--text)', fontSize: 12 },
        formatter: (params: unknown) => {
          const first = Array.isArray(params) ? (params[0] as { value?: [number, number] } | undefined) : undefined;
          const bucket = first?.value ? byStart.get(first.value[0]) : undefined;
          if (!bucket) return '';
          const start = formatDateTime(bucket.start, zone);
          const lines = [`${start} – ${formatDateTime(bucket.start + timeline.bucket_ms, zone).slice(11)}${zone === 'utc' ? ' UTC' : ''}`];
          for (const rating of TRACE_RATINGS) if (bucket[rating] > 0) lines.push(`${rating}: ${formatCount(bucket[rating])}`);
          return lines.map(tooltipText).join('<br/>');
        },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitNumber: 3,
        splitLine: { lineStyle: { color: 'var(--border)' } },
        axisLabel: axisText,
      },
      series: [...bars, markers],
    },
  };
}

export function timelineChart(timeline: TraceTimeline, by: LaneBy, zone: TimeZoneMode): TimelineChart {
  return timeline.detail === 'points' ? pointsChart(timeline, by, zone) : countsChart(timeline, zone);
}
