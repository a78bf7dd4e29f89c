/**
 * The Monitoring check's view of alerting: which monitored topics each alert rule covers, and how
 * the notifications of a period fared. Topics are derived from what a rule watches (its query or
 * its CTS filters), never from its name, so a renamed rule keeps its coverage and a rule named
 * "failed logins" that watches something else does not count.
 */
import type { AlertRule } from '../../../contract/index.ts';
import type { AlertEvent } from '../../../contract/index.ts';
import type { AlertRulesSource, CriticalAlertFact, CriticalAlertSource, DeliverySource } from './facts.ts';

export const MONITORED_TOPICS = ['failed sign-ins', 'IAM and policy changes', 'tracker deletion', 'key deletion', 'security group changes'] as const;
export type MonitoredTopic = (typeof MONITORED_TOPICS)[number];

const FAILED_SIGN_IN_WORDS = /failed password|authentication failure|failed login|invalid user|login failed/i;
const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

/** The monitored topics a rule covers, judged from its condition. */
export function ruleTopics(rule: Pick<AlertRule, 'condition'>): MonitoredTopic[] {
  const condition = rule.condition;
  const topics = new Set<MonitoredTopic>();
  if (condition.type === 'query' || condition.type === 'ratio') {
    if (FAILED_SIGN_IN_WORDS.test(condition.query)) topics.add('failed sign-ins');
    return [...topics];
  }
  if (condition.type !== 'audit') return [];
  const names = lower(condition.traceNames);
  const services = lower(condition.serviceTypes);
  const resources = lower(condition.resourceTypes);
  const anyName = names.length === 0;
  const watches = (service: string) => services.length === 0 || services.includes(service);
  if (names.includes('login') && !condition.succeededOnly) topics.add('failed sign-ins');
  const iamChange = (n: string) =>
    !n.includes('securitygroup') && /policy|role|permission|credential|accesskey|^(create|delete|update|add|remove)(user|group)/.test(n);
  if (services.includes('iam') || names.some(iamChange)) {
    topics.add('IAM and policy changes');
  }
  if (names.includes('deletetracker') || (anyName && services.includes('cts'))) topics.add('tracker deletion');
  if (names.some((n) => n === 'schedulekeydeletion' || n === 'disablekey') || (anyName && services.includes('kms'))) topics.add('key deletion');
  if (names.some((n) => n.includes('securitygroup')) || resources.some((r) => r.includes('security_group') || r.includes('securitygroup'))) {
    if (watches('vpc') || services.length === 0) topics.add('security group changes');
  }
  return [...topics];
}

interface RuleList {
  list(): AlertRule[];
}
interface DeliveryCounts {
  countsBetween(from: number, to: number): Record<string, number>;
}

export function alertRulesSource(rules: RuleList): AlertRulesSource {
  return {
    rules: async () => rules.list().map((rule) => ({ id: rule.id, name: rule.name, enabled: rule.enabled, topics: ruleTopics(rule) })),
  };
}

interface EventList {
  list(filter: { severity: 'critical'; from: number; to: number; limit: number; beforeSeq?: number }): { events: AlertEvent[]; next: number | null };
}

/** Critical alerts read per evaluation at most; more are stated as a bound, not judged. */
const MAX_CRITICAL_ALERTS = 2_000;

export function criticalAlertSource(events: EventList): CriticalAlertSource {
  return {
    criticalAlerts: async (from, to) => {
      const alerts: CriticalAlertFact[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const page = events.list({ severity: 'critical', from, to, limit: 500, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
        for (const e of page.events) {
          // Only alerts that started in the period are judged here; earlier ones were judged in theirs.
          if (e.startsAt >= from) alerts.push({ id: e.id, ruleName: e.ruleName, startsAt: e.startsAt, ackedAt: e.ack?.at ?? null });
        }
        if (page.next === null) return { alerts, truncated: false };
        if (alerts.length >= MAX_CRITICAL_ALERTS) return { alerts: alerts.slice(0, MAX_CRITICAL_ALERTS), truncated: true };
        beforeSeq = page.next;
      }
    },
  };
}

export function deliverySource(outbox: DeliveryCounts): DeliverySource {
  return {
    deliveries: async (from, to) => {
      const counts = outbox.countsBetween(from, to);
      return {
        delivered: counts.delivered ?? 0,
        failed: counts.failed ?? 0,
        pending: (counts.pending ?? 0) + (counts.sending ?? 0),
      };
    },
  };
}
