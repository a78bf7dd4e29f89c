// The server-error rollup (write/server-error-rollup.ts): which lines count, kept in step by
// appends and retention, and counted for older stores by a backfill that resumes after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import type { NewLogLine } from '../ports.ts';
import { openWriterConnection } from './connection.ts';
import { openDatabase } from './sqlite.ts';
import { openTempStore, type TempStore } from './test-helpers.ts';
import { isServerErrorLine } from './write/server-error-rollup.ts';
import { createLineIndexes } from './write/line-indexes.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const access = (status: number) => `203.0.113.9 - - [01/Jun/2026:11:00:00 +0000] "GET /cart HTTP/1.1" ${status} 512 "-" "curl/8.5"`;

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.dispose();
  temp = null;
});

async function errorsPerBucket(store: TempStore['store'], from: number, to: number): Promise<number[]> {
  const data = await store.anomalySeries.logSeries({ from, to });
  return data.streams[0]!.errors;
}

describe('server errors of lines without a level', () => {
  it('are the unlabelled lines whose status field is 500 or more', () => {
    expect(isServerErrorLine(access(503), {})).toBe(true);
    expect(isServerErrorLine(access(500), { hostName: 'web-1' })).toBe(true);
    expect(isServerErrorLine(access(499), {})).toBe(false);
    expect(isServerErrorLine(access(503), { level: 'INFO' })).toBe(false);
    expect(isServerErrorLine('{"path":"/cart","status":502}', {})).toBe(true);
    expect(isServerErrorLine('upstream answered status=504', {})).toBe(true);
    expect(isServerErrorLine('request done', { status: '500' })).toBe(true);
    expect(isServerErrorLine('disk 503 GB free', {})).toBe(false);
  });

  it('are counted when written and subtracted by retention', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'web', ttlInDays: 7 });
    const stream = await logs.ensureStream({ groupId: group.id, name: 'access' });
    const bucket = (days: number) => NOW - days * DAY;
    const lines: NewLogLine[] = [
      ...[200, 503, 502, 404].map((status, i) => ({ time: bucket(8) + i, content: access(status), labels: {} })),
      ...[500, 200, 504].map((status, i) => ({ time: bucket(1) + i, content: access(status), labels: {} })),
      { time: bucket(1) + 10, content: access(503), labels: { level: 'ERROR' } },
    ];
    await logs.appendLines(stream.id, lines);
    const from = bucket(9);
    const at = (time: number) => (time - from) / 300_000;
    let errors = await errorsPerBucket(temp.store, from, NOW);
    expect(errors[at(bucket(8))]).toBe(2);
    // Two 5xx without a level and one line labelled ERROR, never counted twice.
    expect(errors[at(bucket(1))]).toBe(3);
    await logs.applyRetention(NOW);
    errors = await errorsPerBucket(temp.store, from, NOW);
    expect(errors[at(bucket(8))]).toBe(0);
    expect(errors[at(bucket(1))]).toBe(3);
    const db = openDatabase(temp.store.path);
    expect(db.prepare('SELECT count(*) AS n FROM log_rollup_5xx').get()).toEqual({ n: 1 });
    db.close();
  });

  it('of a store written before the rollup are counted by a backfill that resumes after a restart', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'web', ttlInDays: 30 });
    const stream = await logs.ensureStream({ groupId: group.id, name: 'access' });
    const statuses = Array.from({ length: 50 }, (_, i) => [200, 503, 301, 500, 502][i % 5]!);
    await logs.appendLines(stream.id, statuses.map((status, i) => ({ time: NOW - DAY + i * 60_000, content: access(status), labels: {} })));
    const from = NOW - 2 * DAY;
    const want = await errorsPerBucket(temp.store, from, NOW);
    expect(want.reduce((a, b) => a + b, 0)).toBe(30);
    const path = temp.store.path;
    await temp.store.close();

    // As the migration leaves an older store: nothing counted, every line in the backfill's range.
    let db = openWriterConnection(path);
    db.exec('DELETE FROM log_rollup_5xx; UPDATE log_rollup_5xx_backfill SET next_id = 0, last_id = (SELECT max(id) FROM logs)');
    let indexes = createLineIndexes(db, 20);
    expect(indexes.serverErrors.progress().done).toBe(false);
    expect(indexes.serverErrors.step()).toBe(false);
    db.close();

    db = openWriterConnection(path);
    indexes = createLineIndexes(db, 20);
    while (!indexes.serverErrors.step());
    expect(indexes.serverErrors.progress()).toEqual({ done: true, error: null });
    db.close();
    temp.store = await temp.reopen();
    expect(await errorsPerBucket(temp.store, from, NOW)).toEqual(want);

    // And the store runs it by itself in the background after an upgrade.
    await temp.store.close();
    db = openWriterConnection(path);
    db.exec('DELETE FROM log_rollup_5xx; UPDATE log_rollup_5xx_backfill SET next_id = 0, last_id = (SELECT max(id) FROM logs)');
    db.close();
    temp.store = await temp.reopen();
    let errors: number[] = [];
    for (let tries = 0; tries < 200; tries++) {
      errors = await errorsPerBucket(temp.store, from, NOW);
      if (errors.reduce((a, b) => a + b, 0) === 30) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(errors).toEqual(want);
  });
});
