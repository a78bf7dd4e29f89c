// The compiled search (FTS5 + SQL + JS tests, in the reader worker) must select exactly the lines
// the reference evaluation of the same query selects, for every kind of node and combination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../query/ast.ts';
import { parseQuery } from '../../../query/index.ts';
import { buildCorpus, loadCorpus } from '../../search/testing/corpus.ts';
import { LEAVES, randomQueries } from '../../search/testing/queries.ts';
import { referenceMatches } from '../../search/testing/reference.ts';
import type { FoundLine, ScanBudget } from '../ports.ts';
import { openTempStore, type TempStore } from './test-helpers.ts';

const START = Date.UTC(2026, 10, 1);
const STEP = 60_000;
const COUNT = 400;
const END = START + COUNT * STEP;
const BUDGET: ScanBudget = { maxRows: 10_000_000, maxMs: 30_000 };
const ALL: QueryNode = { kind: 'all', span: { start: 0, end: 0 } };

let temp: TempStore;
let universe: FoundLine[];

async function search(query: QueryNode, from = START, to = END): Promise<string[]> {
  const page = await temp.store.search.searchLines({ query, from, to, streamIds: null, order: 'newest', limit: 1_000, position: null, budget: BUDGET });
  expect(page.next).toBeNull();
  return page.lines.map((line) => line.lineNum);
}

function expected(query: QueryNode, from = START, to = END): string[] {
  return universe.filter((line) => line.time >= from && line.time < to && referenceMatches(query, line)).map((line) => line.lineNum);
}

const describeQuery = (query: QueryNode): string => JSON.stringify(query, (key, value: unknown) => (key === 'span' ? undefined : value));

beforeAll(async () => {
  temp = await openTempStore();
  await loadCorpus(temp.store, buildCorpus(COUNT, START, STEP));
  const page = await temp.store.search.searchLines({ query: ALL, from: START, to: END, streamIds: null, order: 'newest', limit: 1_000, position: null, budget: BUDGET });
  universe = page.lines;
});
afterAll(() => temp.dispose());

describe('compiled search equals the reference evaluation', () => {
  it('holds the corpus exactly, newest first', () => {
    expect(universe).toHaveLength(COUNT);
    const corpus = buildCorpus(COUNT, START, STEP);
    expect(new Set(universe.map((line) => `${line.time} ${line.content}`))).toEqual(new Set(corpus.map((line) => `${line.time} ${line.content}`)));
    expect(universe.map((line) => line.time)).toEqual([...universe.map((line) => line.time)].sort((a, b) => b - a));
  });

  it('for every leaf on its own and negated', async () => {
    for (const leaf of LEAVES) {
      expect(await search(leaf), describeQuery(leaf)).toEqual(expected(leaf));
      const negated: QueryNode = { kind: 'not', child: leaf, span: leaf.span };
      expect(await search(negated), describeQuery(negated)).toEqual(expected(negated));
    }
    // The pool is not vacuous: most leaves match some lines and none matches everything.
    const counts = LEAVES.map((leaf) => expected(leaf).length);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(LEAVES.length - 3);
    expect(counts.every((n) => n < COUNT)).toBe(true);
  });

  it('for 300 random AND / OR / NOT combinations, over random windows', async () => {
    const queries = randomQueries(300, 42);
    let nonEmpty = 0;
    for (const [index, query] of queries.entries()) {
      const from = index % 3 === 0 ? START + (index % 7) * 13 * STEP : START;
      const to = index % 3 === 0 ? END - (index % 5) * 11 * STEP : END;
      const want = expected(query, from, to);
      if (want.length > 0) nonEmpty++;
      expect(await search(query, from, to), describeQuery(query)).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('for queries written in the query language', async () => {
    const texts = [
      'failed password -root', '"Failed password" OR status>=500', 'level:ERROR AND (timeout OR refused)', 'NOT level:INFO NOT level:WARN',
      'admin* -sysadmin', 'hostIP:10.0.0.0/8 AND NOT appName:sshd', '/fail(ed|ure)/i OR latency_ms>1000', 'status:503 rt<0.5',
      '*dmin* AND NOT "invalid user"', 'user:root OR user:café', '(GET OR POST) AND path:*.php', 'client:10.1.0.0/16 -ok',
    ];
    for (const text of texts) {
      const parsed = parseQuery(text);
      if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
      expect(await search(parsed.ast), text).toEqual(expected(parsed.ast));
    }
  });

  it('counts the same in the histogram, per level, as the reference', async () => {
    for (const query of [ALL, ...LEAVES.slice(0, 12), ...randomQueries(20, 9)]) {
      for (const bucketMs of [60_000, 300_000, 3_600_000]) {
        const result = await temp.store.search.histogram({ query, from: START + 7_000, to: END - 7_000, streamIds: null, bucketMs, budget: BUDGET });
        const want = universe.filter((line) => line.time >= START + 7_000 && line.time < END - 7_000 && referenceMatches(query, line));
        expect(result.total, describeQuery(query)).toBe(want.length);
        expect(result.truncatedReason).toBeNull();
        const errors = result.buckets.reduce((sum, bucket) => sum + (bucket.byLevel.ERROR ?? 0), 0);
        expect(errors, describeQuery(query)).toBe(want.filter((line) => line.labels.level === 'ERROR').length);
        for (const bucket of result.buckets) {
          const inBucket = want.filter((line) => Math.floor(line.time / bucketMs) * bucketMs === bucket.start).length;
          expect(Object.values(bucket.byLevel).reduce((a, b) => a + b, 0)).toBe(inBucket);
        }
      }
    }
  });
});
