// Refused anonymous requests through the real HTTP pipeline: repeats are folded into one audit
// record with a count, and one address gets 429 after its budget of requests without credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '../../contract/index.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const refusals = () => t.state.audit.list({ actions: ['refusedRequest'], limit: 1000 }).records;

describe('refused anonymous requests', () => {
  it('append one record for a burst of identical refusals and a count when the window ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await t.app.request('/api/log-groups')).status);
    expect(statuses.slice(0, 120).every((s) => s === 401)).toBe(true);
    const limited = await t.app.request('/api/log-groups');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorEnvelopeSchema.parse(await limited.json()).error.details).toMatchObject({ reason: 'anonymous_rate' });

    // One record for the 401s, one for the 429s: not 301.
    expect(refusals()).toHaveLength(2);
    t.state.audit.flushRepeats();
    const all = refusals();
    expect(all).toHaveLength(4);
    const counted = all.map((r) => (JSON.parse(r.request) as { repeated?: number }).repeated ?? 0);
    expect(counted.reduce((a, b) => a + b, 0) + 2).toBe(301);
    expect(all.some((r) => /^119 more like this from /.test(r.message))).toBe(true);
    expect(t.state.audit.verify().intact).toBe(true);
  });

  it('does not count signed-in callers or public endpoints', async () => {
    expect((await t.app.request('/api/health')).status).toBe(200);
    const { secret } = t.state.tokens.create({ name: 'ci', role: 'analyst', expiresInDays: 1 }, 'test');
    expect((await t.app.request('/api/log-groups', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
  });
});
