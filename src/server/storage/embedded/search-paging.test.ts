// Paging, bounds, cancellation, stream filters, facets and context of the embedded search port.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../query/ast.ts';
import { parseQuery } from '../../../query/index.ts';
import { buildCorpus, loadCorpus, type CorpusLine } from '../../search/testing/corpus.ts';
import { referenceMatches } from '../../search/testing/reference.ts';
import type { FoundLine, LineSearchRequest, ScanBudget } from '../ports.ts';
import { openTempStore, type TempStore } from './test-helpers.ts';

const START = Date.UTC(2026, 10, 1);
const STEP = 60_000;
const COUNT = 300;
const END = START + COUNT * STEP;
const BUDGET: ScanBudget = { maxRows: 10_000_000, maxMs: 30_000 };

function query(text: string): QueryNode {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
}

let temp: TempStore;
let corpus: CorpusLine[];
let streamIds: Record<CorpusLine['stream'], string>;

beforeEach(async () => {
  temp = await openTempStore();
  corpus = buildCorpus(COUNT, START, STEP);
  streamIds = await loadCorpus(temp.store, corpus);
});
afterEach(() => temp.dispose());

/** Follows `next` to the end, calling `between` before each further page. */
async function allPages(request: Omit<LineSearchRequest, 'position'>, between: (page: number) => Promise<void> = async () => {}) {
  const lines: FoundLine[] = [];
  const reasons: string[] = [];
  let position: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    if (page > 0) await between(page);
    const result = await temp.store.search.searchLines({ ...request, position });
    lines.push(...result.lines);
    if (result.truncatedReason) reasons.push(result.truncatedReason);
    if (result.next === null) return { lines, reasons, pages: page + 1 };
    position = result.next;
  }
  throw new Error('paging did not end');
}

const matching = (text: string): CorpusLine[] => corpus.filter((line) => line.time >= START && line.time < END && referenceMatches(query(text), line));

describe('paging', () => {
  it('yields every match exactly once, newest first and oldest first', async () => {
    for (const order of ['newest', 'oldest'] as const) {
      for (const text of ['failed', 'status>=500', '', '*dmin*']) {
        const { lines } = await allPages({ query: query(text), from: START, to: END, streamIds: null, order, limit: 7, budget: BUDGET });
        const times = lines.map((line) => line.time);
        expect(new Set(lines.map((line) => line.lineNum)).size).toBe(lines.length);
        expect(lines).toHaveLength(matching(text).length);
        expect(times).toEqual([...times].sort((a, b) => (order === 'newest' ? b - a : a - b)));
      }
    }
  });

  it('is not disturbed by lines arriving between pages', async () => {
    const text = 'failed OR level:ERROR';
    const want = matching(text).length;
    let added = 0;
    const append = async (page: number) => {
      // New lines after the window, and late lines inside it (older than anything paged so far).
      const late = [{ time: END + page * 1_000, content: `Failed password for late${page}`, labels: { level: 'ERROR' } }];
      await temp.store.logs.appendLines(streamIds.auth, late);
      added++;
    };
    const newest = await allPages({ query: query(text), from: START, to: END, streamIds: null, order: 'newest', limit: 5, budget: BUDGET }, append);
    expect(added).toBeGreaterThan(3);
    expect(newest.lines).toHaveLength(want);
    expect(new Set(newest.lines.map((line) => line.lineNum)).size).toBe(want);
    const oldest = await allPages({ query: query(text), from: START, to: END, streamIds: null, order: 'oldest', limit: 5, budget: BUDGET }, append);
    expect(oldest.lines.map((line) => line.lineNum)).toEqual(newest.lines.map((line) => line.lineNum).reverse());
  });

  it('includes, once, a late line that lands in the part not yet paged', async () => {
    const first = await temp.store.search.searchLines({ query: query('failed'), from: START, to: END, streamIds: null, order: 'newest', limit: 5, position: null, budget: BUDGET });
    await temp.store.logs.appendLines(streamIds.auth, [{ time: START + 30, content: 'Failed password for latecomer', labels: {} }]);
    const rest = await allPages({ query: query('failed'), from: START, to: END, streamIds: null, order: 'newest', limit: 50, budget: BUDGET });
    const paged = [...first.lines, ...(await (async () => {
      const lines: FoundLine[] = [];
      let position = first.next;
      while (position !== null) {
        const page = await temp.store.search.searchLines({ query: query('failed'), from: START, to: END, streamIds: null, order: 'newest', limit: 50, position, budget: BUDGET });
        lines.push(...page.lines);
        position = page.next;
      }
      return lines;
    })())];
    expect(paged.filter((line) => line.content.includes('latecomer'))).toHaveLength(1);
    expect(paged.map((line) => line.lineNum)).toEqual(rest.lines.map((line) => line.lineNum));
  });
});

describe('bounds', () => {
  it('stops a scan at the row budget, says so, and resumes exactly where it stopped', async () => {
    const text = '*dmin* OR status>=500';
    const budget = { maxRows: 40, maxMs: 30_000 };
    for (const order of ['newest', 'oldest'] as const) {
      const first = await temp.store.search.searchLines({ query: query(text), from: START, to: END, streamIds: null, order, limit: 1_000, position: null, budget });
      expect(first.truncatedReason).toBe('scan_limit');
      // Scans stop between rollup-sized chunks (here about 10 rows), never past the budget.
      expect(first.scanned).toBeGreaterThan(20);
      expect(first.scanned).toBeLessThanOrEqual(40);
      expect(first.next).not.toBeNull();
      const { lines, reasons, pages } = await allPages({ query: query(text), from: START, to: END, streamIds: null, order, limit: 1_000, budget });
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(COUNT / 40));
      expect(reasons.every((reason) => reason === 'scan_limit')).toBe(true);
      expect(lines.map((line) => line.content).sort()).toEqual(matching(text).map((line) => line.content).sort());
    }
  });

  it('stops at the time budget', async () => {
    const page = await temp.store.search.searchLines({ query: query('*dmin*'), from: START, to: END, streamIds: null, order: 'newest', limit: 10, position: null, budget: { maxRows: 1e9, maxMs: -1 } });
    expect(page).toMatchObject({ lines: [], truncatedReason: 'time_limit', scanned: 0 });
    expect(page.next).not.toBeNull();
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const request = { query: query('*dmin*'), from: START, to: END, streamIds: null, order: 'newest' as const, limit: 10, position: null, budget: BUDGET };
    const page = await temp.store.search.searchLines(request, controller.signal);
    expect(page).toMatchObject({ lines: [], truncatedReason: 'cancelled', scanned: 0 });
    const histogram = await temp.store.search.histogram({ ...request, bucketMs: 600_000 }, controller.signal);
    expect(histogram).toMatchObject({ truncatedReason: 'cancelled', total: 0, coveredFrom: END });
    // The flag belongs to that request only: the next search runs normally.
    expect((await temp.store.search.searchLines(request)).truncatedReason).toBeNull();
  });

  it('keeps the newer part of a histogram exact when the budget runs out', async () => {
    const result = await temp.store.search.histogram({ query: query('*dmin* OR GET'), from: START, to: END, streamIds: null, bucketMs: 600_000, budget: { maxRows: 150, maxMs: 30_000 } });
    expect(result.truncatedReason).toBe('scan_limit');
    expect(result.coveredFrom).toBeGreaterThan(START);
    const covered = corpus.filter((line) => line.time >= result.coveredFrom! && line.time < END && referenceMatches(query('*dmin* OR GET'), line));
    expect(result.total).toBe(covered.length);
  });
});

describe('scope, totals, facets and context', () => {
  it('searches only the given streams', async () => {
    const page = await temp.store.search.searchLines({ query: query('root'), from: START, to: END, streamIds: [streamIds.auth], order: 'newest', limit: 1_000, position: null, budget: BUDGET });
    expect(page.lines.length).toBe(corpus.filter((line) => line.stream === 'auth' && referenceMatches(query('root'), line)).length);
    expect(new Set(page.lines.map((line) => `${line.groupName}/${line.streamName}`))).toEqual(new Set(['corpus/auth']));
    const none = await temp.store.search.searchLines({ query: query('root'), from: START, to: END, streamIds: [], order: 'newest', limit: 10, position: null, budget: BUDGET });
    expect(none).toMatchObject({ lines: [], next: null, total: 0 });
  });

  it('knows the exact total of the match-all query at any window, from the rollup', async () => {
    for (const [from, to] of [[START, END], [START + 123_456, END - 654_321], [START + 1_000, START + 2_000]] as const) {
      const page = await temp.store.search.searchLines({ query: query(''), from, to, streamIds: [streamIds.web, streamIds.app], order: 'newest', limit: 3, position: null, budget: BUDGET });
      expect(page.total).toBe(corpus.filter((line) => line.stream !== 'auth' && line.time >= from && line.time < to).length);
    }
  });

  it('counts facet values over the matches, bounded by the sample size', async () => {
    const text = 'failed OR status>=500';
    const request = { query: query(text), from: START, to: END, streamIds: null, fields: ['level', 'stream', 'status', 'pod'], top: 2, budget: BUDGET };
    const result = await temp.store.search.facets({ ...request, sampleLines: 100_000 });
    const want = matching(text);
    expect(result).toMatchObject({ lines: want.length, truncatedReason: null });
    const level = result.facets.find((facet) => facet.field === 'level')!;
    expect(level.values).toHaveLength(2);
    expect(level.values[0]!.count).toBe(Math.max(...['INFO', 'WARN', 'ERROR'].map((l) => want.filter((line) => line.labels.level === l).length)));
    expect(level.values.reduce((sum, v) => sum + v.count, 0) + level.other + level.missing).toBe(want.length);
    const stream = result.facets.find((facet) => facet.field === 'stream')!;
    expect(stream.values.map((v) => v.group)).toEqual(['corpus', 'corpus']);
    const status = result.facets.find((facet) => facet.field === 'status')!;
    expect(status.missing).toBe(want.filter((line) => line.stream !== 'web' && !/status=/.test(line.content)).length);

    const sampled = await temp.store.search.facets({ ...request, sampleLines: 10 });
    expect(sampled).toMatchObject({ lines: 10, truncatedReason: 'sample_limit' });
    expect(sampled.oldestCounted).toBe(want.map((line) => line.time).sort((a, b) => b - a)[9]);
  });

  it('shows the lines around a line in its own stream', async () => {
    const auth = corpus.filter((line) => line.stream === 'auth').sort((a, b) => a.time - b.time);
    const all = await temp.store.search.searchLines({ query: query(''), from: START, to: END, streamIds: [streamIds.auth], order: 'oldest', limit: 1_000, position: null, budget: BUDGET });
    const middle = all.lines[10]!;
    const context = await temp.store.search.context({ lineNum: middle.lineNum, before: 3, after: 4 });
    expect(context?.line.content).toBe(middle.content);
    expect(context?.before.map((line) => line.content)).toEqual(auth.slice(7, 10).map((line) => line.content));
    expect(context?.after.map((line) => line.content)).toEqual(auth.slice(11, 15).map((line) => line.content));
    expect(context).toMatchObject({ moreBefore: true, moreAfter: true });
    const first = await temp.store.search.context({ lineNum: all.lines[0]!.lineNum, before: 5, after: 0 });
    expect(first).toMatchObject({ before: [], after: [], moreBefore: false, moreAfter: true });
    expect(await temp.store.search.context({ lineNum: '0000000000000001023', before: 1, after: 1 })).toBeNull();
    expect(await temp.store.search.context({ lineNum: '1700000000000999999', before: 1, after: 1 })).toBeNull();
  });
});
