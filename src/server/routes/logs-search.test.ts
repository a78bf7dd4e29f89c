// The log search endpoints over seeded demo data, through the real HTTP pipeline: results equal a
// brute-force evaluation of the same query over every line, paging visits each match once, and
// every way a request can be wrong is a 400 that says where.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorEnvelopeSchema,
  logContextSchema,
  logFacetsSchema,
  logHistogramSchema,
  logSearchPageSchema,
  type LogLine,
  type LogSearchPage,
} from '../../contract/index.ts';
import { parseQuery } from '../../query/index.ts';
import { referenceMatches } from '../search/testing/reference.ts';
import { seedDemoData } from '../seed/index.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { dpopHeaders } from '../testing/tokens.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0);
const FROM = NOW - 7 * 86_400_000;
const TO = NOW + 60_000;

let t: TestApp;
/** Every stored line in [FROM, TO), read once through the API. */
let everything: LogLine[];

async function get(path: string, init: RequestInit = {}, roles = ['analyst']): Promise<Response> {
  const headers = await dpopHeaders(t.issuer, 'GET', path.split('?')[0]!, { roles });
  return t.app.request(path, { ...init, headers });
}

async function json<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
  const response = await get(path);
  expect(response.status, `${path}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(200);
  return schema.parse(await response.json());
}

const q = (text: string) => encodeURIComponent(text);
const window = `from=${FROM}&to=${TO}`;

/** Follows cursors to the end; returns the lines and the pages. */
async function pageThrough(query: string, limit: number, order = 'newest'): Promise<{ lines: LogLine[]; pages: LogSearchPage[] }> {
  const pages: LogSearchPage[] = [];
  let cursor: string | null = null;
  do {
    const page: LogSearchPage = await json(`/api/logs/search?q=${q(query)}&${window}&limit=${limit}&order=${order}${cursor ? `&cursor=${q(cursor)}` : ''}`, logSearchPageSchema);
    pages.push(page);
    cursor = page.cursor;
  } while (cursor !== null && pages.length < 500);
  return { lines: pages.flatMap((page) => page.lines), pages };
}

function brute(text: string): LogLine[] {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return everything.filter((line) => referenceMatches(parsed.ast, line));
}

async function errorOf(response: Response) {
  return errorEnvelopeSchema.parse(await response.json()).error;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.store, { lines: 20_000, days: 7, seed: 1, now: NOW });
  everything = (await pageThrough('', 1_000)).lines;
}, 120_000);
afterAll(() => t.close());

describe('GET /api/logs/search', () => {
  it('pages through the whole window: every line once, newest first, with an exact total', async () => {
    const counts = await t.store.counts();
    expect(everything).toHaveLength(counts.lines);
    expect(new Set(everything.map((line) => line.id)).size).toBe(everything.length);
    expect(everything.map((line) => line.id)).toEqual([...everything.map((line) => line.id)].sort().reverse());
    const first = await json(`/api/logs/search?${window}&limit=10`, logSearchPageSchema);
    expect(first).toMatchObject({ total: counts.lines, complete: false, from: FROM, to: TO });
  });

  it('returns exactly the lines a brute-force evaluation selects, page by page, with highlights', async () => {
    for (const text of ['"Failed password"', 'status>=500 AND NOT appName:CTS', 'level:ERROR timeout', '*admin* OR sudo', 'hostIP:10.0.0.0/8 AND /session (opened|closed)/i']) {
      const want = brute(text);
      expect(want.length, text).toBeGreaterThan(0);
      const { lines, pages } = await pageThrough(text, 250);
      expect(lines.map((line) => line.id), text).toEqual(want.map((line) => line.id));
      expect(pages.at(-1)?.complete).toBe(true);
      const histogram = await json(`/api/logs/histogram?q=${q(text)}&${window}`, logHistogramSchema);
      expect(histogram.total, text).toBe(want.length);
      expect(histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(want.length);
    }
  });

  it('marks where the terms matched', async () => {
    const page = await json(`/api/logs/search?q=${q('"failed password" invalid*')}&${window}&limit=50`, logSearchPageSchema);
    expect(page.lines.length).toBeGreaterThan(0);
    for (const line of page.lines) {
      const marked = line.highlights.map((h) => line.content.slice(h.start, h.end).toLowerCase());
      expect(marked).toContain('failed password');
      expect(marked.some((text) => text.startsWith('invalid'))).toBe(true);
    }
  });

  it('pages oldest first the same lines in reverse', async () => {
    const newest = await pageThrough('sshd', 400);
    const oldest = await pageThrough('sshd', 300, 'oldest');
    expect(oldest.lines.map((line) => line.id)).toEqual(newest.lines.map((line) => line.id).reverse());
  });

  it('refuses a cursor from another query, and a damaged one', async () => {
    const page = await json(`/api/logs/search?q=sshd&${window}&limit=5`, logSearchPageSchema);
    const other = await get(`/api/logs/search?q=nginx&${window}&limit=5&cursor=${q(page.cursor!)}`);
    expect(other.status).toBe(400);
    expect(await errorOf(other)).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'query.cursor' }] } });
    expect((await get(`/api/logs/search?q=sshd&${window}&cursor=garbage`)).status).toBe(400);
    // The page size is not part of the query: a cursor may continue with another limit.
    expect((await get(`/api/logs/search?q=sshd&${window}&limit=50&cursor=${q(page.cursor!)}`)).status).toBe(200);
  });

  it('answers a query that does not parse or cannot run with its position', async () => {
    for (const [text, position] of [['level:ERROR AND (timeout', 16], ['status>=', 0], ['ok /a{1,100}/', 3]] as const) {
      const response = await get(`/api/logs/search?q=${q(text)}&${window}`);
      expect(response.status, text).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.details, text).toMatchObject({ query: { position, message: expect.any(String), length: expect.any(Number) } });
    }
  });

  it('bounds the request: range, page size, unknown parameters, unknown streams', async () => {
    const tooLong = await get(`/api/logs/search?from=${NOW - 401 * 86_400_000}&to=${NOW}`);
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).message).toMatch(/at most 400 days/);
    expect((await get(`/api/logs/search?from=${NOW}&to=${NOW - 1}`)).status).toBe(400);
    expect((await get('/api/logs/search?limit=1001')).status).toBe(400);
    expect((await get('/api/logs/search?sort=asc')).status).toBe(400);
    const unknown = await get('/api/logs/search?stream=no-such-stream');
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toMatch(/no-such-stream/);
    expect((await get(`/api/logs/search?q=x&q=y`)).status).toBe(400);
  });

  it('filters by group and stream, by name or id, and accepts ISO-8601 times', async () => {
    const iso = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;
    const byName = await json(`/api/logs/search?group=ecs-prod&stream=auth&stream=syslog&${iso}&limit=1000`, logSearchPageSchema);
    expect(new Set(byName.lines.map((line) => `${line.group}/${line.stream}`))).toEqual(new Set(['ecs-prod/auth', 'ecs-prod/syslog']));
    const groups = await t.store.logs.listGroups();
    const auth = groups.find((g) => g.log_group_name === 'ecs-prod')!.log_streams.find((s) => s.log_stream_name === 'auth')!;
    const byId = await json(`/api/logs/search?stream=${auth.log_stream_id}&${window}&limit=20`, logSearchPageSchema);
    expect(new Set(byId.lines.map((line) => line.stream))).toEqual(new Set(['auth']));
  });

  it('audits every search with the query and range, never the results', async () => {
    await json(`/api/logs/search?q=${q('audit me')}&${window}&group=ecs-prod`, logSearchPageSchema);
    const record = t.state.audit.list({ actions: ['searchLogs'], limit: 1 }).records[0]!;
    expect(JSON.parse(record.request)).toEqual({ q: 'audit me', from: FROM, to: TO, groups: ['ecs-prod'], streams: [], order: 'newest' });
    expect(record.response).not.toMatch(/lines/);
  });

  it('stops the store work when the client has gone away', async () => {
    const controller = new AbortController();
    controller.abort();
    const response = await get(`/api/logs/search?q=${q('*zzz*')}&${window}`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(logSearchPageSchema.parse(await response.json())).toMatchObject({ lines: [], truncatedReason: 'cancelled', complete: false });
  });

  it('is for analysts and admins only', async () => {
    expect((await get(`/api/logs/search?${window}`, {}, ['manager'])).status).toBe(403);
    expect((await get(`/api/logs/search?${window}&limit=1`, {}, ['admin'])).status).toBe(200);
  });
});

describe('GET /api/logs/histogram', () => {
  it('chooses 60-120 nice buckets, counts every line from the rollup, per level', async () => {
    const histogram = await json(`/api/logs/histogram?${window}`, logHistogramSchema);
    expect(histogram.bucketMs).toBe(2 * 3_600_000);
    expect(histogram.buckets.length).toBeGreaterThanOrEqual(60);
    expect(histogram.buckets.length).toBeLessThanOrEqual(120);
    expect(histogram).toMatchObject({ total: everything.length, complete: true, from: FROM, to: TO });
    expect(histogram.buckets[0]!.start).toBe(FROM);
    expect(histogram.buckets.at(-1)!.end).toBe(TO);
    const errors = histogram.buckets.reduce((sum, bucket) => sum + (bucket.byLevel.ERROR ?? 0), 0);
    expect(errors).toBe(everything.filter((line) => line.labels.level === 'ERROR').length);
    for (const bucket of histogram.buckets.filter((_, index) => index % 10 === 0)) {
      expect(bucket.count).toBe(everything.filter((line) => line.time >= bucket.start && line.time < bucket.end).length);
    }
  });

  it('counts small buckets from the index', async () => {
    const from = NOW - 3_600_000 - 17_000;
    const histogram = await json(`/api/logs/histogram?q=${q('level:INFO')}&from=${from}&to=${NOW}`, logHistogramSchema);
    expect(histogram.bucketMs).toBe(60_000);
    expect(histogram.total).toBe(brute('level:INFO').filter((line) => line.time >= from && line.time < NOW).length);
  });
});

describe('GET /api/logs/facets', () => {
  it('gives the top values of level, hostName, appName, stream and requested fields', async () => {
    const facets = await json(`/api/logs/facets?q=${q('nginx OR GET')}&${window}&field=status&field=podName`, logFacetsSchema);
    expect(facets.facets.map((facet) => facet.field)).toEqual(['level', 'hostName', 'appName', 'stream', 'status', 'podName']);
    const want = brute('nginx OR GET');
    expect(facets).toMatchObject({ lines: want.length, complete: true });
    const status = facets.facets.find((facet) => facet.field === 'status')!;
    expect(status.values.length).toBeGreaterThan(1);
    expect(status.values[0]!.value).toBe('200');
    const stream = facets.facets.find((facet) => facet.field === 'stream')!;
    expect(stream.values[0]!.group).toBeDefined();
    for (const facet of facets.facets) expect(facet.values.length).toBeLessThanOrEqual(10);
  });
});

describe('GET /api/logs/context', () => {
  it('shows the lines around a line in its stream', async () => {
    const line = brute('"Failed password"')[5]!;
    const context = await json(`/api/logs/context?line=${line.id}&before=3&after=2`, logContextSchema);
    expect(context.line).toMatchObject({ id: line.id, content: line.content });
    const stream = everything.filter((other) => other.stream === line.stream && other.group === line.group).reverse();
    const at = stream.findIndex((other) => other.id === line.id);
    expect(context.before.map((l) => l.id)).toEqual(stream.slice(at - 3, at).map((l) => l.id));
    expect(context.after.map((l) => l.id)).toEqual(stream.slice(at + 1, at + 3).map((l) => l.id));
    expect((await get('/api/logs/context?line=0000000000000000001')).status).toBe(404);
    expect((await get(`/api/logs/context?line=${line.id}&before=201`)).status).toBe(400);
  });
});
