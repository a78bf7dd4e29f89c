import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTrace, openTempStore } from './test-helpers.ts';
import type { TempStore } from './test-helpers.ts';

describe('embedded store: audit traces', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('skips and reports trace_ids already stored, also within one batch', async () => {
    const { traces } = temp.store;
    expect(await traces.appendTraces([makeTrace('t1'), makeTrace('t2')])).toEqual({ inserted: 2, duplicates: [] });
    expect(await traces.appendTraces([makeTrace('t2'), makeTrace('t3'), makeTrace('t3')])).toEqual({
      inserted: 1,
      duplicates: ['t2', 't3'],
    });
    expect(await temp.store.counts()).toEqual({ lines: 0, traces: 3 });
    expect(await (await temp.reopen()).counts()).toEqual({ lines: 0, traces: 3 });
  });

  it('rejects a batch with an invalid trace, naming its index and field', async () => {
    const bad = makeTrace('t9', { trace_rating: 'catastrophic' as never });
    await expect(temp.store.traces.appendTraces([makeTrace('t8'), bad])).rejects.toThrow(
      /invalid trace at index 1 \(trace_rating\)/,
    );
    expect(await temp.store.counts()).toEqual({ lines: 0, traces: 0 });
  });
});
