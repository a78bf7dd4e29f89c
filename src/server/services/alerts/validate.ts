/**
 * Checks of a rule beyond its schema: what the evaluator needs to run it (schedule, window on the
 * step grid, a query that parses, streams that exist). Each problem names its field.
 */
import { ALERT_LIMITS, type AlertRuleInput, type InputIssue, type LogGroup } from '../../../contract/index.ts';
import { HttpError } from '../../http/http-error.ts';
import { anomalyBucketMs, isLogKind } from './anomaly-series.ts';
import { ipv4Range } from './networks.ts';
import { resolveScope, type ResolvedScope } from './series.ts';

export function ruleIssues(rule: AlertRuleInput, minEverySeconds: number): InputIssue[] {
  const issues: InputIssue[] = [];
  const c = rule.condition;
  if (rule.everySeconds < minEverySeconds) {
    issues.push({ path: 'everySeconds', message: `must be at least ${minEverySeconds} s on this server` });
  }
  if (c.windowSeconds % rule.everySeconds !== 0) {
    issues.push({ path: 'condition.windowSeconds', message: `must be a multiple of the schedule (${rule.everySeconds} s)` });
  } else if (c.windowSeconds / rule.everySeconds > ALERT_LIMITS.maxWindowSteps) {
    issues.push({ path: 'condition.windowSeconds', message: `may span at most ${ALERT_LIMITS.maxWindowSteps} evaluations` });
  }
  if (c.type === 'audit' && c.hoursUtc !== null) {
    if (3600 % rule.everySeconds !== 0) issues.push({ path: 'everySeconds', message: 'must divide an hour when the rule is limited to hours' });
    if (c.hoursUtc.from === c.hoursUtc.to) issues.push({ path: 'condition.hoursUtc', message: 'from and to must differ' });
  }
  if (c.type === 'audit') {
    c.excludeSourceIps.forEach((value, index) => {
      if (ipv4Range(value) === null) issues.push({ path: `condition.excludeSourceIps.${index}`, message: 'an IPv4 address or network (1.2.3.0/24)' });
    });
    if (c.excludeSourceIps.length > 0) {
      c.sourceIps.forEach((value, index) => {
        if (ipv4Range(value)?.lo !== ipv4Range(value)?.hi || ipv4Range(value) === null) issues.push({ path: `condition.sourceIps.${index}`, message: 'with exclusions, single IPv4 addresses only' });
      });
    }
  }
  if (c.type === 'anomaly') {
    const bucketSeconds = anomalyBucketMs(c.kind) / 1000;
    // Shorter windows would let an anomaly in progress drop out between two detector buckets.
    if (c.windowSeconds < bucketSeconds) issues.push({ path: 'condition.windowSeconds', message: `must be at least ${bucketSeconds / 60} min for ${c.kind} (the detector's bucket)` });
    const misplaced = isLogKind(c.kind) ? (['user', 'service'] as const) : (['group', 'stream'] as const);
    for (const field of misplaced) if (c[field] !== '') issues.push({ path: `condition.${field}`, message: `${c.kind} anomalies have no ${field}` });
    if (c.kind === 'audit_behaviour' && c.service !== '') issues.push({ path: 'condition.service', message: 'behaviour is judged per user' });
    if (c.stream !== '' && c.group === '') issues.push({ path: 'condition.group', message: 'name the log group of the stream' });
  }
  if (c.type === 'query' && c.groupBy !== null && c.op.startsWith('<')) {
    issues.push({ path: 'condition.op', message: 'with groupBy only > and >= are meaningful: a group without lines does not exist' });
  }
  return issues;
}

/** Validates and resolves a rule's scope; 400 with every issue. */
export function checkRule(rule: AlertRuleInput, minEverySeconds: number, groups: readonly LogGroup[], prefix = 'body'): ResolvedScope | null {
  const issues = ruleIssues(rule, minEverySeconds);
  if (issues.length > 0) {
    throw new HttpError('validation_failed', `invalid rule: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues: issues.map((i) => ({ ...i, path: `${prefix}.${i.path}` })),
    });
  }
  try {
    return resolveScope(rule, groups);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'validation_failed') {
      const details = error.details as { issues?: InputIssue[] } | undefined;
      throw new HttpError('validation_failed', `invalid rule: ${error.message}`, {
        issues: (details?.issues ?? []).map((i) => ({ ...i, path: `${prefix}.${i.path}` })),
      });
    }
    throw error;
  }
}
