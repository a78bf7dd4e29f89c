/**
 * The histogram as an ECharts option: one stacked bar series per level over the full bucket grid
 * of the window. Gaps are zero bars (the grid shows when nothing happened), and when the server
 * stopped counting early the buckets it did not reach are shaded "not counted" instead of being
 * drawn as zeros. Colours are CSS tokens (`var(--…)`) that the chart wrapper resolves per theme.
 */
import { TIME_BRUSH, tooltipText } from '../../components/chart-options.ts';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type {
  BrushComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { LogHistogram } from '../../contract/schemas/log-search.ts';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { compareLevels, levelColor } from './levels.ts';

export type HistogramOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | BrushComponentOption | LegendComponentOption | MarkAreaComponentOption
>;

export interface HistogramBar {
  start: number;
  end: number;
  count: number;
  byLevel: Readonly<Record<string, number>>;
  /** False for buckets older than where an incomplete count stopped. */
  counted: boolean;
}

/** A grid finer than this many bars is not drawn in full; the server's buckets are used as they are. */
const MAX_GRID = 2_000;

/** Every bucket of the window on the server's grid, filled with zeros where nothing matched. */
export function histogramBars(histogram: LogHistogram): HistogramBar[] {
  const { from, to, bucketMs } = histogram;
  const coveredFrom = histogram.complete ? null : (histogram.coveredFrom ?? null);
  const counted = (start: number) => coveredFrom === null || start >= coveredFrom;
  const byStart = new Map(histogram.buckets.map((bucket) => [bucket.start, bucket]));
  const first = Math.floor(from / bucketMs) * bucketMs;
  if ((to - first) / bucketMs > MAX_GRID) {
    return histogram.buckets.map((bucket) => ({ ...bucket, counted: counted(bucket.start) }));
  }
  const bars: HistogramBar[] = [];
  for (let gridStart = first; gridStart < to; gridStart += bucketMs) {
    const start = Math.max(gridStart, from);
    const bucket = byStart.get(start) ?? byStart.get(gridStart);
    bars.push({
      start,
      end: Math.min(gridStart + bucketMs, to),
      count: bucket?.count ?? 0,
      byLevel: bucket?.byLevel ?? {},
      counted: counted(start),
    });
  }
  return bars;
}

/** Levels present in the bars, most severe first. */
export function histogramLevels(bars: readonly HistogramBar[]): string[] {
  const levels = new Set<string>();
  for (const bar of bars) for (const [level, count] of Object.entries(bar.byLevel)) if (count > 0) levels.add(level);
  return [...levels].sort(compareLevels);
}

/** Axis label of a bar: the time of day, with the date when the window spans days. */
export function barLabel(bar: HistogramBar, bucketMs: number, spanMs: number, zone: TimeZoneMode): string {
  const text = formatDateTime(bar.start, zone, { seconds: bucketMs < 60_000 });
  if (bucketMs >= 86_400_000) return text.slice(0, 10);
  // Over more than a day a time alone is ambiguous (ECharts shows only some labels).
  return spanMs > 86_400_000 ? `${text.slice(5, 10)} ${text.slice(11)}` : text.slice(11);
}

/** The lines of a bar's tooltip, as plain text (escaped before ECharts sees them). */
export function tooltipLines(bar: HistogramBar, levels: readonly string[], zone: TimeZoneMode): string[] {
  const start = formatDateTime(bar.start, zone);
  const end = formatDateTime(bar.end, zone);
  // The end's date only when it differs, as for a bucket ending at midnight.
  const span = `${start} – ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}${zone === 'utc' ? ' UTC' : ''}`;
  if (!bar.counted) return [span, 'not counted: the count stopped before this bucket'];
  const perLevel = levels.filter((level) => (bar.byLevel[level] ?? 0) > 0).map((level) => `${level}: ${formatCount(bar.byLevel[level] ?? 0)}`);
  return [span, `${formatCount(bar.count)} lines`, ...perLevel];
}

/** The window a brush over bars `[first, last]` (indices, either order) selects. */
export function brushedWindow(bars: readonly HistogramBar[], a: number, b: number): { from: number; to: number } | null {
  const first = bars[Math.max(0, Math.min(a, b))];
  const last = bars[Math.min(bars.length - 1, Math.max(a, b))];
  return first && last ? { from: first.start, to: last.end } : null;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function histogramOption(histogram: LogHistogram, zone: TimeZoneMode): HistogramOption {
  const bars = histogramBars(histogram);
  const levels = histogramLevels(bars);
  const labels = bars.map((bar) => barLabel(bar, histogram.bucketMs, histogram.to - histogram.from, zone));
  const uncounted = bars.findLastIndex((bar) => !bar.counted);
  const series: BarSeriesOption[] = levels.map((level) => ({
    type: 'bar',
    name: level,
    stack: 'level',
    data: bars.map((bar) => bar.byLevel[level] ?? 0),
    itemStyle: { color: levelColor(level) },
    barCategoryGap: '12%',
    emphasis: { disabled: true },
    animation: false,
  }));
  if (uncounted >= 0) {
    // An empty series carries the shading, so it shows even when no level has data.
    series.push({
      type: 'bar',
      name: 'not counted',
      data: [],
      stack: 'level',
      markArea: {
        silent: true,
        itemStyle: { color: 'var(--chart-uncounted)' },
        label: { show: true, position: 'inside', color: 'var(--text-muted)', formatter: 'not counted' },
        data: [[{ xAxis: 0 }, { xAxis: uncounted }]],
      },
    });
  }
  return {
    animation: false,
    grid: { left: 8, right: 8, top: levels.length > 0 ? 28 : 12, bottom: 4, containLabel: true },
    legend: {
      show: levels.length > 0,
      right: 0,
      top: 0,
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: 'var(--text-muted)', fontSize: 11 },
      data: levels,
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      backgroundColor: 'var(--surface-raised)',
      borderColor: 'var(--border-strong)',
      textStyle: { color: 'var(--text)', fontSize: 12 },
      formatter: (params: unknown) => {
        const index = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined)?.dataIndex : undefined;
        const bar = index === undefined ? undefined : bars[index];
        return bar ? tooltipLines(bar, levels, zone).map(tooltipText).join('<br/>') : '';
      },
    },
    brush: TIME_BRUSH,
    xAxis: {
      type: 'category',
      // Categories are bar indices: labels repeat across days ("02:00"), categories must not.
      data: bars.map((_, index) => index),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: 'var(--border-strong)' } },
      axisLabel: { color: 'var(--text-muted)', fontSize: 11, hideOverlap: true, formatter: (_: string, index: number) => labels[index] ?? '' },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 3,
      splitLine: { lineStyle: { color: 'var(--border)' } },
      axisLabel: { color: 'var(--text-muted)', fontSize: 11, formatter: (value: number) => compact.format(value) },
    },
    series,
  };
}

/** A sentence for screen readers and tests: what the chart shows. */
export function histogramSummary(histogram: LogHistogram, zone: TimeZoneMode): string {
  const bars = histogramBars(histogram);
  const peak = bars.reduce<HistogramBar | undefined>((best, bar) => (bar.count > (best?.count ?? 0) ? bar : best), undefined);
  const parts = [`${formatCount(histogram.total)} lines over time`];
  if (peak) parts.push(`most at ${formatDateTime(peak.start, zone)} (${formatCount(peak.count)})`);
  if (!histogram.complete) parts.push('counted only in part');
  return parts.join(', ');
}
