// Walks the whole contract: every endpoint × every kind of caller must get exactly the status the
// contract's access and MFA rules call for, through the real HTTP pipeline and real credentials.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantSpike } from './services/anomalies/testing/plant.ts';
import { alertRuleInputSchema, allows, endpoints, type Endpoint, type EndpointName, type Role } from '../contract/index.ts';
import { makeTrace } from './storage/embedded/test-helpers.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';
import { dpopHeaders } from './testing/tokens.ts';

interface Caller {
  label: string;
  /** The principal's subject, so owner-only samples can create what this caller owns. */
  subject: string;
  roles: Role[];
  signedIn: boolean;
  multiFactor: boolean;
  headers(method: string, path: string): Promise<Record<string, string>>;
}

/** A stored line, so the log context sample asks for one that exists (set in beforeAll). */
let contextLine = '';
/** An anomaly that exists (planted in beforeAll). */
let anomalyId = '';

/** A valid request for each endpoint; the Record type makes a new endpoint add one. */
const samples: Record<EndpointName, (t: TestApp, caller: Caller) => { path: string; body?: unknown; headers?: Record<string, string> }> = {
  health: () => ({ path: '/api/health' }),
  authConfig: () => ({ path: '/api/auth/config' }),
  me: () => ({ path: '/api/me' }),
  listLogGroups: () => ({ path: '/api/log-groups' }),
  listApiTokens: () => ({ path: '/api/admin/tokens' }),
  createApiToken: () => ({ path: '/api/admin/tokens', body: { name: 'matrix', role: 'analyst', expiresInDays: 1 } }),
  revokeApiToken: (t) => ({
    path: `/api/admin/tokens/${t.state.tokens.create({ name: 'to revoke', role: 'analyst', expiresInDays: 1 }, 'test').token.id}`,
  }),
  listAudit: () => ({ path: '/api/audit?limit=5' }),
  verifyAudit: () => ({ path: '/api/audit/verify' }),
  searchLogs: () => ({ path: '/api/logs/search?q=error&limit=5' }),
  logHistogram: () => ({ path: '/api/logs/histogram?q=error' }),
  logFacets: () => ({ path: '/api/logs/facets?q=error' }),
  logContext: () => ({ path: `/api/logs/context?line=${contextLine}` }),
  exportLogs: () => ({ path: '/api/logs/export?q=error&format=csv&limit=10' }),
  tailLogs: () => ({ path: '/api/logs/tail?q=error' }),
  listSavedSearches: () => ({ path: '/api/saved-searches' }),
  createSavedSearch: () => ({ path: '/api/saved-searches', body: savedSearch }),
  updateSavedSearch: (t, caller) => ({ path: `/api/saved-searches/${ownSavedSearch(t, caller)}`, body: { shared: true } }),
  deleteSavedSearch: (t, caller) => ({ path: `/api/saved-searches/${ownSavedSearch(t, caller)}` }),
  listTraces: () => ({ path: '/api/traces?trace_rating=warning&limit=5' }),
  traceTimeline: () => ({ path: '/api/traces/timeline?service_type=OBS' }),
  traceFacets: () => ({ path: '/api/traces/facets?top=5' }),
  getTrace: () => ({ path: '/api/traces/matrix-trace' }),
  ingestOverview: () => ({ path: '/api/admin/ingest' }),
  createIngestToken: () => ({ path: '/api/admin/ingest-tokens', body: { name: 'matrix', groups: ['matrix'], expiresInDays: 1 } }),
  revokeIngestToken: (t) => ({ path: `/api/admin/ingest-tokens/${t.state.ingestTokens.create({ name: 'to revoke', groups: ['matrix'], days: 1 }, 'test').token.id}` }),
  listForwarders: () => ({ path: '/api/admin/forwarders' }),
  createForwarder: () => ({ path: '/api/admin/forwarders', body: forwarderBody }),
  updateForwarder: (t) => ({ path: `/api/admin/forwarders/${matrixForwarder(t)}`, body: forwarderBody }),
  deleteForwarder: (t) => ({ path: `/api/admin/forwarders/${matrixForwarder(t)}` }),
  listAnomalies: () => ({ path: '/api/anomalies?minScore=50' }),
  anomalySeries: () => ({ path: '/api/anomalies/series?kind=log_volume&group=anomaly-test&stream=app&from=' + (Date.now() - 86_400_000) }),
  anomalySummary: () => ({ path: '/api/anomalies/summary' }),
  getAnomaly: () => ({ path: `/api/anomalies/${anomalyId}` }),
  anomalyFeedback: () => ({ path: `/api/anomalies/${anomalyId}/feedback`, body: { verdict: 'confirmed', note: 'matrix' } }),
  listAlertRules: () => ({ path: '/api/alert-rules' }),
  createAlertRule: () => ({ path: '/api/alert-rules', body: alertRule(`matrix ${++ruleCount}`) }),
  backtestAlertRule: () => ({ path: '/api/alert-rules/backtest', body: { rule: alertRule('matrix backtest'), from: Date.now() - 3_600_000, to: Date.now() } }),
  getAlertRule: (t) => ({ path: `/api/alert-rules/${storedRule(t).id}` }),
  updateAlertRule: (t) => {
    const rule = storedRule(t);
    return { path: `/api/alert-rules/${rule.id}`, body: alertRule(`matrix ${++ruleCount}`), headers: { 'if-match': rule.etag } };
  },
  deleteAlertRule: (t) => ({ path: `/api/alert-rules/${storedRule(t).id}` }),
  alertSummary: () => ({ path: '/api/alert-summary' }),
  listAlertEvents: () => ({ path: '/api/alert-events?limit=5' }),
  ackAlertEvent: (t) => ({ path: `/api/alert-events/${storedEvent(t)}/ack`, body: { note: 'seen' } }),
  listChannels: () => ({ path: '/api/channels' }),
  createChannel: () => ({ path: '/api/channels', body: channelBody }),
  previewTemplate: () => ({ path: '/api/channels/preview', body: { kind: 'slack', template: { title: '{{ruleName}}', body: '{{summary}}' } } }),
  updateChannel: (t) => ({ path: `/api/channels/${matrixChannel(t)}`, body: channelBody }),
  deleteChannel: (t) => ({ path: `/api/channels/${matrixChannel(t)}` }),
  // A loopback receiver: the outbound rules refuse it before any connection, so the test answers at once.
  testChannel: (t) => ({ path: `/api/channels/${matrixChannel(t)}/test`, body: {} }),
  listSilences: () => ({ path: '/api/silences?include=all' }),
  createSilence: () => ({ path: '/api/silences', body: silenceBody() }),
  expireSilence: (t) => ({ path: `/api/silences/${t.state.silences.create({ ...silenceBody(), kind: 'silence' }, 'test').id}` }),
  listNotifications: () => ({ path: '/api/notifications?limit=5' }),
  complianceFrameworks: () => ({ path: '/api/compliance/frameworks' }),
  complianceStatus: () => ({ path: '/api/compliance/status?framework=iso27001' }),
  complianceTrend: () => ({ path: '/api/compliance/trend?framework=c5' }),
  complianceCheck: () => ({ path: '/api/compliance/checks/clock' }),
  complianceEvidence: () => ({ path: '/api/compliance/evidence?framework=gdpr' }),
  complianceSigningKey: () => ({ path: '/api/compliance/signing-key' }),
  getCompliancePolicy: () => ({ path: '/api/compliance/policy' }),
  putCompliancePolicy: (t) => ({ path: '/api/compliance/policy', body: t.state.compliance.policy().policy }),
  listComplianceSchedules: () => ({ path: '/api/compliance/schedules' }),
  createComplianceSchedule: () => ({ path: '/api/compliance/schedules', body: { framework: 'iso27001', cadence: 'weekly', recipient: 'audit@example.com' } }),
  sendComplianceSchedule: (t) => {
    // Sending needs an e-mail channel; the pack is only queued here, never sent.
    if (!t.state.channels.list().some((c) => c.kind === 'email')) {
      t.state.channels.create({ name: 'relay', enabled: true, settings: { kind: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', from: 'v@example.com', to: ['a@example.com'] }, secrets: {}, template: { title: 't', body: 'b' } }, 'test');
    }
    return { path: `/api/compliance/schedules/${t.state.compliance.addSchedule({ framework: 'c5', cadence: 'weekly', recipient: 'a@example.com' }, 'test').id}/send` };
  },
  deleteComplianceSchedule: (t) => ({ path: `/api/compliance/schedules/${t.state.compliance.addSchedule({ framework: 'c5', cadence: 'monthly', recipient: 'a@example.com' }, 'test').id}` }),
};

let ruleCount = 0;
const alertRule = (name: string) => ({
  name,
  severity: 'minor',
  condition: { type: 'query', query: 'error', windowSeconds: 300, op: '>', threshold: 5 },
});
const storedRule = (t: TestApp) => t.state.alertRules.create(alertRuleInputSchema.parse(alertRule(`stored ${++ruleCount}`)), 'test');
const storedEvent = (t: TestApp) => {
  const id = `matrix-event-${++ruleCount}`;
  t.state.alertEvents.commit({
    ruleId: 'matrix-rule',
    evaluatedTo: 0,
    state: { groups: {} },
    lastError: null,
    opened: [{ id, ruleId: 'matrix-rule', ruleName: 'matrix', ruleVersion: 1, severity: 'minor', labels: {}, groupKey: '', state: 'firing', startsAt: 1, endsAt: null, value: 1, peak: 1, threshold: 0, summary: 'matrix', evidencePath: '/search', ack: null }],
    updated: [],
    history: [],
    transitions: [],
  });
  return id;
};

const channelBody = { name: 'matrix hook', settings: { kind: 'webhook', url: 'https://hooks.example.com/vigil', secret: 'matrix-secret' } };
const matrixChannel = (t: TestApp) =>
  t.state.channels.create(
    { name: 'matrix', enabled: true, settings: { kind: 'webhook', url: 'http://127.0.0.1:9/hook' }, secrets: {}, template: { title: 't', body: 'b' } },
    'test',
  ).id;
const forwarderBody = { name: 'matrix hec', source: { kind: 'traces' }, destination: { format: 'hec', url: 'https://splunk.example.com:8088', token: 'matrix-token' } };
const matrixForwarder = (t: TestApp) =>
  t.state.forwarders.create(
    { name: 'matrix', enabled: false, source: { kind: 'logs', query: '', streams: [] }, destination: { format: 'gelf', host: 'graylog.example.com', port: 12201, transport: 'tcp' }, secrets: {}, batchSize: 10, settleSeconds: 0 },
    Date.now(), 'test',
  ).id;
const silenceBody = () => ({
  matchers: [{ label: 'alertname', op: '=' as const, value: 'SSH brute force' }],
  startsAt: Date.now(),
  endsAt: Date.now() + 3600_000,
  comment: 'matrix',
});

const savedSearch = { name: 'matrix', state: { q: 'error', range: { kind: 'relative' as const, amount: 24, unit: 'h' as const }, groups: [], streams: [] } };
const ownSavedSearch = (t: TestApp, caller: Caller) => t.state.savedSearches.create({ id: caller.subject, name: caller.label }, { ...savedSearch, shared: false }).id;

function expectedStatus(endpoint: Endpoint, caller: Caller): number {
  const success = endpoint.status ?? 200;
  if (endpoint.access === 'public') return success;
  if (!caller.signedIn) return 401;
  if (!allows(endpoint.access, caller.roles)) return 403;
  if (endpoint.mfa && !caller.multiFactor) return 403;
  return success;
}

let t: TestApp;
const callers: Caller[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const group = await t.store.logs.ensureGroup({ name: 'matrix', ttlInDays: 7 });
  const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'app' });
  contextLine = (await t.store.logs.appendLines(stream.id, [{ time: Date.now(), content: 'matrix sample error', labels: {} }])).firstLineNum!;
  await t.store.traces.appendTraces([makeTrace('matrix-trace', { time: Date.now() - 60_000 })]);
  anomalyId = (await plantSpike(t.store, Date.now())).id;
  const user = (label: string, roles: Role[], amr: string[]): Caller => ({
    label,
    subject: `u-${label}`,
    roles,
    signedIn: true,
    multiFactor: amr.includes('otp'),
    headers: (method, path) => dpopHeaders(t.issuer, method, path.split('?')[0] as string, { roles, amr, sub: `u-${label}` }),
  });
  const apiToken = (role: Role): Caller => {
    const { token, secret } = t.state.tokens.create({ name: `matrix ${role}`, role, expiresInDays: 1 }, 'test');
    return { label: `API token (${role})`, subject: `token:${token.id}`, roles: [role], signedIn: true, multiFactor: false, headers: async () => ({ authorization: `Bearer ${secret}` }) };
  };
  callers.push(
    { label: 'anonymous', subject: 'anonymous', roles: [], signedIn: false, multiFactor: false, headers: async () => ({}) },
    user('analyst', ['analyst'], ['pwd']),
    user('admin', ['admin'], ['pwd', 'otp']),
    user('manager', ['manager'], ['pwd']),
    user('admin without MFA', ['admin'], ['pwd']),
    user('no role', [], ['pwd']),
    apiToken('analyst'),
    apiToken('admin'),
    apiToken('manager'),
  );
});
afterAll(() => t.close());

describe('role matrix', () => {
  it('every endpoint answers every caller exactly as the contract says', async () => {
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const name of Object.keys(endpoints) as EndpointName[]) {
      const endpoint: Endpoint = endpoints[name];
      const cells: string[] = [];
      for (const caller of callers) {
        const sample = samples[name](t, caller);
        const headers = await caller.headers(endpoint.method, sample.path);
        const response = await t.app.request(sample.path, {
          method: endpoint.method,
          headers: { ...headers, ...sample.headers, ...(sample.body ? { 'content-type': 'application/json' } : {}) },
          body: sample.body ? JSON.stringify(sample.body) : undefined,
        });
        // Streamed answers (exports, live tails) are not read: cancelling lets them stop.
        await response.body?.cancel();
        const expected = expectedStatus(endpoint, caller);
        cells.push(String(response.status));
        if (response.status !== expected) mismatches.push(`${name} as ${caller.label}: got ${response.status}, expected ${expected}`);
      }
      rows.push(`| ${endpoint.method} ${endpoint.path} | ${cells.join(' | ')} |`);
    }
    const table = [`| endpoint | ${callers.map((c) => c.label).join(' | ')} |`, `|---|${callers.map(() => '---').join('|')}|`, ...rows].join('\n');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/role-matrix.md', `${table}\n`);
    expect(mismatches).toEqual([]);
  });

  it('refusals and admin changes land in the audit trail, and the chain stays intact', () => {
    const actions = t.state.audit.list({ limit: 500 }).records.map((r) => r.trace_name);
    expect(actions).toContain('refusedRequest');
    expect(actions).toContain('createApiToken');
    expect(actions).toContain('revokeApiToken');
    expect(actions).toContain('updateAlertRule');
    expect(t.state.audit.verify().intact).toBe(true);
  });
});
