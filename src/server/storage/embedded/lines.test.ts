import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewLogLine } from '../ports.ts';
import { MAX_CONTENT_CHARS } from './validate.ts';
import { openTempStore } from './test-helpers.ts';
import type { TempStore } from './test-helpers.ts';

const T0 = Date.UTC(2026, 0, 1, 10, 0, 0); // on a 5-minute boundary
const MIN = 60_000;

describe('embedded store: appending lines', () => {
  let temp: TempStore;
  let groupId: string;
  const streamIds: Record<string, string> = {};
  let nextName = 0;
  /** A fresh stream per test keeps the shared store's counters independent. */
  const newStream = async () => {
    const { id } = await temp.store.logs.ensureStream({ groupId, name: `s${nextName++}` });
    streamIds[id] = id;
    return id;
  };

  beforeAll(async () => {
    temp = await openTempStore();
    groupId = (await temp.store.logs.ensureGroup({ name: 'app', ttlInDays: 30 })).id;
  });
  afterAll(async () => {
    await temp.dispose();
  });

  it('counts lines and keeps 5-minute rollups per level in step', async () => {
    const stream = await newStream();
    const before = await temp.store.counts();
    const lines: NewLogLine[] = [
      { time: T0, content: 'GET /health 200', labels: { level: 'INFO', hostName: 'web-1' } },
      { time: T0 + 1 * MIN, content: 'GET /login 500', labels: { level: 'ERROR' } },
      { time: T0 + 4 * MIN, content: 'GET /a 200', labels: { level: 'INFO' } },
      { time: T0 + 5 * MIN, content: 'GET /b 200', labels: { level: 'INFO', pathFile: '/var/log/x' } },
      { time: T0 + 12 * MIN, content: 'no level', labels: {} },
    ];
    const result = await temp.store.logs.appendLines(stream, lines);
    expect(result.written).toBe(5);
    expect(await temp.store.counts()).toEqual({ lines: before.lines + 5, traces: before.traces });

    const rollup = (await temp.store.read('rollup', { from: T0, to: T0 + 15 * MIN })).filter((r) => r.streamId === stream);
    expect(rollup.map((r) => [r.bucket - T0, r.level, r.n])).toEqual([
      [0, 'ERROR', 1],
      [0, 'INFO', 2],
      [5 * MIN, 'INFO', 1],
      [10 * MIN, '', 1],
    ]);
    const stored = await temp.store.read('linesByNum', [result.lastLineNum!, result.firstLineNum!]);
    expect(stored.map((l) => [l.time, l.content, l.labels])).toEqual([
      [T0 + 12 * MIN, 'no level', {}],
      [T0, 'GET /health 200', { level: 'INFO', hostName: 'web-1' }],
    ]);
    expect(await temp.store.read('linesByNum', ['0000000000000000000'])).toEqual([]);
    const [withPath] = await temp.store.read('matchLineNums', '"GET /b"').then((nums) => temp.store.read('linesByNum', nums));
    expect(withPath).toMatchObject({ log_stream_id: stream, labels: { level: 'INFO', pathFile: '/var/log/x' } });

    // A second batch into the same bucket adds to the row instead of replacing it.
    await temp.store.logs.appendLines(stream, [{ time: T0 + 2 * MIN, content: 'x', labels: { level: 'INFO' } }]);
    const again = await temp.store.read('rollup', { from: T0, to: T0 + 5 * MIN });
    expect(again.find((r) => r.streamId === stream && r.level === 'INFO')?.n).toBe(3);
  });

  it('gives time-ordered 19-digit line numbers, also for 2000 lines in one millisecond', async () => {
    const stream = await newStream();
    const burst = Array.from({ length: 2000 }, (_, i) => ({ time: T0 + 7, content: `burst ${i}`, labels: {} }));
    const first = await temp.store.logs.appendLines(stream, burst);
    expect(first.firstLineNum).toMatch(/^\d{19}$/);
    // The next millisecond's slots were partly used by the burst; its lines must still follow.
    const next = await temp.store.logs.appendLines(stream, [{ time: T0 + 8, content: 'after burst', labels: {} }]);
    // A late line lands before the burst even though it is written after it.
    const late = await temp.store.logs.appendLines(stream, [{ time: T0 + 6, content: 'late burst', labels: {} }]);
    // The same millisecond again, in a later batch: slots taken by the first batch are skipped.
    const again = await temp.store.logs.appendLines(stream, [{ time: T0 + 7, content: 'burst again', labels: {} }]);

    const found = await temp.store.read('matchLineNums', 'burst', 5000);
    expect(found).toHaveLength(2003);
    expect(new Set(found).size).toBe(2003);
    const ascending = [...found].reverse();
    expect([...ascending].sort()).toEqual(ascending);
    expect(ascending[0]).toBe(late.firstLineNum);
    expect(ascending[1]).toBe(first.firstLineNum);
    expect(ascending[2000]).toBe(first.lastLineNum);
    expect(ascending[2001]).toBe(next.firstLineNum);
    // The millisecond's slots are full, so this line takes the next free id, after the ones
    // already spilled into the following millisecond (the documented limit of the scheme).
    expect(ascending[2002]).toBe(again.firstLineNum);
  });

  it('gives distinct ids when one batch spills a millisecond into the next one it also holds', async () => {
    const stream = await newStream();
    // 1,030 lines in one millisecond take 6 slots of the next, where 3 more lines of the batch
    // belong: rows are written a few at a time, so these must not take the spilled slots.
    const spill = Array.from({ length: 1_030 }, (_, i) => ({ time: T0 + 20, content: `spill ${i}`, labels: {} }));
    const next = Array.from({ length: 3 }, (_, i) => ({ time: T0 + 21, content: `spill next ${i}`, labels: {} }));
    const written = await temp.store.logs.appendLines(stream, [...spill, ...next]);
    expect(written.written).toBe(1_033);
    const found = await temp.store.read('matchLineNums', 'spill', 5000);
    expect(new Set(found).size).toBe(1_033);
  });

  it('rejects a whole batch with a bad line and names its index', async () => {
    const stream = await newStream();
    const good = (i: number): NewLogLine => ({ time: T0 + i, content: `atomic ${i}`, labels: {} });
    const before = await temp.store.counts();

    const badTime = [good(0), good(1), { time: Number.NaN, content: 'atomic bad', labels: {} }];
    await expect(temp.store.logs.appendLines(stream, badTime)).rejects.toThrow(/invalid log line at index 2: time/);
    const tooLong = [good(0), { time: T0, content: 'x'.repeat(MAX_CONTENT_CHARS + 1), labels: {} }];
    await expect(temp.store.logs.appendLines(stream, tooLong)).rejects.toThrow(
      /index 1: content has 10001 characters, more than the limit of 10000/,
    );
    const badLabel = [good(0), { time: T0, content: 'ok', labels: { level: 3 as unknown as string } }];
    await expect(temp.store.logs.appendLines(stream, badLabel)).rejects.toThrow(/index 1: label "level" must be a string/);

    expect(await temp.store.counts()).toEqual(before);
    expect(await temp.store.read('matchLineNums', 'atomic')).toEqual([]);
    const group = (await temp.store.logs.listGroups())[0]!;
    expect(group.log_streams.find((s) => s.log_stream_id === stream)).toMatchObject({ line_count: 0, latest_time: null });
  });

  it('finds lines through the full-text index, phrases included', async () => {
    const stream = await newStream();
    await temp.store.logs.appendLines(stream, [
      { time: T0, content: 'Failed password for root from 46.62.253.153 port 22 ssh2', labels: {} },
      { time: T0 + 1, content: 'Accepted password for alice', labels: {} },
    ]);
    expect(await temp.store.read('matchLineNums', '"Failed password"')).toHaveLength(1);
    expect(await temp.store.read('matchLineNums', '"46.62.253.153"')).toHaveLength(1);
    await expect(temp.store.read('matchLineNums', '"unterminated')).rejects.toThrow(/unterminated string/);
  });
});
