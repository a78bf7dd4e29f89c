/**
 * Alerting in counts: what managers see of alerts (and analysts and admins too). Built from rules,
 * events and the outbox without handing out anything a count does not need: no rule names or
 * queries, no labels or groups, no channels.
 */
import { ALERT_SEVERITIES, type AlertSummary, type SeverityCounts } from '../../contract/index.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { AlertEvents } from '../state/alert-events.ts';
import type { AlertRules } from '../state/alert-rules.ts';
import type { NotifyOutbox } from '../state/notify-outbox.ts';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

export interface AlertSummaryDeps {
  rules: AlertRules;
  events: AlertEvents;
  outbox: NotifyOutbox;
  now: () => number;
}

const zero = (): SeverityCounts => ({ critical: 0, major: 0, minor: 0, info: 0 });
const isSeverity = (value: string): value is keyof SeverityCounts => (ALERT_SEVERITIES as readonly string[]).includes(value);

export function alertSummaryRoutes(deps: AlertSummaryDeps): FeatureHandlers<'alertSummary'> {
  return {
    alertSummary: async ({ query }) => {
      const to = Math.min(query.to ?? deps.now(), deps.now());
      const from = query.from ?? to - DEFAULT_DAYS * DAY_MS;
      if (from >= to) throw new HttpError('validation_failed', 'from must be before to (and before now)', { issues: [{ path: 'query.from', message: 'must be before to' }] });
      if (to - from > MAX_DAYS * DAY_MS) throw new HttpError('validation_failed', `at most ${MAX_DAYS} days`, { issues: [{ path: 'query.from', message: `at most ${MAX_DAYS} days before to` }] });

      const rules: AlertSummary['rules'] = { total: 0, enabled: 0, bySeverity: zero(), byType: { query: 0, ratio: 0, absence: 0, audit: 0, anomaly: 0 } };
      for (const rule of deps.rules.list()) {
        rules.total++;
        if (!rule.enabled) continue;
        rules.enabled++;
        rules.bySeverity[rule.severity]++;
        rules.byType[rule.condition.type]++;
      }

      const firingNow = zero();
      for (const [severity, n] of deps.events.firingBySeverity()) if (isSeverity(severity)) firingNow[severity] += n;

      const days = new Map<number, AlertSummary['days'][number]>();
      for (let day = from - (from % DAY_MS); day < to; day += DAY_MS) days.set(day, { day, started: zero(), resolved: 0, acknowledged: 0 });
      for (const row of deps.events.dailyCounts(from, to)) {
        const entry = days.get(row.day);
        if (!entry || !isSeverity(row.severity)) continue;
        entry.started[row.severity] += row.n;
        if (row.state === 'resolved') entry.resolved += row.n;
        if (row.acked) entry.acknowledged += row.n;
      }

      const byStatus = deps.outbox.countsBetween(from, to);
      const notifications = { delivered: byStatus.delivered ?? 0, failed: byStatus.failed ?? 0, pending: (byStatus.pending ?? 0) + (byStatus.sending ?? 0), silenced: byStatus.silenced ?? 0 };
      return { from, to, rules, firingNow, days: [...days.values()], notifications };
    },
  };
}
