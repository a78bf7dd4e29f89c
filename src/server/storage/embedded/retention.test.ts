import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewLogLine } from '../ports.ts';
import { openDatabase } from './sqlite.ts';
import { DB_FILE } from './store.ts';
import { openTempStore } from './test-helpers.ts';
import type { TempStore } from './test-helpers.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

describe('embedded store: retention', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('deletes exactly the expired lines, from the index, rollup and counters too', async () => {
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'sys', ttlInDays: 7 });
    const usesGroupTtl = await logs.ensureStream({ groupId: group.id, name: 'a-group-ttl' });
    const ownTtl = await logs.ensureStream({ groupId: group.id, name: 'b-own-ttl', ttlInDays: 1 });

    // More expired lines than one deletion chunk (5,000), so the pass spans several transactions.
    const expired: NewLogLine[] = Array.from({ length: 6_000 }, (_, i) => ({
      time: NOW - 8 * DAY + i * 1_000,
      content: `expiredtoken line ${i}`,
      labels: { level: i % 10 === 0 ? 'ERROR' : 'INFO' },
    }));
    await logs.appendLines(usesGroupTtl.id, expired);
    await logs.appendLines(usesGroupTtl.id, [
      { time: NOW - 7 * DAY, content: 'keeptoken exactly at the cut-off', labels: { level: 'INFO' } },
      { time: NOW - 6 * DAY, content: 'keeptoken six days old', labels: { level: 'INFO' } },
    ]);
    await logs.appendLines(ownTtl.id, [
      { time: NOW - 2 * DAY, content: 'expiredtoken two days old', labels: {} },
      { time: NOW - DAY + 1, content: 'keeptoken just inside one day', labels: {} },
    ]);

    const result = await logs.applyRetention(NOW);
    expect(result.deletedLines).toBe(6_001);
    expect(result.streams).toEqual([
      { groupName: 'sys', streamName: 'a-group-ttl', deleted: 6_000, cutoff: NOW - 7 * DAY },
      { groupName: 'sys', streamName: 'b-own-ttl', deleted: 1, cutoff: NOW - DAY },
    ]);

    const { store } = temp;
    expect(await store.counts()).toEqual({ lines: 3, traces: 0 });
    expect(await store.read('matchLineNums', 'expiredtoken')).toEqual([]);
    expect(await store.read('matchLineNums', 'keeptoken')).toHaveLength(3);
    const rollup = await store.read('rollup', { from: 0, to: NOW + DAY });
    expect(rollup.reduce((sum, row) => sum + row.n, 0)).toBe(3);
    expect(rollup.every((row) => row.bucket >= NOW - 7 * DAY)).toBe(true);
    const streams = (await store.logs.listGroups())[0]!.log_streams;
    expect(streams.map((s) => [s.line_count, s.latest_time])).toEqual([
      [2, NOW - 6 * DAY],
      [1, NOW - DAY + 1],
    ]);

    // A second pass finds nothing; emptying a stream clears its latest_time.
    expect((await logs.applyRetention(NOW)).deletedLines).toBe(0);
    expect((await logs.applyRetention(NOW + 30 * DAY)).deletedLines).toBe(3);
    expect((await store.logs.listGroups())[0]!.log_streams.map((s) => s.latest_time)).toEqual([null, null]);
    expect(await store.read('rollup', { from: 0, to: NOW + DAY })).toEqual([]);

    // The external-content index still matches the table (rank 1 = compare with the content).
    await store.close();
    const db = openDatabase(join(temp.dir, DB_FILE));
    try {
      expect(() => db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    } finally {
      db.close();
    }
  });

  it('rejects a "now" that is not epoch ms', async () => {
    await expect(temp.store.logs.applyRetention(Number.NaN)).rejects.toThrow(/retention needs "now" as epoch ms/);
  });
});
