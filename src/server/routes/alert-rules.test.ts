// Alert rules, backtests and alert events through the real HTTP pipeline over a real store:
// versions with ETag/If-Match (409 naming who changed it when), validation with field paths and
// query positions, step-up for changes, audit before/after, acknowledging events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEventSchema, alertRuleSchema, backtestSchema, type AlertRule } from '../../contract/index.ts';
import { plantSpike } from '../services/anomalies/testing/plant.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0);

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const group = await t.store.logs.ensureGroup({ name: 'prod', ttlInDays: 30 });
  const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'auth' });
  const lines = [];
  for (let i = 0; i < 30; i++) lines.push({ time: NOW - 3 * 3_600_000 + i * 2_000, content: `Failed password for root from 192.0.2.5 port ${i}`, labels: {} });
  await t.store.logs.appendLines(stream.id, lines);
}, 60_000);
afterAll(() => t.close());

const admin = { sub: 'u-admin', name: 'Ada Admin', roles: ['admin'], amr: ['pwd', 'otp'] };
const otherAdmin = { sub: 'u-admin2', name: 'Otto Admin', roles: ['admin'], amr: ['pwd', 'otp'] };
const adminNoMfa = { sub: 'u-admin3', name: 'Ada Admin', roles: ['admin'], amr: ['pwd'] };
const analyst = { sub: 'u-analyst', name: 'Ana Lyst', roles: ['analyst'] };
type User = typeof analyst & { amr?: string[] };

async function call(user: User, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, method, path.split('?')[0]!, user);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const ssh = {
  name: 'SSH guessing',
  severity: 'critical',
  condition: { type: 'query', query: '"Failed password"', logGroups: ['prod'], logStreams: ['auth'], windowSeconds: 300, op: '>', threshold: 10, groupBy: 'ip' },
};

async function createRule(body: unknown = ssh): Promise<AlertRule> {
  const response = await call(admin, 'POST', '/api/alert-rules', body);
  expect(response.status).toBe(201);
  return alertRuleSchema.parse(await response.json());
}

describe('alert rules', () => {
  it('creates version 1 with an ETag, and saves a new version only against the current one', async () => {
    const rule = await createRule();
    expect(rule).toMatchObject({ version: 1, createdBy: 'Ada Admin', everySeconds: 60, recoveryEvaluations: 1 });
    const got = await call(analyst, 'GET', `/api/alert-rules/${rule.id}`);
    expect(got.headers.get('etag')).toBe(rule.etag);

    const edit = { ...ssh, condition: { ...ssh.condition, threshold: 20 } };
    const saved = await call(otherAdmin, 'PUT', `/api/alert-rules/${rule.id}`, edit, { 'if-match': rule.etag });
    expect(saved.status).toBe(200);
    const v2 = alertRuleSchema.parse(await saved.json());
    expect(v2).toMatchObject({ version: 2, updatedBy: 'Otto Admin' });
    expect(saved.headers.get('etag')).toBe(v2.etag);

    const stale = await call(admin, 'PUT', `/api/alert-rules/${rule.id}`, ssh, { 'if-match': rule.etag });
    expect(stale.status).toBe(409);
    const error = ((await stale.json()) as { error: { message: string; details: { updatedBy: string; version: number } } }).error;
    expect(error.message).toMatch(/changed by Otto Admin at \d{4}-\d\d-\d\dT[\d:.]+Z \(now version 2\)/);
    expect(error.details).toMatchObject({ updatedBy: 'Otto Admin', version: 2 });

    expect((await call(admin, 'PUT', `/api/alert-rules/${rule.id}`, ssh)).status).toBe(400);
    expect(t.state.alertRules.versions(rule.id).map((v) => v.version)).toEqual([1, 2]);
    const audit = t.state.audit.list({ limit: 50, actions: ['updateAlertRule'] }).records;
    const ok = audit.find((r) => r.code === '200')!;
    expect(JSON.parse(ok.request)).toMatchObject({ before: { version: 1 }, after: { version: 2 } });
    expect(audit.some((r) => r.code === '409')).toBe(true);
  });

  it('refuses invalid rules with the field, and query errors with their position', async () => {
    const badQuery = await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'bad query', condition: { ...ssh.condition, query: 'status>=500 AND (' } });
    expect(badQuery.status).toBe(400);
    const issues = ((await badQuery.json()) as { error: { details: { issues: { path: string; position?: number }[] } } }).error.details.issues;
    expect(issues[0]).toMatchObject({ path: 'body.condition.query' });
    expect(issues[0]!.position).toBeGreaterThan(0);

    const badWindow = await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'bad window', condition: { ...ssh.condition, windowSeconds: 90 } });
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(await badWindow.json())).toContain('body.condition.windowSeconds');

    const unknownGroup = await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'unknown', condition: { ...ssh.condition, logGroups: ['nope'] } });
    expect(unknownGroup.status).toBe(400);
    expect(JSON.stringify(await unknownGroup.json())).toContain('unknown log group: nope');

    const tooFast = await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'fast', everySeconds: 10, condition: { ...ssh.condition, windowSeconds: 60 } });
    expect(tooFast.status).toBe(400);
    expect(JSON.stringify(await tooFast.json())).toContain('at least 60 s');

    const duplicate = await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'dup' });
    expect(duplicate.status).toBe(201);
    expect((await call(admin, 'POST', '/api/alert-rules', { ...ssh, name: 'dup' })).status).toBe(400);
  });

  it('needs the step-up for changes; analysts read and backtest', async () => {
    expect((await call(adminNoMfa, 'POST', '/api/alert-rules', { ...ssh, name: 'no mfa' })).status).toBe(403);
    expect((await call(analyst, 'POST', '/api/alert-rules', { ...ssh, name: 'analyst' })).status).toBe(403);
    expect((await call(analyst, 'GET', '/api/alert-rules')).status).toBe(200);
    const backtest = await call(analyst, 'POST', '/api/alert-rules/backtest', { rule: ssh, from: NOW - 86_400_000, to: NOW });
    expect(backtest.status).toBe(200);
  });

  it('backtests an unsaved rule: the instance, its evidence link and the notifications', async () => {
    const response = await call(admin, 'POST', '/api/alert-rules/backtest', { rule: { ...ssh, id: 'ignored', version: 7 }, from: NOW - 86_400_000, to: NOW });
    const result = backtestSchema.parse(await response.json());
    expect(result.instances).toHaveLength(1);
    const [instance] = result.instances;
    expect(instance).toMatchObject({ group: { ip: '192.0.2.5' }, start: NOW - 3 * 3_600_000 + MIN, peak: 30 });
    expect(instance!.evidencePath).toContain('/search?q=');
    expect(decodeURIComponent(instance!.evidencePath.replace(/\+/g, ' '))).toContain('"192.0.2.5"');
    expect(result).toMatchObject({ complete: true, flapping: 0, noiseWarning: null, notifications: 2, threshold: 10, op: '>' });
    expect(result.firesPerDay.reduce((n, d) => n + d.fires, 0)).toBe(1);

    const quiet = backtestSchema.parse(await (await call(admin, 'POST', '/api/alert-rules/backtest', { rule: { ...ssh, condition: { ...ssh.condition, threshold: 40 } }, from: NOW - 86_400_000, to: NOW })).json());
    expect(quiet.instances).toEqual([]);
    expect((await call(admin, 'POST', '/api/alert-rules/backtest', { rule: ssh, from: NOW - 100 * 86_400_000, to: NOW })).status).toBe(400);
  });

  it('saves and backtests an anomaly rule over the detector, refusing a window shorter than its buckets', async () => {
    const planted = await plantSpike(t.store, NOW, { group: 'anomaly-test', stream: 'app' });
    const rule = { name: 'App volume anomaly', severity: 'major', condition: { type: 'anomaly', kind: 'log_volume', group: 'anomaly-test', stream: 'app', minScore: 50, windowSeconds: 300 } };
    const short = await call(admin, 'POST', '/api/alert-rules', { ...rule, condition: { ...rule.condition, windowSeconds: 60 } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain('body.condition.windowSeconds');
    const created = await createRule(rule);
    expect(created.condition).toMatchObject({ type: 'anomaly', kind: 'log_volume', user: '', service: '' });

    const response = await call(analyst, 'POST', '/api/alert-rules/backtest', { rule: created, from: NOW - 86_400_000, to: NOW });
    expect(response.status).toBe(200);
    const result = backtestSchema.parse(await response.json());
    expect(result.instances.map((i) => ({ group: i.group, start: i.start }))).toEqual([{ group: { group: 'anomaly-test', stream: 'app' }, start: planted.spikeStart + 5 * MIN }]);
    expect(result.instances[0]!.evidencePath).toMatch(/^\/anomalies\?kind=log_volume/);
    expect(result).toMatchObject({ complete: true, threshold: 50, op: '>=' });
  });

  it('deletes a rule with the step-up and audits what it was', async () => {
    const rule = await createRule({ ...ssh, name: 'to delete' });
    const response = await call(admin, 'DELETE', `/api/alert-rules/${rule.id}`);
    expect(response.status).toBe(200);
    expect((await call(admin, 'GET', `/api/alert-rules/${rule.id}`)).status).toBe(404);
    expect(t.state.audit.list({ limit: 10, actions: ['deleteAlertRule'] }).records).toHaveLength(1);
  });
});

describe('alert events', () => {
  it('lists events with filters and records who acknowledged with a note', async () => {
    const base = { ruleId: 'r1', ruleName: 'SSH', ruleVersion: 1, labels: { ip: '192.0.2.5' }, groupKey: '192.0.2.5', endsAt: null, value: 30, peak: 30, threshold: 10, summary: 's', evidencePath: '/search', ack: null };
    t.state.alertEvents.commit({
      ruleId: 'r1',
      evaluatedTo: NOW,
      state: { groups: {} },
      lastError: null,
      opened: [
        { ...base, id: 'e1', severity: 'critical', state: 'firing', startsAt: NOW - 10 * MIN },
        { ...base, id: 'e2', severity: 'minor', state: 'resolved', startsAt: NOW - 20 * MIN, endsAt: NOW - 15 * MIN },
      ],
      updated: [],
      history: [],
      transitions: [],
    });
    const firing = (await (await call(analyst, 'GET', '/api/alert-events?state=firing')).json()) as { events: { id: string }[] };
    expect(firing.events.map((e) => e.id)).toEqual(['e1']);
    const minor = (await (await call(analyst, 'GET', '/api/alert-events?severity=minor')).json()) as { events: { id: string }[] };
    expect(minor.events.map((e) => e.id)).toEqual(['e2']);

    const acked = await call(analyst, 'POST', '/api/alert-events/e1/ack', { note: 'looking into it' });
    expect(acked.status).toBe(200);
    expect(alertEventSchema.parse(await acked.json()).ack).toMatchObject({ by: 'Ana Lyst', note: 'looking into it' });
    const open = (await (await call(analyst, 'GET', '/api/alert-events?acknowledged=false')).json()) as { events: { id: string }[] };
    expect(open.events.map((e) => e.id)).toEqual(['e2']);
    expect((await call(analyst, 'POST', '/api/alert-events/nope/ack', { note: '' })).status).toBe(404);

    const page = (await (await call(analyst, 'GET', '/api/alert-events?limit=1')).json()) as { events: { id: string }[]; next: string };
    const rest = (await (await call(analyst, 'GET', `/api/alert-events?limit=1&cursor=${page.next}`)).json()) as { events: { id: string }[]; next: string | null };
    expect([...page.events, ...rest.events].map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(rest.next).toBeNull();
  });
});
