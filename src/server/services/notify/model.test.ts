import { describe, expect, it } from 'vitest';
import { planNotifications, type NotifyPolicy } from './model.ts';
import type { SilenceRule } from './silence-match.ts';
import { makeTransition as t } from './testing.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 2, 0);
const policy: NotifyPolicy = { groupBy: [], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 3600 };

const firing = (eventId: string, at: number, labels: Record<string, string> = {}) => t({ eventId, state: 'firing', startsAt: at, labels });
const resolved = (eventId: string, start: number, end: number, labels: Record<string, string> = {}) =>
  t({ eventId, state: 'resolved', startsAt: start, endsAt: end, labels });

describe('planNotifications', () => {
  it('waits group wait, batches alerts firing together, then sends the resolution', () => {
    const plan = planNotifications(
      [firing('a', T0, { ip: '1.1.1.1' }), firing('b', T0 + 10_000, { ip: '2.2.2.2' }), resolved('a', T0, T0 + 20 * MIN), resolved('b', T0 + 10_000, T0 + 21 * MIN)],
      policy,
      [],
    );
    expect(plan.map((n) => [n.at - T0, n.reason, n.alerts.map((a) => `${a.eventId}:${a.state}`)])).toEqual([
      [30_000, 'firing', ['a:firing', 'b:firing']],
      // The resolution of a; b's a minute later waits for the group interval after that.
      [20 * MIN, 'resolved', ['a:resolved', 'b:firing']],
      [25 * MIN, 'resolved', ['b:resolved']],
    ]);
  });

  it('splits by groupBy labels into separate notifications with their own keys', () => {
    const plan = planNotifications([firing('a', T0, { ip: '1.1.1.1' }), firing('b', T0, { ip: '2.2.2.2' })], { ...policy, groupBy: ['ip'] }, []);
    expect(plan).toHaveLength(2);
    expect(plan.map((n) => n.groupLabels)).toEqual([{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }]);
    expect(new Set(plan.map((n) => n.idempotencyKey)).size).toBe(2);
  });

  it('holds a new alert of an announced group until the group interval has passed', () => {
    const plan = planNotifications([firing('a', T0), firing('b', T0 + MIN)], policy, [], { until: T0 + 10 * MIN });
    expect(plan.map((n) => [n.at - T0, n.alerts.length])).toEqual([
      [30_000, 1],
      [30_000 + 5 * MIN, 2],
    ]);
  });

  it('repeats while firing every repeat interval, with a new idempotency key each time', () => {
    const plan = planNotifications([firing('a', T0)], policy, [], { until: T0 + 3 * 3600_000 });
    expect(plan.map((n) => [n.at - T0, n.reason])).toEqual([
      [30_000, 'firing'],
      [30_000 + 3600_000, 'repeat'],
      [30_000 + 7200_000, 'repeat'],
    ]);
    expect(new Set(plan.map((n) => n.idempotencyKey)).size).toBe(3);
    // One firing window: the keys share the window part.
    expect(new Set(plan.map((n) => n.idempotencyKey.split('-')[0])).size).toBe(1);
  });

  it('gives a new firing window a new key after the group resolved', () => {
    const plan = planNotifications([firing('a', T0), resolved('a', T0, T0 + 10 * MIN), firing('c', T0 + 60 * MIN)], policy, []);
    expect(plan).toHaveLength(3);
    expect(plan[0]!.idempotencyKey.split('-')[0]).not.toBe(plan[2]!.idempotencyKey.split('-')[0]);
  });

  it('does not notify a resolution of an alert that never got announced', () => {
    const plan = planNotifications([firing('a', T0), resolved('a', T0, T0 + 10_000)], policy, []);
    expect(plan).toEqual([]);
  });

  it('records silenced notifications without sending, and announces once the silence ends', () => {
    const silence: SilenceRule = { id: 's1', matchers: [{ label: 'ip', op: '=', value: '1.1.1.1' }], startsAt: T0 - MIN, endsAt: T0 + 30 * MIN };
    const plan = planNotifications([firing('a', T0, { ip: '1.1.1.1' })], policy, [silence], { until: T0 + 40 * MIN });
    expect(plan.map((n) => [n.at - T0, n.reason, n.alerts.length, n.silencedBy])).toEqual([
      [30_000, 'firing', 0, 's1'],
      [30 * MIN, 'firing', 1, null],
    ]);
  });

  it('sends only the unsilenced alerts of a group, naming the silenced ones', () => {
    const silence: SilenceRule = { id: 's1', matchers: [{ label: 'ip', op: '=', value: '1.1.1.1' }], startsAt: T0 - MIN, endsAt: T0 + 90 * MIN };
    const [first] = planNotifications([firing('a', T0, { ip: '1.1.1.1' }), firing('b', T0, { ip: '2.2.2.2' })], policy, [silence]);
    expect(first!.alerts.map((a) => a.eventId)).toEqual(['b']);
    expect(first!.silenced).toEqual([{ eventId: 'a', silenceId: 's1' }]);
  });

  it('matches alertname, severity and != matchers; an expired silence holds nothing', () => {
    const bySeverity: SilenceRule = { id: 's2', matchers: [{ label: 'alertname', op: '=', value: 'SSH brute force' }, { label: 'severity', op: '!=', value: 'critical' }], startsAt: T0 - MIN, endsAt: T0 + 90 * MIN };
    expect(planNotifications([firing('a', T0)], policy, [bySeverity])[0]!.silencedBy).toBe('s2');
    const expired = { ...bySeverity, expiredAt: T0 };
    expect(planNotifications([firing('a', T0)], policy, [expired])[0]!.silencedBy).toBeNull();
  });

  it('honours a weekly maintenance window in its time zone', () => {
    // Tuesday 2026-11-24 01:00-03:00 Europe/Berlin (00:00-02:00 UTC).
    const tuesday = Date.UTC(2026, 10, 24, 0, 30);
    const window: SilenceRule = {
      id: 'mw',
      matchers: [{ label: 'ruleId', op: '=', value: 'rule-ssh' }],
      startsAt: Date.UTC(2026, 0, 1),
      endsAt: Date.UTC(2027, 0, 1),
      recurrence: { weekdays: [2], startMinute: 60, durationMinutes: 120, timeZone: 'Europe/Berlin' },
    };
    const during = planNotifications([firing('a', tuesday)], policy, [window], { until: tuesday + 3 * 3600_000 });
    expect(during[0]!.silencedBy).toBe('mw');
    // Announced when the window closes at 02:00 UTC.
    expect(during[1]!.at).toBe(Date.UTC(2026, 10, 24, 2, 0));
    const wednesday = tuesday + 24 * 3600_000;
    expect(planNotifications([firing('a', wednesday)], policy, [window])[0]!.silencedBy).toBeNull();
  });

  it('keeps the resolution of an announced alert even when a silence started meanwhile', () => {
    const silence: SilenceRule = { id: 's3', matchers: [{ label: 'alertname', op: '=', value: 'SSH brute force' }], startsAt: T0 + 5 * MIN, endsAt: T0 + 90 * MIN };
    const plan = planNotifications([firing('a', T0), resolved('a', T0, T0 + 20 * MIN)], policy, [silence]);
    expect(plan.map((n) => n.reason)).toEqual(['firing', 'resolved']);
  });
});
