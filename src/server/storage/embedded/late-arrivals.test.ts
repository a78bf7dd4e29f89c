// Lines that arrive behind newer ones are listed in arrival order for whoever follows the store by
// position; in-order lines are not, and retention forgets the entries of lines it removed. Traces
// are found by their insertion order.
import { afterEach, describe, expect, it } from 'vitest';
import type { LateArrivalsRequest } from '../ports.ts';
import { idOfLineNum } from './line-id.ts';
import { makeTrace, openTempStore, parsedQuery, type TempStore } from './test-helpers.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.dispose();
  temp = null;
});

async function streamsOf(store: TempStore['store']) {
  const group = await store.logs.ensureGroup({ name: 'g', ttlInDays: 7 });
  const a = await store.logs.ensureStream({ groupId: group.id, name: 'a' });
  const b = await store.logs.ensureStream({ groupId: group.id, name: 'b' });
  return { a: a.id, b: b.id };
}

const everything = (afterSeq: number | null, overrides: Partial<LateArrivalsRequest> = {}): LateArrivalsRequest => ({
  afterSeq, query: parsedQuery(''), streamIds: null, after: '-1', upTo: String(Number.MAX_SAFE_INTEGER), limit: 100, ...overrides,
});

describe('late arrivals', () => {
  it('lists lines behind a newer stored line in arrival order, filtered by query, streams and positions', async () => {
    temp = await openTempStore();
    const { store } = temp;
    const late = store.search.lateArrivals!;
    const { a, b } = await streamsOf(store);
    await store.logs.appendLines(a, [{ time: NOW - 3_000, content: 'first', labels: {} }, { time: NOW, content: 'newest', labels: {} }]);
    // Out of order inside one batch is not late: the batch commits at once.
    await store.logs.appendLines(b, [{ time: NOW + 2_000, content: 'b two', labels: {} }, { time: NOW + 1_000, content: 'b one', labels: {} }]);
    const start = await late(everything(null));
    expect(start).toMatchObject({ lines: [], lastSeq: 0, more: false });
    expect((await late(everything(0))).lines).toEqual([]);

    await store.logs.appendLines(a, [{ time: NOW - 2_000, content: 'late error one', labels: {} }]);
    await store.logs.appendLines(b, [{ time: NOW - 1_000, content: 'late error two', labels: {} }, { time: NOW - 500, content: 'late quiet', labels: {} }]);
    const all = await late(everything(0));
    expect(all.lines.map((line) => line.content)).toEqual(['late error one', 'late error two', 'late quiet']);
    expect(all.lastSeq).toBe(3);
    expect(Number(all.newestPosition)).toBeGreaterThan(idOfLineNum(all.lines[2]!.lineNum));

    expect((await late(everything(0, { query: parsedQuery('error') }))).lines.map((line) => line.content)).toEqual(['late error one', 'late error two']);
    expect((await late(everything(0, { streamIds: [b] }))).lines.map((line) => line.content)).toEqual(['late error two', 'late quiet']);
    // Positions (line ids): only lines after `after` and up to `upTo`.
    const secondId = String(idOfLineNum(all.lines[1]!.lineNum));
    expect((await late(everything(0, { upTo: secondId }))).lines.map((line) => line.content)).toEqual(['late error one', 'late error two']);
    // Paged by arrivals examined: the last one examined is where the next call starts.
    const page = await late(everything(0, { limit: 2, query: parsedQuery('quiet') }));
    expect(page).toMatchObject({ lines: [], lastSeq: 2, more: true });
    expect((await late(everything(page.lastSeq, { query: parsedQuery('quiet') }))).lines.map((line) => line.content)).toEqual(['late quiet']);
  });

  it('are forgotten once retention removed every line older than them', async () => {
    temp = await openTempStore();
    const { store } = temp;
    const { a } = await streamsOf(store);
    await store.logs.appendLines(a, [{ time: NOW, content: 'newest', labels: {} }]);
    await store.logs.appendLines(a, [{ time: NOW - 10 * DAY, content: 'old and late', labels: {} }]);
    expect((await store.search.lateArrivals!(everything(0))).lines).toHaveLength(1);
    await store.logs.applyRetention(NOW);
    const after = await store.search.lateArrivals!(everything(0));
    expect(after.lines).toEqual([]);
    expect(after.lastSeq).toBe(0);
  });

  it('of traces: the ones stored after a given insertion whose time is in the window, paged by insertions examined', async () => {
    temp = await openTempStore();
    const { store } = temp;
    await store.traces.appendTraces([makeTrace('first', { time: NOW })]);
    const filter = { from: NOW - DAY, to: NOW, serviceTypes: ['OBS'], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [],
      sourceIps: [], networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [] };
    const mark = await store.traces.lateTraces!(filter, null, 10);
    expect(mark).toMatchObject({ traces: [], lastSeq: 1, more: false });
    await store.traces.appendTraces([
      makeTrace('behind', { time: NOW - 1_000 }),
      makeTrace('ahead', { time: NOW + 1_000 }),
      makeTrace('other-service', { time: NOW - 2_000, service_type: 'ECS' }),
      makeTrace('behind-too', { time: NOW - 3_000 }),
    ]);
    const all = await store.traces.lateTraces!(filter, mark.lastSeq, 10);
    expect(all.traces.map((trace) => trace.trace_id)).toEqual(['behind', 'behind-too']);
    expect(all).toMatchObject({ lastSeq: 5, more: false });
    const page = await store.traces.lateTraces!(filter, mark.lastSeq, 2);
    expect(page).toMatchObject({ lastSeq: 3, more: true });
    expect(page.traces.map((trace) => trace.trace_id)).toEqual(['behind']);
  });
});
