import type { AlertTransition } from '../alerts/transition.ts';

/** A transition with defaults, for tests. */
export function makeTransition(overrides: Partial<AlertTransition> & Pick<AlertTransition, 'eventId' | 'state' | 'startsAt'>): AlertTransition {
  return {
    ruleId: 'rule-ssh',
    ruleName: 'SSH brute force',
    ruleVersion: 1,
    severity: 'major',
    labels: {},
    groupKey: '',
    endsAt: null,
    value: 42,
    threshold: 20,
    summary: 'Failed password count above 20',
    description: 'Many failed SSH sign-ins',
    evidencePath: '/search?q=%22Failed%20password%22',
    channelIds: ['chan-1'],
    ...overrides,
  };
}
