/**
 * CTS answers the last 7 days only: a trace query reaching further back is an honest partial
 * result naming the limit, and every answer says which region gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceFilter } from '../ports.ts';
import { startSimPair, type SimPair } from './testing/sim-pair.ts';
import { CTS_LIMIT, withinReach } from './traces.ts';

const DAY = 86_400_000;
let pair: SimPair;

beforeAll(async () => {
  pair = await startSimPair({ lines: 8000, days: 12 });
}, 60_000);

afterAll(async () => {
  await pair?.close();
});

const filter = (from: number, to: number, extra: Partial<TraceFilter> = {}): TraceFilter => ({
  from, to, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [], sourceIps: [], networks: [],
  resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [], ...extra,
});

describe('the CTS 7-day query limit', () => {
  it('clamps a window to the last 7 days and says so only when it began noticeably earlier', () => {
    const now = Date.UTC(2026, 11, 6);
    expect(withinReach(filter(now - 3 * DAY, now), now)).toEqual({ filter: filter(now - 3 * DAY, now), reachableFrom: null });
    expect(withinReach(filter(now - 10 * DAY, now), now)).toEqual({ filter: filter(now - 7 * DAY, now), reachableFrom: now - 7 * DAY });
    // "The last 7 days" computed a moment ago is not a cut window.
    expect(withinReach(filter(now - 7 * DAY - 500, now), now).reachableFrom).toBeNull();
    // Entirely older than 7 days: nothing is reachable.
    const old = withinReach(filter(now - 20 * DAY, now - 10 * DAY), now);
    expect(old.filter.from).toBe(old.filter.to);
    expect(old.reachableFrom).toBe(now - 7 * DAY);
  });

  it('lists, counts and facets a 12-day window as partial from 7 days back, naming the limit and the region', async () => {
    const store = pair.open();
    const now = Date.now();
    const asked = filter(now - 12 * DAY, now + 60_000);
    expect(pair.primary.tenant.traceList.some((t) => t.time < now - 8 * DAY)).toBe(true);

    const page = await store.traces.listTraces(asked, { limit: 100, after: null });
    expect(page.traces.length).toBe(100);
    expect(page.remote).toMatchObject({ region: 'eu-de', retried: false, limit: CTS_LIMIT });
    expect(page.remote!.reachableFrom).toBeGreaterThanOrEqual(now - 7 * DAY);
    expect(page.remote!.reachableFrom).toBeLessThan(now - 7 * DAY + 60_000);

    const timeline = await store.traces.timeline({ filter: asked, bucketStart: asked.from, bucketMs: DAY, bucketCount: 13, maxPoints: 0 });
    expect(timeline.remote?.limit).toBe(CTS_LIMIT);
    // No operation older than the reach is counted (the first buckets stay empty, by the limit).
    expect(timeline.normal.slice(0, 4).every((n) => n === 0)).toBe(true);
    const facets = await store.traces.facets(asked, 5);
    expect(facets.remote?.reachableFrom).toBeGreaterThanOrEqual(now - 7 * DAY);
    expect(facets.remote?.limit).toBe(CTS_LIMIT);

    // A window inside the 7 days is complete and carries no limit.
    const recent = await store.traces.listTraces(filter(now - 2 * DAY, now + 60_000), { limit: 10, after: null });
    expect(recent.remote).toEqual({ region: 'eu-de', retried: false, reachableFrom: null, limit: null });
    await store.close();
  }, 60_000);

  it('pages an old window to its end without reaching past the limit', async () => {
    const store = pair.open();
    const now = Date.now();
    const asked = filter(now - 12 * DAY, now + 60_000, { serviceTypes: ['KMS'] });
    const seen: number[] = [];
    let after = null;
    for (let i = 0; i < 50; i++) {
      const page = await store.traces.listTraces(asked, { limit: 200, after });
      seen.push(...page.traces.map((t) => t.time));
      expect(page.remote?.limit).toBe(CTS_LIMIT);
      if (!page.next) break;
      after = page.next;
    }
    const horizon = now - 7 * DAY;
    const expected = pair.primary.tenant.traceList.filter((t) => t.service_type === 'KMS' && t.time >= horizon + 60_000 && t.time < now);
    expect(seen.length).toBeGreaterThanOrEqual(expected.length);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(horizon);
    await store.close();
  }, 60_000);
});
