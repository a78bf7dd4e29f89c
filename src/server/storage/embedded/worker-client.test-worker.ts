/** A tiny worker for worker-client.test.ts: echoes, fails, or crashes the thread on request. */
import { serveWorker } from './worker-runtime.ts';

serveWorker(({ dbPath }) => {
  if (dbPath === 'refuse') throw new Error('cannot open refuse');
  return {
    api: {
      echo: (value: unknown) => value,
      later: async (value: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return value;
      },
      fail: () => {
        throw new Error('operation failed on purpose');
      },
      crash: () => {
        setTimeout(() => {
          throw new Error('thread crashed on purpose');
        }, 0);
        return new Promise(() => {});
      },
    },
    close() {},
  };
});
