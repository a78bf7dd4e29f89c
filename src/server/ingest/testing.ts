/** Test kit for the receivers: the real app with live ingest over a real store, listening on a port. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import type { IngestHttpDeps } from './http/ingest-auth.ts';
import { IngestMetrics } from './pipeline/metrics.ts';
import { IngestQueue, type IngestQueueOptions } from './pipeline/queue.ts';
import { RateLimiter } from './pipeline/rate-limit.ts';

export interface IngestTestApp extends TestApp {
  ingest: IngestHttpDeps;
  /** http://127.0.0.1:<port> of the listening app. */
  origin: string;
  /** A token for reading (analyst). */
  readToken: string;
}

export async function createIngestTestApp(options: { queue?: Partial<IngestQueueOptions>; ratePerToken?: number } = {}): Promise<IngestTestApp> {
  let ingest: IngestHttpDeps | undefined;
  const base = await createTestApp((store, state) => {
    const queue = new IngestQueue({ store, metrics: new IngestMetrics(), ...options.queue });
    ingest = { queue, tokens: state.ingestTokens, limiter: new RateLimiter(options.ratePerToken ?? 1_000_000), maxBodyBytes: 4 * 1024 * 1024, maxInflatedBytes: 32 * 1024 * 1024, now: Date.now };
    return { ingest };
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: base.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const readToken = base.state.tokens.create({ name: 'reader', role: 'analyst', expiresInDays: 1 }, 'test').secret;
  return {
    ...base,
    ingest: ingest!,
    origin: `http://127.0.0.1:${port}`,
    readToken,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ingest!.queue.close();
      await base.close();
    },
  };
}

/** Lines of a group found by a query through the search API, oldest first. */
export async function searchLines(t: IngestTestApp, q: string, limit = 500): Promise<{ content: string; group: string; stream: string; labels: Record<string, string>; time: number }[]> {
  const url = `/api/logs/search?q=${encodeURIComponent(q)}&from=${Date.now() - 300 * 86_400_000}&to=${Date.now() + 3 * 86_400_000}&limit=${limit}&order=oldest`;
  const response = await t.app.request(url, { headers: { authorization: `Bearer ${t.readToken}` } });
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { lines: { content: string; group: string; stream: string; labels: Record<string, string>; time: number }[] }).lines;
}
