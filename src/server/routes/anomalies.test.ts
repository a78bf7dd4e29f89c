// Anomaly endpoints through the real HTTP pipeline over a real embedded store: a planted spike is
// listed, charted with its band, explained (who, what) with the CTS change before it, marked by
// an analyst (audited, muted, left out of baselines); managers get the masked summary only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyDetailSchema, anomalyListSchema, anomalySeriesSchema, anomalySummarySchema } from '../../contract/index.ts';
import { plantSpike, type PlantedSpike } from '../services/anomalies/testing/plant.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

const NOW = Date.now();
let t: TestApp;
let spike: PlantedSpike;
beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  spike = await plantSpike(t.store, NOW);
  // A change on the spiking host 20 minutes before, and a read that must not be listed.
  await t.store.traces.appendTraces([
    makeTrace('change-before', { time: spike.spikeStart - 20 * 60_000, trace_name: 'rebootServer', resource_name: 'app-01' }),
    makeTrace('read-before', { time: spike.spikeStart - 10 * 60_000, trace_name: 'listServers', resource_name: 'app-01' }),
  ]);
}, 120_000);
afterAll(() => t.close());

const analyst = { sub: 'u-ana', name: 'Ana Lyst', roles: ['analyst'] };
const manager = { sub: 'u-mia', name: 'Mia Manager', roles: ['manager'] };

async function call(user: typeof analyst, method: string, path: string, body?: unknown): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, method, path.split('?')[0]!, user);
  return t.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('anomaly endpoints', () => {
  it('lists the planted spike first by score, with band, score and a one-line summary', async () => {
    const response = await call(analyst, 'GET', '/api/anomalies?sort=score&minScore=50');
    expect(response.status).toBe(200);
    const page = anomalyListSchema.parse(await response.json());
    expect(page.complete).toBe(true);
    expect(page.evaluatedUntil).toBeLessThanOrEqual(NOW);
    const top = page.anomalies[0]!;
    expect(top).toMatchObject({ id: spike.id, kind: 'log_volume', subject: { group: 'anomaly-test', stream: 'app' }, start: spike.spikeStart, direction: 'up', unit: 'lines' });
    expect(top.actual).toBe(202);
    expect(top.expected).toBe(2);
    expect(top.upper).toBeLessThan(top.actual);
    expect(top.score).toBeGreaterThanOrEqual(95);
    expect(top.summary).toBe('Lines rose to 202 in 5 min (usually ~2)');
  });

  it('charts the series with the band, and the score only where the spike is', async () => {
    const from = spike.spikeStart - 3_600_000;
    const response = await call(analyst, 'GET', `/api/anomalies/series?kind=log_volume&group=anomaly-test&stream=app&from=${from}&to=${spike.spikeStart + 3_600_000}`);
    const series = anomalySeriesSchema.parse(await response.json());
    expect(series.bucketMs).toBe(300_000);
    expect(series.points).toHaveLength(24);
    const peak = series.points.find((p) => p.time === spike.spikeStart)!;
    expect(peak).toMatchObject({ actual: 202, expected: 2 });
    expect(peak.score).toBeGreaterThan(90);
    expect(series.points.filter((p) => p.score > 0)).toHaveLength(1);
    expect(series.points.every((p) => p.lower !== null && p.upper !== null && p.lower <= p.expected! && p.expected! <= p.upper)).toBe(true);
  });

  it('explains the anomaly and lists the change before it, related first, with search and audit links', async () => {
    const response = await call(analyst, 'GET', `/api/anomalies/${spike.id}`);
    expect(response.status).toBe(200);
    const detail = anomalyDetailSchema.parse(await response.json());
    expect(detail.explanation.sentence).toBe('“Failed password for” lines from 203.0.113.9 rose from ~0 to 200 in 5 min (mostly on app-01).');
    expect(detail.explanation.contributors).toContainEqual({ field: 'source_ip', value: '203.0.113.9', actual: 200, baseline: 0 });
    expect(detail.explanation.complete).toBe(true);
    expect(detail.changes.traces.map((c) => [c.trace_id, c.relation])).toEqual([['change-before', ['same_host']]]);
    expect(detail.links.search).toEqual({ q: '"Failed password for" AND 203.0.113.9', group: 'anomaly-test', stream: 'app', from: spike.spikeStart, to: spike.spikeStart + 300_000 });
    expect(detail.links.audit).toBeNull();
  });

  it('refuses unknown ids, bad windows and ambiguous series with a reason', async () => {
    expect((await call(analyst, 'GET', '/api/anomalies/not-an-id')).status).toBe(404);
    const long = await call(analyst, 'GET', `/api/anomalies?from=${NOW - 40 * 86_400_000}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toContain('at most 35 days');
    // The traces give a user and a service series of this kind: the request must name one.
    const ambiguous = await call(analyst, 'GET', '/api/anomalies/series?kind=audit_volume');
    expect(ambiguous.status).toBe(400);
  });

  it('records feedback with before and after in the audit trail and mutes the anomaly', async () => {
    const first = await call(analyst, 'POST', `/api/anomalies/${spike.id}/feedback`, { verdict: 'confirmed', note: 'attack' });
    expect(first.status).toBe(200);
    const second = await call(analyst, 'POST', `/api/anomalies/${spike.id}/feedback`, { verdict: 'expected', note: 'pen test <b>planned</b>' });
    expect(await second.json()).toMatchObject({ verdict: 'expected', note: 'pen test <b>planned</b>', by: 'Ana Lyst' });
    const records = t.state.audit.list({ actions: ['anomalyFeedback'], limit: 10 }).records;
    expect(records).toHaveLength(2);
    expect(JSON.parse(records[0]!.request)).toMatchObject({ before: { verdict: 'confirmed' }, after: { verdict: 'expected' } });
    const page = anomalyListSchema.parse(await (await call(analyst, 'GET', '/api/anomalies?group=anomaly-test')).json());
    expect(page.anomalies.find((a) => a.id === spike.id)?.feedback?.verdict).toBe('expected');
    expect((await call(analyst, 'POST', `/api/anomalies/${spike.id}/feedback`, { verdict: 'maybe' })).status).toBe(400);
  });

  it('gives managers counts per day and severity without subjects, and nothing else', async () => {
    const response = await call(manager, 'GET', '/api/anomalies/summary');
    const summary = anomalySummarySchema.parse(await response.json());
    expect(summary.masked).toBe(true);
    expect(summary.cells).toEqual([]);
    expect(summary.days.reduce((n, d) => n + d.high, 0)).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(summary)).not.toContain('anomaly-test');
    expect((await call(manager, 'GET', '/api/anomalies')).status).toBe(403);
    const forAnalyst = anomalySummarySchema.parse(await (await call(analyst, 'GET', '/api/anomalies/summary')).json());
    expect(forAnalyst.cells.find((c) => c.anomalyId === spike.id)).toMatchObject({ subject: 'anomaly-test/app', kind: 'log_volume' });
  });
});
