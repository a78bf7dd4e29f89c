import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../storage/index.ts';
import type { Store } from '../storage/ports.ts';
import { seedDemoData, StoreNotEmptyError, type SeedProgress } from './seed-demo-data.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37);

describe('seedDemoData into the embedded store', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-seed-'));
    store = await openStore({ kind: 'embedded', dataDir: dir });
  });
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the planned groups, streams, lines and traces, then refuses to seed twice', async () => {
    const progress: SeedProgress[] = [];
    const summary = await seedDemoData(store, { lines: 12_000, days: 30, seed: 3, now: NOW, onProgress: (p) => progress.push(p) });

    expect(summary).toMatchObject({ groups: 4, streams: 12, lines: 12_000, traces: 1_200, to: NOW });
    expect(summary.scenarios).toHaveLength(5);
    expect(await store.counts()).toEqual({ lines: 12_000, traces: 1_200 });

    const groups = await store.logs.listGroups();
    expect(groups.map((g) => [g.log_group_name, g.ttl_in_days])).toEqual([
      ['CTS', 180],
      ['cce-cluster', 7],
      ['ecs-prod', 30],
      ['network', 90],
    ]);
    for (const entry of summary.perStream) {
      const stream = groups.find((g) => g.log_group_name === entry.group)!.log_streams.find((s) => s.log_stream_name === entry.stream)!;
      expect(stream.line_count, `${entry.group}/${entry.stream}`).toBe(entry.lines);
    }
    const auth = groups.find((g) => g.log_group_name === 'ecs-prod')!.log_streams.find((s) => s.log_stream_name === 'auth')!;
    expect(auth.ttl_in_days).toBe(90);

    expect(progress.at(-1)).toMatchObject({ lines: 12_000, traces: 1_200, totalLines: 12_000, totalTraces: 1_200 });
    await expect(seedDemoData(store, { lines: 12_000, now: NOW })).rejects.toBeInstanceOf(StoreNotEmptyError);
  });
});
