// Admission of heavy reads through the real HTTP pipeline: a user's third concurrent whole-window
// scan is a 429 with Retry-After while others (and the same user's light searches) go on, and
// /api/health answers while the store is stuck behind long reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, healthSchema } from '../../contract/index.ts';
import type { SearchableStore, StoreCounts } from '../storage/ports.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

let t: TestApp;
/** Searches and counts wait here until the test opens the gate. */
let gate: Promise<void> = Promise.resolve();
let openGate: () => void = () => undefined;
let holdCounts = false;
let pendingSearches = 0;

function closeGate() {
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
}

function gated(real: SearchableStore): SearchableStore {
  const held = <A extends unknown[], R>(run: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    pendingSearches++;
    try {
      await gate;
      return await run(...args);
    } finally {
      pendingSearches--;
    }
  };
  return {
    ...real,
    logs: real.logs,
    traces: real.traces,
    close: () => real.close(),
    counts: (): Promise<StoreCounts> => (holdCounts ? new Promise(() => undefined) : real.counts()),
    search: { ...real.search, searchLines: held(real.search.searchLines), histogram: held(real.search.histogram) },
  };
}

beforeAll(async () => {
  t = await createTestApp({}, gated);
}, 30_000);

afterAll(async () => {
  openGate();
  await t.close();
});

async function get(url: string, subject = 'analyst-1'): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, 'GET', url.split('?')[0]!, { roles: ['analyst'], sub: subject });
  return t.app.request(url, { headers });
}

async function settle(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
}

const heavy = `/api/logs/search?q=${encodeURIComponent('/fail(ed)?.*root/')}&limit=100`;
const light = `/api/logs/search?q=error&limit=100`;

describe('heavy-read admission', () => {
  it('refuses a third concurrent heavy search of one user with 429 and Retry-After, not other users or light searches', async () => {
    closeGate();
    const first = get(heavy);
    const second = get(heavy);
    await settle(() => pendingSearches === 2);

    const third = await get(heavy);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const envelope = errorEnvelopeSchema.parse(await third.json());
    expect(envelope.error.code).toBe('rate_limited');
    expect(envelope.error.details).toMatchObject({ reason: 'heavy_reads_per_user', limit: 2 });
    expect(envelope.error.message).toMatch(/2 long-running searches/);

    const histogram = await get(`/api/logs/histogram?q=${encodeURIComponent('status>=500')}`);
    expect(histogram.status).toBe(429);

    const others = [get(light), get(heavy, 'analyst-2')];
    await settle(() => pendingSearches === 4);
    openGate();
    const answers = await Promise.all([first, second, ...others]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    // The slots were given back when the searches ended.
    expect((await get(heavy)).status).toBe(200);
  });

  it('answers /api/health from recent counts while the store cannot answer', async () => {
    const first = healthSchema.parse(await (await t.app.request('/api/health')).json());
    holdCounts = true;
    try {
      const during = await t.app.request('/api/health');
      expect(during.status).toBe(200);
      expect(healthSchema.parse(await during.json()).store).toEqual(first.store);
    } finally {
      holdCounts = false;
    }
  });
});
