import { describe, expect, it } from 'vitest';
import { alertRuleInputSchema } from '../../../contract/index.ts';
import { demoRules } from '../alerts/demo-rules.ts';
import { deliverySource, ruleTopics } from './alerting-sources.ts';

const rule = (condition: unknown) => alertRuleInputSchema.parse({ name: 'r', severity: 'minor', condition });

describe('the Monitoring check reads what alert rules watch', () => {
  it('derives topics from the demo rules: sign-in failures, tracker and key deletion, security groups', () => {
    const covered = new Set(demoRules().flatMap((r) => ruleTopics(r)));
    expect([...covered].sort()).toEqual(['failed sign-ins', 'key deletion', 'security group changes', 'tracker deletion']);
  });

  it('judges the condition, not the name', () => {
    expect(ruleTopics(rule({ type: 'query', query: 'timeout', windowSeconds: 300, op: '>', threshold: 1 }))).toEqual([]);
    expect(ruleTopics(rule({ type: 'audit', windowSeconds: 60, serviceTypes: ['IAM'] }))).toEqual(['IAM and policy changes']);
    expect(ruleTopics(rule({ type: 'audit', windowSeconds: 60, traceNames: ['updatePolicy'] }))).toEqual(['IAM and policy changes']);
    expect(ruleTopics(rule({ type: 'audit', windowSeconds: 60, serviceTypes: ['KMS'] }))).toEqual(['key deletion']);
    // A rule on successful sign-ins only does not watch failed ones.
    expect(ruleTopics(rule({ type: 'audit', windowSeconds: 60, traceNames: ['login'], succeededOnly: true }))).toEqual([]);
  });

  it('counts pending and sending deliveries together', async () => {
    const source = deliverySource({ countsBetween: () => ({ delivered: 3, failed: 1, pending: 2, sending: 1, silenced: 4 }) });
    expect(await source.deliveries(0, 1)).toEqual({ delivered: 3, failed: 1, pending: 3 });
  });
});
