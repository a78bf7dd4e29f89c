import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore, Store } from '../../storage/ports.ts';
import { IngestMetrics } from './metrics.ts';
import { IngestQueue, QueueFullError, type IngestEntry } from './queue.ts';

let dir: string;
let store: SearchableStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-queue-'));
  store = await openStore({ kind: 'embedded', dataDir: dir, logger: silentLogger });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const entries = (n: number, stream = 's'): IngestEntry[] =>
  Array.from({ length: n }, (_, i) => ({ group: 'g', stream, line: { time: Date.now(), content: `line ${i}`, labels: {} } }));

/** The real store, with commits held until released (a slow disk). */
function gated(inner: Store) {
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  /** Lines of each appendBatches call, in call order. */
  const calls: number[] = [];
  const wrapped: Store = {
    ...inner,
    logs: {
      ...inner.logs,
      appendBatches: async (batches, cursors) => {
        calls.push(batches.reduce((n, batch) => n + batch.lines.length, 0));
        await gate;
        return inner.logs.appendBatches(batches, cursors);
      },
    },
  };
  return { store: wrapped, calls: () => calls, open: () => release(), close: () => (gate = new Promise<void>((r) => (release = r))) };
}

describe('ingest queue', () => {
  it('resolves a submission only after its lines are committed, several streams in one transaction', async () => {
    const g = gated(store);
    const queue = new IngestQueue({ store: g.store, metrics: new IngestMetrics() });
    let acked = false;
    const done = queue.submit('test', [...entries(3, 'a'), ...entries(2, 'b')]).then((n) => ((acked = true), n));
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toBe(false);
    expect((await store.counts()).lines).toBe(0);
    g.open();
    expect(await done).toBe(5);
    expect((await store.counts()).lines).toBe(5);
    expect(queue.status().receivers[0]).toMatchObject({ name: 'test', committed: 5 });
  });

  it('refuses at once when full and takes submissions again once drained; memory stays bounded', async () => {
    const g = gated(store);
    const queue = new IngestQueue({ store: g.store, metrics: new IngestMetrics(), maxLines: 1_000 });
    const first = queue.submit('test', entries(800));
    await expect(queue.submit('test', entries(300))).rejects.toBeInstanceOf(QueueFullError);
    expect(queue.depth.lines).toBe(800);
    const second = queue.submit('test', entries(200)); // exactly fills the queue
    let roomy = false;
    const room = queue.waitForRoom().then(() => (roomy = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(roomy).toBe(false);
    g.open();
    await Promise.all([first, second, room]);
    expect(queue.depth.lines).toBe(0);
    expect(await queue.submit('test', entries(300))).toBe(300);
    expect(queue.status().receivers[0]!.rejected).toEqual({ queue_full: 300 });
    expect((await store.counts()).lines).toBe(1_300);
  });

  it('rejects every submission of a failed transaction and writes none of it', async () => {
    const failing: Store = { ...store, logs: { ...store.logs, appendBatches: async () => Promise.reject(new Error('disk full')) } };
    const queue = new IngestQueue({ store: failing, metrics: new IngestMetrics() });
    await expect(queue.submit('test', entries(10))).rejects.toThrow('disk full');
    expect(queue.status().receivers[0]!.rejected).toEqual({ store_error: 10 });
    expect(queue.depth.lines).toBe(0);
    expect((await store.counts()).lines).toBe(0);
  });

  it('hands the store a second transaction while the first commits, but holds one that carries a position', async () => {
    const g = gated(store);
    const queue = new IngestQueue({ store: g.store, metrics: new IngestMetrics() });
    const first = queue.submit('test', entries(3));
    await new Promise((r) => setTimeout(r, 20));
    const second = queue.submit('test', entries(2));
    await new Promise((r) => setTimeout(r, 20));
    const third = queue.submit('test', entries(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(g.calls()).toEqual([3, 2]); // two in flight; the third waits for a slot
    g.open();
    expect(await Promise.all([first, second, third])).toEqual([3, 2, 1]);
    expect(g.calls()).toEqual([3, 2, 1]);

    g.close();
    const unpositioned = queue.submit('test', entries(4));
    await new Promise((r) => setTimeout(r, 20));
    const positioned = queue.submit('tail', entries(5), { source: 'file:/var/log/x', position: '{"offset":5}' });
    await new Promise((r) => setTimeout(r, 50));
    expect(g.calls()).toEqual([3, 2, 1, 4]); // the position waits for the transaction before it
    g.open();
    expect(await Promise.all([unpositioned, positioned])).toEqual([4, 5]);
    expect(g.calls()).toEqual([3, 2, 1, 4, 5]);
    expect((await store.counts()).lines).toBe(15);
  });
});
