// Query parameters through the real pipeline: numbers are decimal only, a repeated single-valued
// parameter is a 400 that names it, and tokens in paths never reach the request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '../../contract/index.ts';
import { createLogger } from '../logger.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
const lines: string[] = [];
let auth: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ logger: createLogger('info', (line) => lines.push(line)) });
  auth = { authorization: `Bearer ${t.state.tokens.create({ name: 'ci', role: 'analyst', expiresInDays: 1 }, 'test').secret}` };
});
afterAll(async () => {
  await t.close();
});

async function issues(url: string) {
  const response = await t.app.request(url, { headers: auth });
  expect(response.status, url).toBe(400);
  return errorEnvelopeSchema.parse(await response.json()).error;
}

describe('query parameters', () => {
  it('take decimal numbers only', async () => {
    for (const limit of ['0x10', '1e1', '0b1', ' 16', '16.0']) {
      const error = await issues(`/api/logs/search?q=x&limit=${encodeURIComponent(limit)}`);
      expect(error.details).toMatchObject({ issues: [expect.objectContaining({ path: 'query.limit' })] });
    }
    expect((await t.app.request('/api/logs/search?q=x&limit=16', { headers: auth })).status).toBe(200);
  });

  it('refuse a single-valued parameter given twice, naming it; repeatable ones stay repeatable', async () => {
    const error = await issues('/api/logs/search?q=x&limit=5&limit=6');
    expect(error.message).toBe('invalid query: query.limit: given 2 times; this parameter takes one value');
    expect((await issues('/api/logs/search?q=a&q=b')).message).toMatch(/query\.q: given 2 times/);
    expect((await t.app.request('/api/traces?user=a&user=b', { headers: auth })).status).toBe(200);
  });

  it('never log a token found in a path', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LWFkbWluIn0.c2lnbmF0dXJlLWhlcmU';
    await t.app.request(`/api/nothing/vgl_abcdefABCDEF0123456789/${jwt}`);
    const raw = lines.join('\n');
    expect(raw).toContain('vgl_[redacted]');
    expect(raw).toContain('[jwt redacted]');
    expect(raw).not.toContain('abcdefABCDEF0123456789');
    expect(raw).not.toContain('c2lnbmF0dXJlLWhlcmU');
  });
});
