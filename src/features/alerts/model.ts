/**
 * Pure logic of the Alerts view: new-rule templates, a draft kept across the step-up sign-in,
 * and the backtest as a chart option (watched value, threshold line, shaded firing periods).
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, MarkAreaComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import { tooltipText } from '../../components/chart-options.ts';
import type { AlertConditionType, AlertRule, AlertRuleInputRaw, Backtest } from '../../contract/schemas/alert-rules.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';

export type BacktestOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption | MarkAreaComponentOption>;

const LOG_SCOPE = { query: '', logGroups: [], logStreams: [], windowSeconds: 300 };

export function templateCondition(type: AlertConditionType): AlertRuleInputRaw['condition'] {
  switch (type) {
    case 'query':
      return { type, ...LOG_SCOPE, query: 'level:ERROR', op: '>', threshold: 10, groupBy: null, maxGroups: 100 };
    case 'ratio':
      return { type, ...LOG_SCOPE, query: 'status>=500', totalQuery: '', op: '>', thresholdPercent: 5, minVolume: 50 };
    case 'absence':
      return { type, ...LOG_SCOPE, windowSeconds: 900 };
    case 'audit':
      return { type, windowSeconds: 60, traceNames: [], serviceTypes: [], resourceTypes: [], ratings: ['incident'], users: [], sourceIps: [], excludeSourceIps: [], succeededOnly: false, hoursUtc: null, op: '>=', threshold: 1 };
    case 'anomaly':
      // An hour: the audit kinds' bucket, and long enough for the log kinds' 5-minute buckets.
      return { type, kind: 'audit_behaviour', group: '', stream: '', user: '', service: '', minScore: 80, windowSeconds: 3600 };
  }
}

export function newRule(): AlertRuleInputRaw {
  return { name: '', description: '', enabled: true, severity: 'major', labels: {}, everySeconds: 60, pendingSeconds: 0, recoveryEvaluations: 1, condition: templateCondition('query'), channelIds: [] };
}

/** The editable part of a stored rule (what PUT takes), also from a list entry with its live state. */
export function editable(rule: AlertRule & Partial<Record<'firing' | 'pending' | 'lastEvaluatedAt' | 'lastError', unknown>>): AlertRuleInputRaw {
  const { id: _id, version: _v, etag: _e, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, firing: _f, pending: _p, lastEvaluatedAt: _l, lastError: _le, ...input } = rule;
  return input;
}

const DRAFT_KEY = 'vigil.alerts.draft.';

/** The draft survives the step-up round trip to the sign-in provider (same tab only). */
export function keepDraft(id: string, draft: { rule: AlertRuleInputRaw; etag: string | null }): void {
  sessionStorage.setItem(DRAFT_KEY + id, JSON.stringify(draft));
}

export function takeDraft(id: string): { rule: AlertRuleInputRaw; etag: string | null } | null {
  const text = sessionStorage.getItem(DRAFT_KEY + id);
  if (text === null) return null;
  sessionStorage.removeItem(DRAFT_KEY + id);
  try {
    return JSON.parse(text) as { rule: AlertRuleInputRaw; etag: string | null };
  } catch {
    return null;
  }
}

export function valueLabel(backtest: Pick<Backtest, 'threshold'>, type: AlertConditionType): string {
  if (type === 'ratio') return 'share of lines (%)';
  if (type === 'audit') return 'matching traces';
  if (type === 'anomaly') return 'anomaly score';
  return backtest.threshold === null ? 'value' : 'matching lines';
}

export function backtestOption(backtest: Backtest, type: AlertConditionType, zone: TimeZoneMode): BacktestOption {
  const label = valueLabel(backtest, type);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { value?: [number, number | null] } | undefined;
        const [time, value] = first?.value ?? [0, null];
        return `${tooltipText(formatDateTime(time, zone, { seconds: false }))}<br/>${tooltipText(label)}: ${value === null ? '–' : Math.round(value * 100) / 100}`;
      },
    },
    xAxis: { type: 'time', axisLabel: { color: 'var(--text-muted)' } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: 'var(--text-muted)' }, splitLine: { lineStyle: { color: 'var(--border)' } } },
    series: [
      {
        type: 'line',
        name: label,
        showSymbol: false,
        step: 'end',
        lineStyle: { width: 1.5, color: 'var(--accent)' },
        itemStyle: { color: 'var(--accent)' },
        data: backtest.series.times.map((time, index) => [time, backtest.series.values[index] ?? null]),
        markLine:
          backtest.threshold === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                label: { formatter: `threshold ${backtest.op} ${backtest.threshold}`, position: 'insideEndTop', color: 'var(--danger-text)' },
                lineStyle: { color: 'var(--danger-border)', type: 'dashed' },
                data: [{ yAxis: backtest.threshold }],
              },
        markArea: {
          silent: true,
          itemStyle: { color: 'var(--danger-bg)', opacity: 0.8 },
          data: backtest.instances.map((instance) => [{ xAxis: instance.start }, { xAxis: Math.max(instance.end ?? backtest.to, instance.start + backtest.stepMs) }]),
        },
      },
    ],
  };
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** Where an evidence link leads, by its path. */
export function evidenceLabel(path: string): string {
  if (path.startsWith('/audit')) return 'Audit trail';
  if (path.startsWith('/anomalies')) return 'Anomalies';
  return 'Search';
}
