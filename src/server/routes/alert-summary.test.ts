// The managers' view of alerting: counts per severity, type, day and state through the real
// pipeline, with nothing personal or revealing in the answer (no names, queries, labels, channels).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRuleInputSchema, alertSummarySchema } from '../../contract/index.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0);
const TODAY = NOW - (NOW % DAY);

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const rule = (name: string, severity: string, enabled = true) =>
    t.state.alertRules.create(
      alertRuleInputSchema.parse({ name, severity, enabled, condition: { type: 'query', query: 'user:"tobias.becker"', windowSeconds: 300, op: '>', threshold: 1 } }),
      'test',
    );
  rule('Secret rule about tobias.becker', 'critical');
  rule('Second', 'major');
  rule('Disabled', 'minor', false);
  const base = { ruleId: 'r1', ruleName: 'Secret rule about tobias.becker', ruleVersion: 1, labels: { user: 'tobias.becker', ip: '203.0.113.9' }, groupKey: '203.0.113.9', value: 3, peak: 3, threshold: 1, summary: 'tobias.becker from 203.0.113.9', evidencePath: '/search?q=203.0.113.9', ack: null };
  t.state.alertEvents.commit({
    ruleId: 'r1',
    evaluatedTo: NOW,
    state: { groups: {} },
    lastError: null,
    opened: [
      { ...base, id: 'e1', severity: 'critical', state: 'firing', startsAt: NOW - 60_000, endsAt: null },
      { ...base, id: 'e2', severity: 'critical', state: 'resolved', startsAt: TODAY - DAY + 3_600_000, endsAt: TODAY - DAY + 7_200_000 },
      { ...base, id: 'e3', severity: 'major', state: 'resolved', startsAt: TODAY - DAY + 9_000_000, endsAt: TODAY - DAY + 9_600_000 },
      { ...base, id: 'e4', severity: 'major', state: 'resolved', startsAt: TODAY - 40 * DAY, endsAt: TODAY - 40 * DAY + 60_000 },
    ],
    updated: [],
    history: [],
    transitions: [],
  });
  t.state.alertEvents.acknowledge('e2', 'Ana Lyst', 'seen');
}, 60_000);
afterAll(() => t.close());

async function get(roles: string[], path: string): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, 'GET', path.split('?')[0]!, { sub: `u-${roles.join('-')}`, name: 'Mia Manager', roles });
  return t.app.request(path, { headers });
}

describe('alert summary', () => {
  it('gives managers counts per severity, type, day and state, and nothing they need not see', async () => {
    const response = await get(['manager'], '/api/alert-summary');
    expect(response.status).toBe(200);
    const text = await response.text();
    const summary = alertSummarySchema.parse(JSON.parse(text));
    expect(summary.rules).toEqual({ total: 3, enabled: 2, bySeverity: { critical: 1, major: 1, minor: 0, info: 0 }, byType: { query: 2, ratio: 0, absence: 0, audit: 0, anomaly: 0 } });
    expect(summary.firingNow).toEqual({ critical: 1, major: 0, minor: 0, info: 0 });
    expect(summary.days).toHaveLength(31);
    expect(summary.days.at(-1)).toEqual({ day: TODAY, started: { critical: 1, major: 0, minor: 0, info: 0 }, resolved: 0, acknowledged: 0 });
    expect(summary.days.at(-2)).toEqual({ day: TODAY - DAY, started: { critical: 1, major: 1, minor: 0, info: 0 }, resolved: 2, acknowledged: 1 });
    // The event of 40 days ago lies outside the default 30 days.
    expect(summary.days.reduce((n, d) => n + d.started.critical + d.started.major, 0)).toBe(3);
    for (const secret of ['tobias', '203.0.113.9', 'Secret rule', 'Ana Lyst', 'user:']) expect(text).not.toContain(secret);
  });

  it('answers for a chosen range and refuses a reversed or overlong one', async () => {
    const wide = alertSummarySchema.parse(await (await get(['analyst'], `/api/alert-summary?from=${TODAY - 45 * DAY}&to=${NOW}`)).json());
    expect(wide.days.reduce((n, d) => n + d.started.major, 0)).toBe(2);
    expect((await get(['manager'], `/api/alert-summary?from=${NOW}&to=${NOW - DAY}`)).status).toBe(400);
    expect((await get(['manager'], `/api/alert-summary?from=${NOW - 400 * DAY}`)).status).toBe(400);
    expect((await get(['manager'], '/api/alert-events')).status).toBe(403);
    expect((await get(['manager'], '/api/alert-rules')).status).toBe(403);
  });
});
