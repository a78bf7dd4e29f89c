/** Pure presentation logic of the Compliance view: labels and the trend chart's option. */
import type { EChartsCoreOption } from 'echarts/core';
import type { CheckStatus, ComplianceTrend, Schedule } from '../../contract/schemas/compliance.ts';

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', not_evaluable: 'Not evaluable' };

const STATUS_COLOR: Record<CheckStatus, string> = {
  pass: 'var(--success)',
  warn: 'var(--warning-text)',
  fail: 'var(--danger)',
  not_evaluable: 'var(--border-strong)',
};


export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every day of the window, so days without a snapshot show as gaps rather than being skipped. */
export function trendDays(from: number, to: number): number[] {
  const start = Math.floor(from / 86_400_000) * 86_400_000;
  const days: number[] = [];
  for (let day = start; day < to; day += 86_400_000) days.push(day);
  return days;
}

/**
 * Score line on top, one row of coloured squares per check below (the heat strip). Statuses are
 * drawn as data, so the tooltip names them in words as well as by colour.
 */
export function trendOption(trend: ComplianceTrend, checkTitles: Record<string, string>): EChartsCoreOption {
  const days = trendDays(trend.from, trend.to).map(isoDay);
  const byDay = new Map(trend.days.map((d) => [isoDay(d.day), d]));
  const checks = Object.keys(checkTitles);
  const strip = checks.flatMap((check, row) =>
    days.flatMap((day) => {
      const status = byDay.get(day)?.checks[check];
      return status ? [{ value: [day, row], status, itemStyle: { color: STATUS_COLOR[status] } }] : [];
    }),
  );
  return {
    animation: false,
    grid: [
      { left: 170, right: 16, top: 12, height: 90 },
      { left: 170, right: 16, top: 130, bottom: 28 },
    ],
    tooltip: { trigger: 'item', confine: true },
    xAxis: [
      { type: 'category', data: days, gridIndex: 0, axisLabel: { show: false } },
      { type: 'category', data: days, gridIndex: 1, axisLabel: { color: 'var(--text-muted)' } },
    ],
    yAxis: [
      { type: 'value', min: 0, max: 100, gridIndex: 0, name: 'score %', nameTextStyle: { color: 'var(--text-muted)' }, axisLabel: { color: 'var(--text-muted)' }, splitLine: { lineStyle: { color: 'var(--border)' } } },
      { type: 'category', data: checks.map((c) => checkTitles[c] ?? c), gridIndex: 1, inverse: true, axisLabel: { color: 'var(--text)' } },
    ],
    series: [
      {
        name: 'Score',
        type: 'line',
        xAxisIndex: 0,
        yAxisIndex: 0,
        connectNulls: false,
        data: days.map((day) => byDay.get(day)?.score ?? null),
        itemStyle: { color: 'var(--accent)' },
        tooltip: { valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value}%` : 'no snapshot') },
      },
      {
        name: 'Checks',
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: 'rect',
        symbolSize: [Math.max(4, Math.floor(600 / Math.max(days.length, 1))), 14],
        data: strip,
        tooltip: {
          formatter: (p: { data?: { value: [string, number]; status: CheckStatus } }) =>
            p.data ? `${checkTitles[checks[p.data.value[1]] ?? ''] ?? ''} · ${p.data.value[0]}: ${STATUS_LABEL[p.data.status]}` : '',
        },
      },
    ],
  };
}


/** A report schedule's last run in words: delivered, retrying with the error, failed, or not sent and why. */
export function scheduleDeliveryText(s: Pick<Schedule, 'lastRunAt' | 'lastError' | 'lastDelivery'>, when: (ms: number) => string): { text: string; tone: 'ok' | 'pending' | 'bad' | 'none' } {
  const d = s.lastDelivery;
  if (s.lastRunAt === null) return { text: 'not run yet', tone: 'none' };
  if (s.lastError !== null) return { text: `not sent ${when(s.lastRunAt)}: ${s.lastError}`, tone: 'bad' };
  if (!d) return { text: `queued ${when(s.lastRunAt)}`, tone: 'pending' };
  switch (d.status) {
    case 'delivered':
      return { text: `delivered ${when(d.deliveredAt ?? d.createdAt)}`, tone: 'ok' };
    case 'failed':
      return { text: `failed after ${d.attempts} attempt(s): ${d.lastError ?? 'no reason recorded'}`, tone: 'bad' };
    case 'silenced':
      return { text: 'held back', tone: 'bad' };
    case 'sending':
      return { text: `sending (attempt ${d.attempts})`, tone: 'pending' };
    default:
      return d.attempts === 0
        ? { text: `queued ${when(d.createdAt)}`, tone: 'pending' }
        : { text: `retrying (${d.attempts} attempt(s)${d.nextAttemptAt !== null ? `, next ${when(d.nextAttemptAt)}` : ''}): ${d.lastError ?? 'sending'}`, tone: 'pending' };
  }
}

/** While a pack is on its way, the schedules are read again so the row turns delivered or failed by itself. */
export function scheduleRefetchMs(schedules: readonly Pick<Schedule, 'lastDelivery'>[] | undefined): number | false {
  return schedules?.some((s) => s.lastDelivery?.status === 'pending' || s.lastDelivery?.status === 'sending') ? 3000 : false;
}
