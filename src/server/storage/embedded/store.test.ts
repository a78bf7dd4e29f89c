import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logGroupSchema } from '../../../contract/schemas/log-groups.ts';
import { openStore } from '../index.ts';
import { openTempStore } from './test-helpers.ts';
import type { TempStore } from './test-helpers.ts';

describe('embedded store: groups, streams, lifecycle', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('creates groups and streams once and lists them by name with counters', async () => {
    const { logs } = temp.store;
    const web = await logs.ensureGroup({ name: 'web', ttlInDays: 30, tags: { team: 'edge' } });
    const audit = await logs.ensureGroup({ name: 'auth', ttlInDays: 7 });
    expect(web.created).toBe(true);
    expect(await logs.ensureGroup({ name: 'web', ttlInDays: 3 })).toEqual({ id: web.id, created: false, ttlInDays: 30 });

    const nginx = await logs.ensureStream({ groupId: web.id, name: 'nginx', ttlInDays: 2 });
    const app = await logs.ensureStream({ groupId: web.id, name: 'app' });
    expect(await logs.ensureStream({ groupId: web.id, name: 'nginx' })).toEqual({ id: nginx.id, created: false });
    // Stream names are unique per group, not globally.
    expect((await logs.ensureStream({ groupId: audit.id, name: 'nginx' })).created).toBe(true);
    await logs.appendLines(app.id, [
      { time: 1_000, content: 'a', labels: {} },
      { time: 5_000, content: 'b', labels: {} },
    ]);

    const groups = await logs.listGroups();
    for (const group of groups) logGroupSchema.parse(group);
    expect(groups.map((g) => g.log_group_name)).toEqual(['auth', 'web']);
    const webGroup = groups[1]!;
    expect(webGroup).toMatchObject({ log_group_id: web.id, ttl_in_days: 30, tag: { team: 'edge' }, line_count: 2 });
    expect(webGroup.log_streams.map((s) => [s.log_stream_name, s.ttl_in_days, s.line_count, s.latest_time])).toEqual([
      ['app', null, 2, 5_000],
      ['nginx', 2, 0, null],
    ]);
  });

  it('refuses invalid names and unknown parents with clear errors', async () => {
    const { logs } = temp.store;
    await expect(logs.ensureGroup({ name: '.hidden', ttlInDays: 7 })).rejects.toThrow(/invalid log group name/);
    await expect(logs.ensureGroup({ name: 'ok', ttlInDays: 0 })).rejects.toThrow(/ttl_in_days must be an integer from 1 to 365/);
    await expect(logs.ensureStream({ groupId: 'nope', name: 's' })).rejects.toThrow(/unknown log group id "nope"/);
    await expect(logs.appendLines('nope', [])).rejects.toThrow(/unknown log stream id "nope"/);
  });

  it('keeps everything across close and reopen', async () => {
    const group = await temp.store.logs.ensureGroup({ name: 'sys', ttlInDays: 7 });
    const stream = await temp.store.logs.ensureStream({ groupId: group.id, name: 'cron' });
    await temp.store.logs.appendLines(stream.id, [{ time: 1_700_000_000_000, content: 'CRON job ran', labels: {} }]);
    const store = await temp.reopen();
    expect(await store.counts()).toEqual({ lines: 1, traces: 0 });
    expect((await store.logs.ensureStream({ groupId: group.id, name: 'cron' })).id).toBe(stream.id);
    expect(await store.read('matchLineNums', 'cron')).toHaveLength(1);
  });

  it('finishes writes sent before close, then refuses calls', async () => {
    const { store } = temp;
    const group = await store.logs.ensureGroup({ name: 'sys', ttlInDays: 7 });
    const stream = await store.logs.ensureStream({ groupId: group.id, name: 'cron' });
    const lines = Array.from({ length: 500 }, (_, i) => ({ time: 1_000 + i, content: `line ${i}`, labels: {} }));
    const pending = store.logs.appendLines(stream.id, lines);
    const closed = store.close();
    await expect(pending).resolves.toMatchObject({ written: 500 });
    await closed;
    await expect(store.counts()).rejects.toThrow('store is closed');
    await expect(store.logs.appendLines(stream.id, lines)).rejects.toThrow('store is closed');
    await store.close(); // idempotent
    expect(await (await temp.reopen()).counts()).toEqual({ lines: 500, traces: 0 });
  });

  it('is what openStore returns for kind embedded', async () => {
    const store = await openStore({ kind: 'embedded', dataDir: `${temp.dir}/nested/folder` });
    try {
      expect(store.kind).toBe('embedded');
      expect(await store.counts()).toEqual({ lines: 0, traces: 0 });
    } finally {
      await store.close();
    }
  });
});
