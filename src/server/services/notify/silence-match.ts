/**
 * Whether a silence or maintenance window holds an alert back at a moment. Pure: the notifier,
 * the backtest and the routes share it.
 */
import type { LabelMatcher, Recurrence } from '../../../contract/index.ts';
import type { AlertTransition } from '../alerts/transition.ts';

export interface SilenceRule {
  id: string;
  matchers: readonly LabelMatcher[];
  startsAt: number;
  endsAt: number;
  recurrence?: Recurrence | undefined;
  /** Ended early by someone. */
  expiredAt?: number | undefined;
}

const MINUTE = 60_000;
const WEEK_MINUTES = 7 * 24 * 60;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes since Sunday 00:00 in the zone's wall-clock time. */
function minuteOfWeek(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return (WEEKDAYS[get('weekday')] ?? 0) * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
}

/** The labels matchers see: the alert's own plus alertname, severity and ruleId. */
export function matchLabels(alert: Pick<AlertTransition, 'labels' | 'ruleName' | 'severity' | 'ruleId'>): Record<string, string> {
  return { ...alert.labels, alertname: alert.ruleName, severity: alert.severity, ruleId: alert.ruleId };
}

export function matchesLabels(matchers: readonly LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => ((labels[m.label] ?? '') === m.value) === (m.op === '='));
}

/** When the occurrence active at `at` ends; null when the silence is not active then. */
export function activeUntil(silence: SilenceRule, at: number): number | null {
  const end = Math.min(silence.endsAt, silence.expiredAt ?? Infinity);
  if (at < silence.startsAt || at >= end) return null;
  const r = silence.recurrence;
  if (!r) return end;
  const now = minuteOfWeek(at, r.timeZone);
  for (const weekday of r.weekdays) {
    const delta = (((now - (weekday * 1440 + r.startMinute)) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    if (delta < r.durationMinutes) {
      const seconds = new Date(at).getUTCSeconds() * 1000 + new Date(at).getUTCMilliseconds();
      return Math.min(end, at - seconds + (r.durationMinutes - delta) * MINUTE);
    }
  }
  return null;
}

/** The first silence holding this alert back at `at`, if any. */
export function findSilence(
  silences: readonly SilenceRule[],
  alert: Pick<AlertTransition, 'labels' | 'ruleName' | 'severity' | 'ruleId'>,
  at: number,
): { silence: SilenceRule; until: number } | null {
  const labels = matchLabels(alert);
  for (const silence of silences) {
    if (!matchesLabels(silence.matchers, labels)) continue;
    const until = activeUntil(silence, at);
    if (until !== null) return { silence, until };
  }
  return null;
}
