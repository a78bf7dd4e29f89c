import { describe, expect, it } from 'vitest';
import { startWorker } from './worker-client.ts';

type TestApi = {
  echo(value: unknown): unknown;
  later(value: unknown): Promise<unknown>;
  fail(): never;
  crash(): Promise<never>;
};
const url = new URL('./worker-client.test-worker.ts', import.meta.url);

describe('storage worker protocol', () => {
  it('answers calls by id, passes errors back as rejections and closes after pending calls', async () => {
    const { client } = await startWorker<TestApi>(url, { dbPath: 'ok' }, 'test');
    const slow = client.call('later', 'slow');
    const fast = client.call('echo', { n: 1 });
    await expect(client.call('fail')).rejects.toThrow('operation failed on purpose');
    await expect(client.call('nope' as 'echo', 1)).rejects.toThrow('unknown storage operation "nope"');
    const closing = client.close();
    await expect(client.call('echo', 2)).rejects.toThrow('storage is closed');
    await expect(Promise.all([slow, fast])).resolves.toEqual(['slow', { n: 1 }]);
    await closing;
  });

  it('reports a worker that cannot start', async () => {
    await expect(startWorker<TestApi>(url, { dbPath: 'refuse' }, 'test')).rejects.toThrow('cannot open refuse');
  });

  it('rejects pending and later calls when the thread dies', async () => {
    const { client } = await startWorker<TestApi>(url, { dbPath: 'ok' }, 'test');
    await expect(client.call('crash')).rejects.toThrow('storage test worker failed: thread crashed on purpose');
    await expect(client.call('echo', 1)).rejects.toThrow('storage test worker failed');
    await client.close();
  });
});
