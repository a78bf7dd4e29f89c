/**
 * Rules provisioned on first start, each tuned to catch one planted scenario of the demo data
 * (seed/scenarios.ts) and nothing else over 30 days (checked by demo-rules.test.ts on seeded data).
 */
import { alertRuleInputSchema, type AlertRuleInput, type AlertRuleInputRaw } from '../../../contract/index.ts';
import type { AlertRules } from '../../state/alert-rules.ts';

const DEMO_RULES: AlertRuleInputRaw[] = [
  {
    name: 'SSH brute force',
    description: 'More than 20 failed SSH passwords from one source address within 5 minutes on the production hosts.',
    severity: 'critical',
    labels: { team: 'security' },
    everySeconds: 60,
    pendingSeconds: 0,
    recoveryEvaluations: 2,
    condition: { type: 'query', query: '"Failed password"', logGroups: ['ecs-prod'], logStreams: ['auth'], windowSeconds: 300, op: '>', threshold: 20, groupBy: 'ip', maxGroups: 100 },
    notify: { groupBy: ['ip'], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 14_400 },
  },
  {
    name: 'Web shop 5xx ratio',
    description: 'More than 5 % of the web shop responses are server errors over 5 minutes (at least 50 requests).',
    severity: 'major',
    labels: { team: 'web' },
    // Every 5 minutes: all lines per step then come from the store's 5-minute rollup, not a scan;
    // the code words let the full-text index find the candidates before status>=500 checks them.
    everySeconds: 300,
    pendingSeconds: 0,
    recoveryEvaluations: 1,
    condition: { type: 'ratio', query: '(500 OR 502 OR 503 OR 504) AND status>=500', totalQuery: '', logGroups: ['ecs-prod'], logStreams: ['nginx-access'], windowSeconds: 300, op: '>', thresholdPercent: 5, minVolume: 50 },
  },
  {
    name: 'CTS key events',
    description: 'A trail deleted, a KMS key scheduled for deletion or a security group rule flagged as risky (rated warning or incident, and it succeeded).',
    severity: 'critical',
    labels: { team: 'security' },
    everySeconds: 60,
    recoveryEvaluations: 1,
    condition: {
      type: 'audit',
      windowSeconds: 60,
      traceNames: ['deleteTracker', 'scheduleKeyDeletion', 'createSecurityGroupRule'],
      ratings: ['warning', 'incident'],
      succeededOnly: true,
      op: '>=',
      threshold: 1,
    },
  },
  {
    name: 'Night-time sign-in from an unknown address',
    description: 'A console sign-in between 01:00 and 05:00 UTC from outside the known addresses (office NAT, VPN, the on-call home lines).',
    severity: 'major',
    labels: { team: 'security' },
    everySeconds: 60,
    recoveryEvaluations: 1,
    condition: { type: 'audit', windowSeconds: 60, traceNames: ['login'], succeededOnly: true, hoursUtc: { from: 1, to: 5 },
      excludeSourceIps: ['217.6.112.0/24', '91.213.47.0/24', '87.123.45.67', '79.206.112.9', '2.204.18.77', '91.64.203.118'],
      op: '>=', threshold: 1 },
  },
];

export function demoRules(): AlertRuleInput[] {
  return DEMO_RULES.map((rule) => alertRuleInputSchema.parse(rule));
}

/** Creates the demo rules when the store has none (first start); returns how many were created. */
export function provisionDemoRules(rules: AlertRules): number {
  if (rules.count() > 0) return 0;
  const created = demoRules().map((rule) => rules.create(rule, 'vigil (demo rules)'));
  return created.length;
}
