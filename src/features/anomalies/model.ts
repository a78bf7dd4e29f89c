/**
 * Pure logic of the Anomalies view: labels, severities, the heat strip's grid, chart windows,
 * links into Search and the Audit trail, and the band chart's ECharts option.
 */
import { TIME_BRUSH, tooltipText } from '../../components/chart-options.ts';
import type { Anomaly, AnomalyDetail, AnomalyKind, AnomalySeries, AnomalySubject, AnomalySummary } from '../../contract/schemas/anomalies.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const KIND_LABEL: Record<AnomalyKind, string> = {
  log_volume: 'Log volume',
  log_error_ratio: 'Error ratio',
  audit_behaviour: 'Audit behaviour',
  audit_volume: 'Audit volume',
};

export type Severity = 'high' | 'medium' | 'low';

/** The same bands as the summary endpoint: high from 80, medium from 50. */
export function severityOf(score: number): Severity {
  return score >= 80 ? 'high' : score >= 50 ? 'medium' : 'low';
}

export function subjectLabel(subject: AnomalySubject): string {
  if ('group' in subject) return `${subject.group}/${subject.stream}`;
  if ('user' in subject) return subject.user;
  return subject.service;
}

export type SeriesRef = { kind: AnomalyKind } & Partial<Record<'group' | 'stream' | 'user' | 'service', string>>;

export function seriesRefOf(anomaly: Pick<Anomaly, 'kind' | 'subject'>): SeriesRef {
  return { kind: anomaly.kind, ...anomaly.subject };
}

export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * What the chart shows around an anomaly: a day before (hourly series: three), a few hours after
 * (the server stops the series at the last judged bucket).
 */
export function chartWindow(anomaly: Pick<Anomaly, 'start' | 'end' | 'bucketMs'>): { from: number; to: number } {
  const hourly = anomaly.bucketMs >= HOUR_MS;
  const from = anomaly.start - (hourly ? 3 * DAY_MS : DAY_MS);
  const to = anomaly.end + (hourly ? DAY_MS : 6 * HOUR_MS);
  return { from: from - (from % anomaly.bucketMs), to };
}

export interface HeatRow {
  subject: string;
  kind: AnomalyKind;
  /** One per day of the range; null: nothing unusual that day. */
  cells: (AnomalySummary['cells'][number] | null)[];
  maxScore: number;
}

/** Subjects x days, the most anomalous subjects first, at most `limit` rows. */
export function heatRows(summary: AnomalySummary, limit = 16): { days: number[]; rows: HeatRow[]; hidden: number } {
  const days = summary.days.map((d) => d.day);
  const index = new Map(days.map((day, i) => [day, i]));
  const rows = new Map<string, HeatRow>();
  for (const cell of summary.cells) {
    const key = `${cell.kind}|${cell.subject}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { subject: cell.subject, kind: cell.kind, cells: days.map(() => null), maxScore: 0 }));
    const i = index.get(cell.day);
    if (i !== undefined) row.cells[i] = cell;
    row.maxScore = Math.max(row.maxScore, cell.maxScore);
  }
  const sorted = [...rows.values()].sort((a, b) => b.maxScore - a.maxScore || (a.subject < b.subject ? -1 : 1));
  return { days, rows: sorted.slice(0, limit), hidden: Math.max(0, sorted.length - limit) };
}

/** Search with the anomaly's query, stream and window; `base` keeps the display zone. */
export function searchHref(link: NonNullable<AnomalyDetail['links']['search']>, base: URLSearchParams): string {
  const params = new URLSearchParams();
  if (base.get('tz')) params.set('tz', base.get('tz')!);
  if (link.q) params.set('q', link.q);
  params.set('stream', `${link.group}/${link.stream}`);
  params.set('from', String(link.from));
  params.set('to', String(link.to));
  return `/search?${params.toString()}`;
}

export function auditHref(link: NonNullable<AnomalyDetail['links']['audit']>, base: URLSearchParams): string {
  const params = new URLSearchParams();
  if (base.get('tz')) params.set('tz', base.get('tz')!);
  if (link.user) params.set('user', link.user);
  if (link.service) params.set('service', link.service);
  params.set('from', String(link.from));
  params.set('to', String(link.to));
  return `/audit?${params.toString()}`;
}

export function formatValue(value: number, unit: Anomaly['unit']): string {
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10} %`;
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

export const SCORE_COLORS: Record<Severity, string> = { high: 'var(--danger)', medium: 'var(--warning-text)', low: 'var(--accent)' };

/** Band (shaded between lower and upper), actual line, anomalous points coloured by score. */
export function bandChartOption(series: AnomalySeries, anomaly: Pick<Anomaly, 'start' | 'end'> | null, zone: TimeZoneMode) {
  const points = series.points;
  const ratio = series.unit === 'ratio';
  const lower = points.map((p) => [p.time, p.lower]);
  const width = points.map((p) => [p.time, p.upper === null || p.lower === null ? null : p.upper - p.lower]);
  const actual = points.map((p) => [p.time, p.actual]);
  const flagged = points.filter((p) => p.score > 0 && p.actual !== null);
  const show = (v: number | null) => (v === null ? '–' : formatValue(v, series.unit));
  const byTime = new Map(points.map((p) => [p.time, p]));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { right: 0, top: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: 'var(--text-muted)', fontSize: 11 }, data: ['actual', 'expected band', 'anomalous'] },
    brush: TIME_BRUSH,
    toolbox: { show: false },
    xAxis: {
      type: 'time',
      splitNumber: 5,
      axisLabel: { color: 'var(--text-muted)', hideOverlap: true, formatter: (value: number) => formatDateTime(value, zone, { seconds: false }).slice(5) },
      axisLine: { lineStyle: { color: 'var(--border-strong)' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(ratio ? { max: 1 } : {}),
      axisLabel: { color: 'var(--text-muted)', formatter: (v: number) => (ratio ? `${Math.round(v * 100)} %` : String(v)) },
      splitLine: { lineStyle: { color: 'var(--border)' } },
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params: Array<{ value: [number, number | null] }>) => {
        const p = byTime.get(params[0]?.value[0] ?? -1);
        if (!p) return '';
        const lines = [
          `${formatDateTime(p.time, zone)}${zone === 'utc' ? ' UTC' : ''}`,
          `actual: ${show(p.actual)}`,
          p.expected === null ? 'not evaluable (too little history)' : `expected: ${show(p.expected)} (band ${show(p.lower)} – ${show(p.upper)})`,
          `score: ${p.score}`,
        ];
        return lines.map(tooltipText).join('<br>');
      },
    },
    series: [
      { name: 'band-base', type: 'line', stack: 'band', data: lower, symbol: 'none', lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
      {
        name: 'expected band', type: 'line', stack: 'band', data: width, symbol: 'none', lineStyle: { opacity: 0 },
        areaStyle: { color: 'var(--accent-soft)', opacity: 1 }, itemStyle: { color: 'var(--accent-soft)' }, silent: true,
      },
      {
        name: 'actual', type: 'line', data: actual, symbol: 'none', connectNulls: false, lineStyle: { width: 1.5, color: 'var(--accent)' }, itemStyle: { color: 'var(--accent)' },
        ...(anomaly ? { markArea: { silent: true, itemStyle: { color: 'var(--danger-bg)' }, data: [[{ xAxis: anomaly.start }, { xAxis: anomaly.end }]] } } : {}),
      },
      {
        name: 'anomalous', type: 'scatter', symbolSize: 7, itemStyle: { color: 'var(--danger)' },
        data: flagged.map((p) => ({ value: [p.time, p.actual], itemStyle: { color: SCORE_COLORS[severityOf(p.score)] } })),
      },
    ],
  };
}
