import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, healthSchema, logGroupListSchema } from '../contract/index.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';
import { dpopHeaders } from './testing/tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const group = await t.store.logs.ensureGroup({ name: 'ecs-prod', ttlInDays: 30 });
  const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'auth' });
  await t.store.logs.appendLines(stream.id, [
    { time: Date.now() - 60_000, content: 'sshd[1]: Accepted password for ops', labels: { hostName: 'ecs-a', level: 'INFO' } },
    { time: Date.now() - 30_000, content: 'sshd[2]: Failed password for root', labels: { hostName: 'ecs-a', level: 'WARN' } },
  ]);
});
afterAll(() => t.close());

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; responses: Record<string, { content: Record<string, { schema: { properties: object } }> }> }>>;
}

async function errorOf(response: Response) {
  return errorEnvelopeSchema.parse(await response.json()).error;
}

describe('the BFF', () => {
  it('reports health publicly with what the store holds', async () => {
    const response = await t.app.request('/api/health');
    expect(response.status).toBe(200);
    const health = healthSchema.parse(await response.json());
    expect(health).toMatchObject({ status: 'ok', version: '0.0.0-test', store: { kind: 'embedded', lines: 2, traces: 0 } });
  });

  it('serves an OpenAPI 3.1 document generated from the contract', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    const logGroups = doc.paths['/api/log-groups']?.get;
    expect(logGroups?.operationId).toBe('listLogGroups');
    expect(logGroups?.responses['200']?.content['application/json']?.schema.properties).toHaveProperty('log_groups');
    expect(doc.paths['/api/health']?.get?.security).toEqual([]);
  });

  it('lists log groups with streams, retention and counts for a signed-in analyst', async () => {
    const response = await t.app.request('/api/log-groups', { headers: await dpopHeaders(t.issuer, 'GET', '/api/log-groups') });
    expect(response.status).toBe(200);
    const { log_groups } = logGroupListSchema.parse(await response.json());
    expect(log_groups).toHaveLength(1);
    expect(log_groups[0]).toMatchObject({ log_group_name: 'ecs-prod', ttl_in_days: 30, line_count: 2 });
    expect(log_groups[0]?.log_streams[0]).toMatchObject({ log_stream_name: 'auth', line_count: 2 });
  });

  it('answers 401 with a reason without credentials, 403 without a Vigil role', async () => {
    const anonymous = await t.app.request('/api/log-groups');
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toMatchObject({ code: 'unauthenticated', details: { reason: 'missing_credentials' } });

    const nobody = await t.app.request('/api/log-groups', { headers: await dpopHeaders(t.issuer, 'GET', '/api/log-groups', { roles: [] }) });
    expect(nobody.status).toBe(403);
    expect(await errorOf(nobody)).toMatchObject({ code: 'forbidden' });
  });

  it('tells any signed-in user who they are, roles included', async () => {
    const response = await t.app.request('/api/me', { headers: await dpopHeaders(t.issuer, 'GET', '/api/me', { roles: [], name: 'No Body' }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'u-test', name: 'No Body', roles: [], kind: 'user', multiFactor: false });
  });

  it('refuses an admin change without a multi-factor sign-in with 403 mfa_required', async () => {
    const body = JSON.stringify({ name: 'ci', role: 'analyst', expiresInDays: 1 });
    const headers = { ...(await dpopHeaders(t.issuer, 'POST', '/api/admin/tokens', { roles: ['admin'], amr: ['pwd'] })), 'content-type': 'application/json' };
    const response = await t.app.request('/api/admin/tokens', { method: 'POST', headers, body });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'mfa_required', details: { reason: 'step_up_needed' } });
  });

  it('answers unknown API routes with a 404 envelope', async () => {
    const response = await t.app.request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'not_found' });
  });

  it('refuses query parameters the endpoint does not know', async () => {
    const response = await t.app.request('/api/log-groups?bogus=1', { headers: await dpopHeaders(t.issuer, 'GET', '/api/log-groups') });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const response = await t.app.request('/api/health', { method: 'POST', body: 'x'.repeat(10_000), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 4096 } });
  });

  it('sets strict security headers on every response', async () => {
    const response = await t.app.request('/api/health');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
