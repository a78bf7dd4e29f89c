// Forwarders through the real HTTP pipeline on a real state.db: the HEC token is write-only,
// changes are audited with before/after, destinations and queries are checked at save time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwarderListSchema, forwarderSchema, healthSchema } from '../../contract/index.ts';
import { parseAllowList } from '../outbound/address-policy.ts';
import { OutboundClient } from '../outbound/client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ outbound: new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 3000 }), maxBodyBytes: 65_536 });
});
afterAll(async () => t.close());

const admin = { sub: 'u-admin', name: 'Ada Admin', roles: ['admin'], amr: ['pwd', 'otp'] };
const adminNoMfa = { sub: 'u-admin', name: 'Ada Admin', roles: ['admin'] };

async function call(user: object, method: string, path: string, body?: unknown) {
  const headers = await dpopHeaders(t.issuer, method, path.split('?')[0]!, user);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const TOKEN = 'hec-token-never-shown-5d1c';
const hec = { name: 'Splunk SOC', source: { kind: 'logs', query: 'level:ERROR', streams: ['ecs-prod/auth'] }, destination: { format: 'hec', url: 'https://splunk.example.com:8088', token: TOKEN, index: 'otc', ack: true } };

describe('forwarders API', () => {
  it('creates a HEC forwarder: the token is stored, never returned, never audited', async () => {
    const response = await call(admin, 'POST', '/api/admin/forwarders', hec);
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    const created = forwarderSchema.parse(JSON.parse(text));
    expect(created.destination).toEqual({ format: 'hec', url: 'https://splunk.example.com:8088', index: 'otc', ack: true, tokenSet: true });
    expect(created.status).toMatchObject({ state: 'ok', delivered: 0, failures: 0, lastError: null });
    expect(t.state.forwarders.get(created.id)!.secrets.token).toBe(TOKEN);
    const list = forwarderListSchema.parse(await (await call(admin, 'GET', '/api/admin/forwarders')).json());
    expect(list.forwarders.map((f) => f.name)).toContain('Splunk SOC');
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    const records = JSON.stringify(t.state.audit.list({ limit: 50 }).records);
    expect(records).toContain('createForwarder');
    expect(records).not.toContain(TOKEN);
  });

  it('keeps the stored token when an update omits it, and audits before and after', async () => {
    const id = t.state.forwarders.list().find((f) => f.name === 'Splunk SOC')!.id;
    const { token: _token, ...destination } = hec.destination;
    const response = await call(admin, 'PUT', `/api/admin/forwarders/${id}`, { ...hec, name: 'Splunk SOC 2', enabled: false, destination });
    expect(response.status).toBe(200);
    expect(forwarderSchema.parse(await response.json()).status.state).toBe('disabled');
    expect(t.state.forwarders.get(id)!.secrets.token).toBe(TOKEN);
    const record = t.state.audit.list({ limit: 50 }).records.find((r) => r.trace_name === 'updateForwarder')!;
    const request = JSON.parse(record.request) as { before: { name: string; enabled: boolean }; after: { name: string; enabled: boolean } };
    expect(request.before).toMatchObject({ name: 'Splunk SOC', enabled: true });
    expect(request.after).toMatchObject({ name: 'Splunk SOC 2', enabled: false });
  });

  it('needs the step-up for changes', async () => {
    const response = await call(adminNoMfa, 'POST', '/api/admin/forwarders', hec);
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('mfa_required');
  });

  it('refuses inner destinations, plain-http HEC, a missing token and a bad query with its position', async () => {
    const refused = await call(admin, 'POST', '/api/admin/forwarders', { ...hec, destination: { format: 'gelf', host: '169.254.169.254', port: 12201, transport: 'udp' } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/body\.destination\.host.*destination refused/);
    const http = await call(admin, 'POST', '/api/admin/forwarders', { ...hec, destination: { ...hec.destination, url: 'http://splunk.example.com:8088' } });
    expect(JSON.stringify(await http.json())).toMatch(/https is required/);
    const noToken = await call(admin, 'POST', '/api/admin/forwarders', { ...hec, destination: { format: 'hec', url: 'https://splunk.example.com' } });
    expect(JSON.stringify(await noToken.json())).toMatch(/HEC token is required/);
    const query = await call(admin, 'POST', '/api/admin/forwarders', { ...hec, source: { kind: 'logs', query: 'status:(500', streams: [] } });
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { details: { query: { position: number } } } }).error.details.query.position).toBeGreaterThanOrEqual(0);
    const ca = await call(admin, 'POST', '/api/admin/forwarders', { ...hec, destination: { format: 'cef', host: 'siem.example.com', port: 6514, transport: 'tls', caPem: 'not a certificate' } });
    expect(JSON.stringify(await ca.json())).toMatch(/not a PEM certificate/);
  });

  it('shows forwarders in /api/health and deletes them (audited)', async () => {
    const health = healthSchema.parse(await (await t.app.request('/api/health')).json());
    expect(health.forwarders?.map((f) => f.name)).toContain('Splunk SOC 2');
    const id = t.state.forwarders.list().find((f) => f.name === 'Splunk SOC 2')!.id;
    expect((await call(admin, 'DELETE', `/api/admin/forwarders/${id}`)).status).toBe(200);
    expect(t.state.forwarders.get(id)).toBeNull();
    expect(t.state.audit.list({ limit: 50 }).records.some((r) => r.trace_name === 'deleteForwarder')).toBe(true);
  });
});
