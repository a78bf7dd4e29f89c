import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogGroup } from '../../contract/index.ts';
import { openStore } from '../storage/index.ts';
import type { NewLogLine, Store } from '../storage/ports.ts';
import { importLogFile } from './import-file.ts';
import { ImportError } from './import-report.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37);
const LOGHUB = new URL('../../../../shared/data/loghub/', import.meta.url);
const haveLoghub = existsSync(LOGHUB);
if (!haveLoghub) console.warn(`loghub samples not found at ${LOGHUB.pathname}; skipping the real-file imports`);

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-import-'));
  store = await openStore({ kind: 'embedded', dataDir: join(dir, 'data') });
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const SAMPLE = [
  'exported by logcat v2', // 1: before any timestamp
  '', // 2
  '=====', // 3: before any timestamp
  '2026-11-26 09:00:00,001 ERROR [main] c.e.App: boom', // 4
  'java.lang.IllegalStateException: no config', // 5: continuation
  '\tat c.e.App.main(App.java:3)', // 6: continuation
  '2026-11-26 09:00:01,000 INFO [main] c.e.App: ok', // 7
  '2020-01-01 00:00:00,000 INFO [main] c.e.App: an old line', // 8: outside retention
  `2026-11-26 09:00:02,000 INFO [main] c.e.App: ${'x'.repeat(10_050)}`, // 9: too long
  '2026-12-24 18:00:00,000 WARN [main] c.e.App: from the future', // 10
].join('\n');

describe('importLogFile', () => {
  it('loads what it can date and reports everything else with line numbers', async () => {
    const file = join(dir, 'app.log');
    await writeFile(file, SAMPLE);
    const report = await importLogFile(store, { file, group: 'imports', stream: 'app', ttlDays: 14, now: NOW });

    expect(report).toMatchObject({ group: 'imports', stream: 'app', groupCreated: true, streamCreated: true, ttlInDays: 14, linesRead: 10, loaded: 6, empty: 1, inheritedTimestamps: 2 });
    expect(report.cutoff).toBe(NOW - 14 * 86_400_000);
    expect(report.unparsable).toMatchObject({ count: 2, lineNumbers: [1, 3] });
    expect(report.unparsable.examples[0]).toEqual({ line: 1, detail: 'exported by logcat v2' });
    expect(report.tooLong).toMatchObject({ count: 1, lineNumbers: [9] });
    expect(report.outsideRetention).toMatchObject({ count: 1, lineNumbers: [8] });
    expect(report.inFuture).toMatchObject({ count: 1, lineNumbers: [10] });
    expect(report.formats).toEqual({ iso: 5 });
    expect(report.firstTime).toBe(Date.UTC(2020, 0, 1));
    expect(report.lastTime).toBe(Date.UTC(2026, 11, 24, 18));

    const stream = (await store.logs.listGroups()).find((g) => g.log_group_name === 'imports')!.log_streams[0]!;
    expect(stream.line_count).toBe(6);
  });

  it('reads zone-less times in --tz and keeps an existing group as it is', async () => {
    const file = join(dir, 'berlin.log');
    await writeFile(file, '2026-07-01 12:00:00 INFO summer noon in Berlin\n');
    const report = await importLogFile(store, { file, group: 'imports', stream: 'berlin', tz: 'Europe/Berlin', ttlDays: 200, now: NOW });
    expect(report).toMatchObject({ groupCreated: false, streamCreated: true, ttlInDays: 14, loaded: 1, zone: 'Europe/Berlin' });
    expect(report.firstTime).toBe(Date.UTC(2026, 6, 1, 10));
  });

  it('refuses bad options before touching the store', async () => {
    const file = join(dir, 'app.log');
    await expect(importLogFile(store, { file, group: 'imports', stream: 'x', tz: 'Mars/Olympus', now: NOW })).rejects.toThrow(/unknown time zone/);
    await expect(importLogFile(store, { file, group: '.hidden', stream: 'x', now: NOW })).rejects.toThrow(/invalid group name/);
    await expect(importLogFile(store, { file: join(dir, 'missing.log'), group: 'imports', stream: 'x', now: NOW })).rejects.toThrow(/no such file/);
  });

  it('stops at a batch the store refuses, reporting what landed before it', async () => {
    const file = join(dir, 'big.log');
    await writeFile(file, Array.from({ length: 12_000 }, (_, i) => `2026-11-26T08:00:00Z line ${i}`).join('\n'));
    const calls: number[] = [];
    const refusing = storeRefusingBatch(2, calls);
    const failure = await importLogFile(refusing, { file, group: 'g', stream: 's', now: NOW }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).message).toMatch(/batch starting at line 5001 was refused/);
    expect((failure as ImportError).report?.loaded).toBe(5_000);
    expect(calls).toEqual([5_000, 5_000]);
  });
});

/** A store whose n-th appendLines call fails, as a full disk would. */
function storeRefusingBatch(failingCall: number, calls: number[]): Store {
  const group: LogGroup = { log_group_id: 'g1', log_group_name: 'g', ttl_in_days: 30, creation_time: 0, tag: {}, line_count: 0, log_streams: [] };
  return {
    kind: 'embedded',
    logs: {
      listGroups: async () => [group],
      ensureGroup: async () => ({ id: 'g1', created: true, ttlInDays: 30 }),
      ensureStream: async () => ({ id: 's1', created: true }),
      appendLines: async (_id: string, lines: readonly NewLogLine[]) => {
        calls.push(lines.length);
        if (calls.length === failingCall) throw new Error('disk full');
        return { written: lines.length, firstLineNum: null, lastLineNum: null };
      },
      appendBatches: async () => {
        throw new Error('not used by import');
      },
      readIngestCursor: async () => null,
      applyRetention: async () => ({ deletedLines: 0, streams: [] }),
    },
    traces: { appendTraces: async () => ({ inserted: 0, duplicates: [] }) },
    counts: async () => ({ lines: 0, traces: 0 }),
    close: async () => {},
  };
}

describe.skipIf(!haveLoghub)('importing the loghub samples into a real store', () => {
  it('loads all 2,000 lines of OpenSSH_2k.log, dated from their syslog stamps', async () => {
    const file = new URL('OpenSSH_2k.log', LOGHUB).pathname;
    const before = (await store.counts()).lines;
    const report = await importLogFile(store, { file, group: 'loghub', stream: 'openssh', now: NOW });
    expect(report).toMatchObject({ linesRead: 2_000, loaded: 2_000, empty: 0, inheritedTimestamps: 0, formats: { syslog: 2_000 } });
    expect(report.unparsable.count).toBe(0);
    // December 10 lies in the past year; with a 30-day retention all of it is flagged.
    expect(new Date(report.firstTime!).toISOString()).toBe('2025-12-10T06:55:46.000Z');
    expect(report.outsideRetention.count).toBe(2_000);
    expect((await store.counts()).lines - before).toBe(2_000);
  });

  it.each(['Apache', 'Hadoop', 'Linux', 'OpenStack', 'Thunderbird', 'Windows', 'Zookeeper'])('loads every line of %s_2k.log', async (name) => {
    const file = new URL(`${name}_2k.log`, LOGHUB).pathname;
    const report = await importLogFile(store, { file, group: 'loghub', stream: name.toLowerCase(), now: NOW });
    expect(report.loaded).toBe(2_000);
    expect(report.unparsable.count + report.tooLong.count + report.rejected.count).toBe(0);
  });
});
