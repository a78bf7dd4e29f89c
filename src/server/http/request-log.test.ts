import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';
import { createLogger } from '../logger.ts';

describe('request logs', () => {
  it('are one JSON line per request and never contain credentials or query strings', async () => {
    const lines: string[] = [];
    const t = await createTestApp({ logger: createLogger('info', (line) => lines.push(line)) });
    try {
      const headers = await dpopHeaders(t.issuer, 'GET', '/api/me');
      await t.app.request('/api/me?q=secret-search-term', { headers: { ...headers, cookie: '_session=abc123' } });
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0] as string) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/me', status: 400 });
      const raw = lines.join('\n');
      for (const secret of [headers.authorization?.slice(5), headers.dpop, 'abc123', 'secret-search-term']) {
        expect(raw).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });
});
