/**
 * Contract tests of the OTC adapter against the simulator: paging without gaps or repeats, query
 * translation against brute force over the same data, throttling surfaced, signatures checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../query/ast.ts';
import { parseSearchQuery } from '../../search/scope.ts';
import { referenceMatches } from '../../search/testing/reference.ts';
import { randomQueries } from '../../search/testing/queries.ts';
import { keywordMatcher } from '../../testing/otc-sim/lts-keywords.ts';
import type { SimLine } from '../../testing/otc-sim/memory-tenant.ts';
import type { FoundLine, LineSearchRequest } from '../ports.ts';
import { compileKeywords } from './keywords.ts';
import { startSimPair, type SimPair } from './testing/sim-pair.ts';
import type { OtcStore } from './store.ts';

let pair: SimPair;
let store: OtcStore;
let all: { line: SimLine; stream: string }[];
let from: number;
let to: number;

beforeAll(async () => {
  pair = await startSimPair();
  store = pair.open();
  all = [];
  for (const group of pair.primary.tenant.groups) for (const s of group.streams) for (const line of s.lines) all.push({ line, stream: `${group.name}/${s.name}` });
  from = Math.min(...all.map((a) => a.line.time));
  to = Math.max(...all.map((a) => a.line.time)) + 1;
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pair?.close();
});

const request = (query: QueryNode, order: 'newest' | 'oldest', limit: number): LineSearchRequest => ({
  query, from, to, streamIds: null, order, limit, position: null, budget: { maxRows: 1_000_000, maxMs: 60_000 },
});

async function everyPage(query: QueryNode, order: 'newest' | 'oldest', limit: number): Promise<FoundLine[]> {
  const out: FoundLine[] = [];
  let position: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await store.search.searchLines({ ...request(query, order, limit), position });
    out.push(...page.lines);
    if (page.next === null) return out;
    position = page.next;
  }
  throw new Error('paging did not end');
}

const key = (l: { lineNum: string; streamId: string }) => `${l.lineNum}|${l.streamId}`;

/** What the adapter promises: the Vigil query's meaning, with pushed words read by LTS's tokenizer. */
function bruteForce(query: QueryNode, order: 'newest' | 'oldest'): string[] {
  const lts = keywordMatcher(compileKeywords(query).keywords);
  const hits = all.filter((a) => referenceMatches(query, a.line) && lts({ content: a.line.content, labels: a.line.labels }));
  const keys = hits.map((a) => ({ lineNum: a.line.lineNum, streamId: a.stream }));
  const streams = [...new Set(all.map((a) => a.stream))].sort();
  keys.sort((a, b) => (a.lineNum < b.lineNum ? -1 : a.lineNum > b.lineNum ? 1 : streams.indexOf(a.streamId) - streams.indexOf(b.streamId)));
  if (order === 'newest') keys.reverse();
  return keys.map(key);
}

describe('OTC adapter against the simulator', () => {
  it('lists the demo tenant groups and streams under region-independent ids', async () => {
    const groups = await store.logs.listGroups();
    expect(groups.map((g) => g.log_group_name)).toEqual(['cce-cluster', 'CTS', 'ecs-prod', 'network']);
    expect(groups.find((g) => g.log_group_name === 'ecs-prod')!.log_streams.map((s) => s.log_stream_id)).toContain('ecs-prod/auth');
  });

  it('pages every line of every stream without gaps or repeats, both orders', async () => {
    for (const order of ['newest', 'oldest'] as const) {
      const lines = await everyPage({ kind: 'all', span: { start: 0, end: 0 } }, order, 997);
      const keys = lines.map(key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(bruteForce({ kind: 'all', span: { start: 0, end: 0 } }, order));
      expect(keys.length).toBe(all.length);
    }
  }, 60_000);

  it('answers written queries like brute force over the same data', async () => {
    const queries = ['"Failed password"', 'sshd AND NOT "Failed password"', 'level:ERROR', 'status>=500', 'hostIP:10.0.0.0/8 AND level:WARN', '/sudo.*bash/', 'accepted OR sudo', 'admin*', '*ssh*', 'deleteTracker'];
    for (const q of queries) {
      const ast = parseSearchQuery(q);
      const got = (await everyPage(ast, 'newest', 200)).map(key);
      expect(got, q).toEqual(bruteForce(ast, 'newest'));
    }
  }, 60_000);

  it('answers random query trees like brute force (pushed-down and local parts)', async () => {
    let differs = 0;
    for (const ast of randomQueries(12, 11)) {
      const got = (await everyPage(ast, 'newest', 500)).map(key);
      expect(got).toEqual(bruteForce(ast, 'newest'));
      if (!compileKeywords(ast).exact) differs++;
    }
    expect(differs).toBeGreaterThan(0); // some trees needed local filtering
  }, 120_000);

  it('says when a page was filtered locally and which region answered', async () => {
    const page = await store.search.searchLines(request(parseSearchQuery('/Failed password/'), 'newest', 10));
    expect(page.remote).toMatchObject({ region: 'eu-de', retried: false, localFilter: true, throttled: null });
    const pushed = await store.search.searchLines(request(parseSearchQuery('"Failed password"'), 'newest', 10));
    expect(pushed.remote?.localFilter).toBe(false);
  });

  it('counts a histogram from keyword-count that equals brute force', async () => {
    const ast = parseSearchQuery('"Failed password"');
    const result = await store.search.histogram({ query: ast, from, to, streamIds: null, bucketMs: 3_600_000, budget: { maxRows: 1e9, maxMs: 60_000 } });
    expect(result.total).toBe(bruteForce(ast, 'newest').length);
    expect(result.truncatedReason).toBeNull();
  });

  it('pages CTS traces newest first without gaps or repeats', async () => {
    const filter = {
      from, to, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [], sourceIps: [], networks: [],
      resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [],
    };
    const ids: string[] = [];
    let after = null;
    for (let i = 0; i < 500; i++) {
      const page = await store.traces.listTraces(filter, { limit: 150, after });
      ids.push(...page.traces.map((t) => t.trace_id));
      if (!page.next) break;
      after = page.next;
    }
    const expected = pair.primary.tenant.traceList.filter((t) => t.time >= from && t.time < to);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.map((t) => t.trace_id).sort());
    const one = expected[0]!;
    expect((await store.traces.getTrace(one.trace_id))?.trace_name).toBe(one.trace_name);
  }, 60_000);
});
