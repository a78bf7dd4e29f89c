// The cursor over traces and lines: same-millisecond traces split across batches, streams chosen
// by name, windows with nothing to send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
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
    const first = await readSource(f.store, { kind: 'logs', query: 'no-such-word', streams: [] }, { time: t0 - 1000, position: null, ids: [] }, until, 100);
    expect(first).toMatchObject({ events: [], more: false, cursor: { time: until } });
    const read = await readSource(f.store, { kind: 'logs', query: '', streams: ['ecs-prod/auth'] }, { time: t0 - 1000, position: null, ids: [] }, until, 100);
    expect(read.events.map((e) => (e.kind === 'log' ? e.line.content : ''))).toEqual(['only-line']);
    const again = await readSource(f.store, { kind: 'logs', query: '', streams: [] }, read.cursor, Date.now(), 100);
    expect(again.events.map((e) => (e.kind === 'log' ? e.line.content : ''))).toEqual(['too-fresh']);
  });
});
