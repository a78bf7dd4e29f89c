// The trace list, timeline and facets over the seeded demo tenant, through the real HTTP pipeline
// and store: every filter combination gives exactly what a brute-force filter over every stored
// trace gives, in newest-first order, across pages, and timeline and facets count the same set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, traceFacetsSchema, traceListSchema, traceTimelineSchema, type TraceSummary } from '../../contract/index.ts';
import { NEVER_SEEN_IP } from '../seed/index.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { DAY, NOW, matches, openTraceFixture, queryString, type Params, type StoredTrace, type TraceFixture } from '../traces/testing/trace-fixture.ts';

const FROM = NOW - 30 * DAY;
const TO = NOW;
const window = `from=${FROM}&to=${TO}`;
// Thirty traces in one millisecond: paging must still visit each exactly once.
const SAME_TIME = NOW - 2 * DAY;
const tied = Array.from({ length: 30 }, (_, i) => makeTrace(`tied-${String(i).padStart(2, '0')}`, { time: SAME_TIME, service_type: 'TIE', request_id: `tie-${i}` }));

let f: TraceFixture;
let stored: StoredTrace[];
beforeAll(async () => {
  f = await openTraceFixture(tied);
  stored = f.all();
});
afterAll(() => f.close());

async function pageThrough(params: Params, limit: number): Promise<TraceSummary[]> {
  const traces: TraceSummary[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const url: string = `/api/traces?${window}&${queryString(params)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await f.json(url, traceListSchema);
    expect(page.traces.length).toBeLessThanOrEqual(limit);
    expect(page.complete).toBe(page.cursor === null);
    traces.push(...page.traces);
    cursor = page.cursor;
    if (cursor === null) return traces;
  }
  throw new Error('paging did not end');
}

const someone = () => stored.find((t) => t.user.name === 'anna.schmidt')!;

const COMBINATIONS: [string, () => Params][] = [
  ['one user by name', () => ({ user: ['tobias.becker'] })],
  ['a user by id, two ratings', () => ({ user: [someone().user.id], trace_rating: ['warning', 'incident'] })],
  ['two users and a service', () => ({ user: ['lena.fischer', 'mehmet.yilmaz'], service_type: ['ECS'] })],
  ['service and operation', () => ({ service_type: ['IAM'], trace_name: ['login'] })],
  ['two operations', () => ({ trace_name: ['deleteServer', 'createVolume'] })],
  ['a network and a trace type', () => ({ source_ip: ['217.6.112.8/30'], trace_type: ['ConsoleAction'] })],
  ['an exact address or a network', () => ({ source_ip: [NEVER_SEEN_IP, '91.213.47.0/24'] })],
  ['resource name contains, case-insensitive', () => ({ resource_name: ['BASTION'] })],
  ['free text over operation or resource name, case-insensitive', () => ({ text: ['BASTION'] })],
  ['free text matching operations', () => ({ text: ['DELETE'] })],
  ['two free texts and a service', () => ({ text: ['volume', 'Login'], service_type: ['ECS', 'IAM'] })],
  ['free text and a resource name together', () => ({ text: ['create'], resource_name: ['bastion'] })],
  ['part of a resource id', () => ({ resource_id: [someone().resource_id.slice(3, 11)] })],
  ['a request id', () => ({ request_id: [someone().request_id] })],
  ['client errors of a service', () => ({ code: ['4xx'], service_type: ['ECS', 'EVS'] })],
  ['an exact code and a class', () => ({ code: ['204', '5xx'] })],
  ['system incidents', () => ({ trace_type: ['SystemAction'], trace_rating: ['incident'] })],
  ['resource type and rating', () => ({ resource_type: ['security_group_rule'], trace_rating: ['warning'] })],
  ['a value nobody has', () => ({ user: ['nobody'] })],
];

describe('GET /api/traces', () => {
  it.each(COMBINATIONS)('%s: same traces as brute force, newest first, across pages', async (label, build) => {
    const params = build();
    const want = stored.filter((trace) => matches(trace, params, FROM, TO)).map((trace) => trace.trace_id);
    if (label !== 'a value nobody has') expect(want.length, 'the combination should match something').toBeGreaterThan(0);
    const got = await pageThrough(params, 23);
    expect(got.map((trace) => trace.trace_id)).toEqual(want);
  });

  it('free text matches the operation or the resource name, either one', async () => {
    const params: Params = { text: ['Backup'] };
    const want = stored.filter((trace) => matches(trace, params, FROM, TO));
    const has = (value: string) => value.toLowerCase().includes('backup');
    // The combination exercises both sides of the OR, not just one of them.
    expect(want.some((t) => has(t.trace_name) && !has(t.resource_name))).toBe(true);
    expect(want.some((t) => has(t.resource_name) && !has(t.trace_name))).toBe(true);
    const got = await pageThrough(params, 100);
    expect(got.map((trace) => trace.trace_id)).toEqual(want.map((trace) => trace.trace_id));
  });

  it('returns every trace of the window exactly once in pages of 50', async () => {
    const want = stored.filter((trace) => trace.time >= FROM && trace.time < TO).map((trace) => trace.trace_id);
    expect(want.length).toBeGreaterThan(1_500);
    const got = (await pageThrough({}, 50)).map((trace) => trace.trace_id);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(want);
  });

  it('pages through traces sharing one millisecond without gaps or repeats', async () => {
    const got = await pageThrough({ service_type: ['TIE'] }, 7);
    expect(got.map((trace) => trace.trace_id)).toEqual(tied.map((trace) => trace.trace_id).reverse());
  });

  it('refuses a cursor it did not hand out, and unknown or malformed filters', async () => {
    for (const url of [
      `/api/traces?cursor=${encodeURIComponent('not a cursor')}`,
      `/api/traces?cursor=${Buffer.from('12.x').toString('base64url')}`,
      '/api/traces?source_ip=10.0.0.300',
      '/api/traces?code=6xx',
      '/api/traces?trace_rating=bad',
      '/api/traces?tracker=system',
      `/api/traces?from=${TO}&to=${FROM}`,
    ]) {
      const response = await f.get(url);
      expect(response.status, url).toBe(400);
      expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe('validation_failed');
    }
  });

  it('audits the search with its filters, never its results', async () => {
    await f.json(`/api/traces?${window}&user=tobias.becker&trace_rating=incident&text=bastion`, traceListSchema);
    const record = f.t.state.audit.list({ actions: ['searchTraces'], limit: 1 }).records[0]!;
    expect(JSON.parse(record.request)).toEqual({
      from: FROM, to: TO, user: ['tobias.becker'], trace_rating: ['incident'], text: ['bastion'], limit: 50, nextPage: false,
    });
    expect(record.response).toBe('');
  });
});

describe('GET /api/traces/timeline', () => {
  it('counts the filtered traces per bucket and rating, 60 to 120 buckets over the range', async () => {
    const params: Params = { trace_type: ['ConsoleAction', 'ApiCall'], code: ['2xx', '4xx'] };
    const want = stored.filter((trace) => matches(trace, params, FROM, TO));
    const timeline = await f.json(`/api/traces/timeline?${window}&${queryString(params)}`, traceTimelineSchema);
    expect(timeline.buckets.length).toBeGreaterThanOrEqual(60);
    expect(timeline.buckets.length).toBeLessThanOrEqual(120);
    expect(timeline.total).toBe(want.length);
    for (const rating of ['normal', 'warning', 'incident'] as const) {
      const counted = timeline.buckets.reduce((sum, bucket) => sum + bucket[rating], 0);
      expect(counted).toBe(want.filter((trace) => trace.trace_rating === rating).length);
    }
    const first = timeline.buckets[0]!;
    const bucketOf = (time: number) => Math.floor((time - first.start) / timeline.bucket_ms);
    const k = bucketOf(want[0]!.time);
    expect(timeline.buckets[k]![want[0]!.trace_rating]).toBe(want.filter((trace) => bucketOf(trace.time) === k && trace.trace_rating === want[0]!.trace_rating).length);
    expect(timeline).toMatchObject({ detail: 'counts', points: [], masked: false });
  });

  it('counts free text like the list finds it, over the whole range', async () => {
    const params: Params = { text: ['VOLUME', 'bastion'], trace_rating: ['normal', 'warning'] };
    const want = stored.filter((trace) => matches(trace, params, FROM, TO));
    expect(want.length).toBeGreaterThan(0);
    const timeline = await f.json(`/api/traces/timeline?${window}&${queryString(params)}`, traceTimelineSchema);
    expect(timeline.covered_from ?? null).toBeNull();
    expect(timeline.total).toBe(want.length);
    for (const rating of ['normal', 'warning', 'incident'] as const) {
      expect(timeline.buckets.reduce((sum, bucket) => sum + bucket[rating], 0)).toBe(want.filter((trace) => trace.trace_rating === rating).length);
    }
  });

  it('sends the single traces when few enough to draw', async () => {
    const params: Params = { trace_rating: ['incident'], service_type: ['CTS', 'KMS'] };
    const want = stored.filter((trace) => matches(trace, params, FROM, TO));
    const timeline = await f.json(`/api/traces/timeline?${window}&${queryString(params)}`, traceTimelineSchema);
    expect(timeline.detail).toBe('points');
    expect(timeline.points.map((point) => point.trace_id).sort()).toEqual(want.map((trace) => trace.trace_id).sort());
    const point = timeline.points.find((p) => p.trace_id === want[0]!.trace_id)!;
    expect(point).toEqual({
      time: want[0]!.time, trace_id: want[0]!.trace_id, service_type: want[0]!.service_type, trace_name: want[0]!.trace_name,
      trace_rating: 'incident', user: want[0]!.user.name, source_ip: want[0]!.source_ip,
    });
  });
});

describe('GET /api/traces/facets', () => {
  it('counts the top values; each facet leaves out its own filter', async () => {
    const params: Params = { user: ['tobias.becker'], trace_rating: ['normal'] };
    const facets = await f.json(`/api/traces/facets?from=${NOW - 7 * DAY}&to=${TO}&${queryString(params)}&top=3`, traceFacetsSchema);
    const week = (p: Params) => stored.filter((trace) => matches(trace, p, NOW - 7 * DAY, TO));
    expect(facets.total).toBe(week(params).length);
    const services = new Map<string, number>();
    for (const trace of week(params)) services.set(trace.service_type, (services.get(trace.service_type) ?? 0) + 1);
    expect(facets.facets.service_type.distinct).toBe(services.size);
    for (const { value, count } of facets.facets.service_type.values) expect(count).toBe(services.get(value));
    // The user facet ignores the user filter, so the other people stay visible for adding.
    const users = new Map<string, number>();
    for (const trace of week({ trace_rating: ['normal'] })) if (trace.user.name) users.set(trace.user.name, (users.get(trace.user.name) ?? 0) + 1);
    const top = [...users].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    expect(facets.facets.user.values.map((v) => [v.value, v.count])).toEqual(top);
    expect(facets.facets.user.distinct).toBe(users.size);
  });

  it('applies free text to every facet and the total', async () => {
    const params: Params = { text: ['volume'], service_type: ['EVS'] };
    const facets = await f.json(`/api/traces/facets?${window}&${queryString(params)}&top=50`, traceFacetsSchema);
    const want = stored.filter((trace) => matches(trace, params, FROM, TO));
    expect(want.length).toBeGreaterThan(0);
    expect(facets.covered_from ?? null).toBeNull();
    expect(facets.total).toBe(want.length);
    // The operation facet applies the text (it is no facet's own filter).
    const names = new Map<string, number>();
    for (const trace of want) names.set(trace.trace_name, (names.get(trace.trace_name) ?? 0) + 1);
    expect(new Map(facets.facets.trace_name.values.map((v) => [v.value, v.count]))).toEqual(names);
    // The service facet leaves out its own filter but keeps the text.
    const services = new Map<string, number>();
    for (const trace of stored.filter((t) => matches(t, { text: ['volume'] }, FROM, TO))) services.set(trace.service_type, (services.get(trace.service_type) ?? 0) + 1);
    expect(new Map(facets.facets.service_type.values.map((v) => [v.value, v.count]))).toEqual(services);
  });
});
