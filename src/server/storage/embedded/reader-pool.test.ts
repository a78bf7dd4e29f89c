import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadRefused } from '../read-refused.ts';
import { ReaderPool } from './reader-pool.ts';
import type { WorkerClient } from './worker-client.ts';

type Api = { work(label: string): string };

/** A worker whose calls finish only when the test says so; records what it started. */
function gatedWorkers(n: number) {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const workers: WorkerClient<Api>[] = Array.from({ length: n }, () => ({
    call: (_op, label) =>
      new Promise((resolve) => {
        started.push(label);
        gates.set(label, () => resolve(label as never));
      }) as never,
    close: () => Promise.resolve(),
  }));
  const finish = async (label: string) => {
    gates.get(label)!();
    await new Promise((r) => setImmediate(r));
  };
  return { workers, started, finish };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reader pool', () => {
  it('keeps one reader for light reads while heavy scans fill the others', async () => {
    const { workers, started, finish } = gatedWorkers(3);
    const pool = new ReaderPool(workers);
    const heavy = ['h1', 'h2', 'h3', 'h4'].map((label) => pool.run('work', [label], { heavy: true }));
    expect(started).toEqual(['h1', 'h2']);
    expect(pool.stats()).toMatchObject({ readers: 3, running: 2, heavyRunning: 2, queued: 2, maxHeavyRunning: 2 });

    const light = pool.run('work', ['light'], {});
    expect(started).toEqual(['h1', 'h2', 'light']);
    await finish('light');
    await expect(light).resolves.toBe('light');

    await finish('h1');
    expect(started).toEqual(['h1', 'h2', 'light', 'h3']);
    await finish('h2');
    await finish('h3');
    await finish('h4');
    await expect(Promise.all(heavy)).resolves.toEqual(['h1', 'h2', 'h3', 'h4']);
  });

  it('starts interactive reads before bulk and background ones, in arrival order within a rank', async () => {
    const { workers, started, finish } = gatedWorkers(1);
    const pool = new ReaderPool(workers);
    const all = [
      pool.run('work', ['first'], {}),
      pool.run('work', ['background'], { priority: 'background' }),
      pool.run('work', ['export'], { priority: 'bulk', heavy: true }),
      pool.run('work', ['scan'], { heavy: true }),
      pool.run('work', ['page-1'], {}),
      pool.run('work', ['page-2'], { priority: 'interactive' }),
    ];
    for (const label of ['first', 'page-1', 'page-2', 'scan', 'export', 'background']) await finish(label);
    await Promise.all(all);
    expect(started).toEqual(['first', 'page-1', 'page-2', 'scan', 'export', 'background']);
  });

  it('frees a waiting read at once when its caller aborts, and never runs it', async () => {
    const { workers, started, finish } = gatedWorkers(1);
    const pool = new ReaderPool(workers);
    const running = pool.run('work', ['running'], {});
    const abort = new AbortController();
    const waiting = pool.run('work', ['waiting'], { signal: abort.signal });
    expect(pool.stats().queued).toBe(1);
    abort.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
    expect(pool.stats().queued).toBe(0);
    await finish('running');
    await running;
    expect(started).toEqual(['running']);
    await expect(pool.run('work', ['late'], { signal: abort.signal })).rejects.toThrow(/abort/i);
  });

  it('refuses a read that waited too long or finds the queue full, saying when to retry', async () => {
    vi.useFakeTimers();
    const { workers } = gatedWorkers(1);
    const pool = new ReaderPool(workers, { maxQueued: 1, queueMs: 3_000 });
    void pool.run('work', ['busy'], {});
    const waiting = pool.run('work', ['waits'], {});
    const full = pool.run('work', ['too-many'], {});
    await expect(full).rejects.toMatchObject({ name: 'ReadRefused', reason: 'queue_full' });
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(3_001);
    const refused = (await outcome) as ReadRefused;
    expect(refused).toBeInstanceOf(ReadRefused);
    expect(refused.reason).toBe('queue_timeout');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(pool.stats().queued).toBe(0);
  });

  it('refuses waiting reads when it closes', async () => {
    const { workers } = gatedWorkers(1);
    const pool = new ReaderPool(workers);
    void pool.run('work', ['busy'], {});
    const waiting = pool.run('work', ['waits'], {});
    const closing = pool.close();
    await expect(waiting).rejects.toMatchObject({ reason: 'closed' });
    await closing;
    await expect(pool.run('work', ['after'], {})).rejects.toMatchObject({ reason: 'closed' });
  });
});
