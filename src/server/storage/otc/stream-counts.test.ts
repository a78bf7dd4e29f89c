/** Line counts on the OTC store: taken from LTS (is_count), listed with their time, or unknown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimPair, type SimPair } from './testing/sim-pair.ts';
import { StreamCounts } from './stream-counts.ts';

let pair: SimPair;

beforeAll(async () => {
  pair = await startSimPair({ lines: 5000, days: 2 });
}, 60_000);

afterAll(async () => {
  await pair?.close();
});

describe('line counts from LTS', () => {
  it('lists each stream with the count and newest line LTS reports, and the total in health', async () => {
    const store = pair.open();
    await store.logs.listGroups();
    await store.lineCounts.idle('eu-de');
    const groups = await store.logs.listGroups();
    const tenant = pair.primary.tenant;
    let total = 0;
    for (const group of groups) {
      for (const stream of group.log_streams) {
        const sim = tenant.groups.find((g) => g.name === group.log_group_name)!.streams.find((s) => s.name === stream.log_stream_name)!;
        const visible = sim.lines.filter((l) => l.time <= Date.now());
        expect(stream.line_count, stream.log_stream_id).toBe(visible.length);
        expect(stream.latest_time).toBe(visible.length === 0 ? null : visible[visible.length - 1]!.time);
        expect(stream.counted_at).toBeTypeOf('number');
        total += visible.length;
      }
      expect(group.line_count).toBe(group.log_streams.reduce((sum, s) => sum + s.line_count!, 0));
    }
    expect(total).toBeGreaterThan(4000);
    expect(await store.counts()).toEqual({ lines: total, traces: 0, unknown: ['traces'] });
    await store.close();
  }, 30_000);

  it('lists counts as unknown when LTS refuses them, never as 0', async () => {
    // A client quota of one read a minute per stream: the count cannot be taken after a search.
    const store = pair.open({ rates: { accountPerMin: 1_000_000, groupPerMin: 1_000_000, streamPerMin: 1 } });
    const counts = store.lineCounts;
    expect(counts).toBeInstanceOf(StreamCounts);
    // Use up every stream's read with a search first.
    const now = Date.now();
    const { parseSearchQuery } = await import('../../search/scope.ts');
    await store.search.searchLines({ query: parseSearchQuery('sshd'), from: now - 86_400_000, to: now, streamIds: null, order: 'newest', limit: 10, position: null, budget: { maxRows: 1e6, maxMs: 30_000 } });
    const groups = await store.logs.listGroups();
    await counts.idle('eu-de');
    for (const stream of groups.flatMap((g) => g.log_streams)) {
      expect(stream.line_count).toBeNull();
      expect(stream.counted_at).toBeUndefined();
    }
    expect(groups.every((g) => g.line_count === null)).toBe(true);
    expect((await store.counts()).unknown).toEqual(['lines', 'traces']);
    await store.close();
  }, 30_000);
});
