// The cursor over traces and lines: same-millisecond traces split across batches, streams chosen
// by name, windows with nothing to send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import type { ForwardSource } from '../../contract/index.ts';
import type { ForwardCursor } from '../state/forwarders.ts';
import type { ForwardEvent } from './event.ts';
import { readSource, streamIdsOf } from './source.ts';
import { createForwardFixture, type ForwardFixture } from './testing/fixture.ts';

let f: ForwardFixture;
const t0 = Date.now() - 600_000;
beforeAll(async () => {
  f = await createForwardFixture();
  await f.store.traces.appendTraces([
    ...['e', 'a', 'd', 'b', 'c'].map((id) => makeTrace(`same-${id}`, { time: t0 })),
    makeTrace('later', { time: t0 + 5 }),
    makeTrace('other-service', { time: t0 + 6, service_type: 'ECS' }),
  ]);
});
afterAll(async () => f.close());

const traceSource = { kind: 'traces' as const, service_type: ['OBS'], trace_name: [], trace_rating: [], trace_type: [], resource_type: [], user: [] };
const ids = (events: ForwardEvent[]) => events.map((e) => (e.kind === 'trace' ? e.trace.trace_id : e.line.lineNum));
const contents = (events: ForwardEvent[]) => events.map((e) => (e.kind === 'log' ? e.line.content : ''));

/** Reads a source until it has nothing more before `until`, as the runner does. */
async function readAll(source: ForwardSource, from: ForwardCursor, until: number) {
  let cursor = from;
  const events: ForwardEvent[] = [];
  for (let reads = 0; reads < 50; reads++) {
    const read = await readSource(f.store, source, cursor, until, 100);
    events.push(...read.events);
    cursor = read.cursor;
    if (!read.more) return { events, cursor };
  }
  throw new Error('the source kept saying "more"');
}

describe('forward source', () => {
  it('splits traces of one millisecond across batches without repeating or skipping one', async () => {
    let cursor: ForwardCursor = { time: t0 - 1000, position: null, ids: [] };
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      const read = await readSource(f.store, traceSource, cursor, Date.now(), 2);
      sent.push(...ids(read.events));
      cursor = read.cursor;
      if (!read.more && read.events.length === 0) break;
    }
    expect(sent).toEqual(['same-a', 'same-b', 'same-c', 'same-d', 'same-e', 'later']);
    expect(cursor.time).toBeGreaterThan(t0 + 5);
  });

  it('resolves group and group/stream names, and unknown names match nothing', async () => {
    const groups = await f.store.logs.listGroups();
    expect(streamIdsOf(groups, [])).toBeNull();
    expect(streamIdsOf(groups, ['ecs-prod'])).toEqual([f.streamId]);
    expect(streamIdsOf(groups, ['ecs-prod/auth'])).toEqual([f.streamId]);
    expect(streamIdsOf(groups, ['ecs-prod/nginx', 'nope'])).toEqual([]);
  });

  it('moves the cursor over a window without matching lines, and stops at the settle time', async () => {
    await f.append([{ time: t0, content: 'only-line', labels: {} }, { time: Date.now() - 1_000, content: 'too-fresh', labels: {} }]);
    const until = Date.now() - 30_000;
    const first = await readAll({ kind: 'logs', query: 'no-such-word', streams: [] }, { time: t0 - 1000, position: null, ids: [] }, until);
    expect(first).toMatchObject({ events: [], cursor: { time: until } });
    const read = await readAll({ kind: 'logs', query: '', streams: ['ecs-prod/auth'] }, { time: t0 - 1000, position: null, ids: [] }, until);
    expect(contents(read.events)).toEqual(['only-line']);
    const again = await readAll({ kind: 'logs', query: '', streams: [] }, read.cursor, Date.now());
    expect(contents(again.events)).toEqual(['too-fresh']);
  });

  it('sends lines that arrive behind the cursor once, and nothing from before the forwarder started', async () => {
    const source = { kind: 'logs' as const, query: 'late-probe', streams: ['ecs-prod/auth'] };
    const start = Date.now() - 3_600_000;
    await f.append([{ time: start - 60_000, content: 'late-probe before the start', labels: {} }, { time: start + 60_000, content: 'late-probe in order', labels: {} }]);
    let { events, cursor } = await readAll(source, { time: start, position: null, ids: [] }, Date.now());
    expect(contents(events)).toEqual(['late-probe in order']);

    // Behind the cursor: an agent's backlog (one matching, one not), and a line from before the start.
    await f.append([
      { time: start + 30_000, content: 'late-probe from the backlog', labels: {} },
      { time: start + 31_000, content: 'backlog line the query does not match', labels: {} },
      { time: start - 30_000, content: 'late-probe older than the start', labels: {} },
    ]);
    ({ events, cursor } = await readAll(source, cursor, Date.now()));
    expect(contents(events)).toEqual(['late-probe from the backlog']);
    ({ events, cursor } = await readAll(source, cursor, Date.now()));
    expect(events).toEqual([]);

    // A line ahead of the cursor that is also behind the newest stored line comes once, in order.
    await f.append([{ time: Date.now() + 60_000, content: 'late-probe from the future', labels: {} }]);
    await f.append([{ time: Date.now() - 5_000, content: 'late-probe just now', labels: {} }]);
    const until = Date.now();
    ({ events, cursor } = await readAll(source, cursor, until));
    expect(contents(events)).toEqual(['late-probe just now']);
    expect(contents((await readAll(source, cursor, until)).events)).toEqual([]);
  });

  it('sends traces stored behind the cursor once (an import of an older CTS file), and none from before its start', async () => {
    const start = t0 + 60_000;
    await f.store.traces.appendTraces([makeTrace('in-order', { time: start + 10 })]);
    let { events, cursor } = await readAll(traceSource, { time: start, position: null, ids: [] }, Date.now());
    expect(ids(events)).toEqual(['in-order']);

    await f.store.traces.appendTraces([
      makeTrace('late-obs', { time: start + 5 }),
      makeTrace('late-other-service', { time: start + 6, service_type: 'ECS' }),
      makeTrace('older-than-start', { time: start - 500 }),
    ]);
    ({ events, cursor } = await readAll(traceSource, cursor, Date.now()));
    expect(ids(events)).toEqual(['late-obs']);
    expect((await readAll(traceSource, cursor, Date.now())).events).toEqual([]);
  });
});
