/**
 * Main-thread side of the protocol: starts a storage worker and turns calls into promises keyed
 * by request id. If the worker dies, every pending and later call is rejected with the reason.
 */
import { Worker } from 'node:worker_threads';
import { CLOSE_OP } from './protocol.ts';
import type { WorkerApi, WorkerInit, WorkerMessage } from './protocol.ts';

export interface WorkerClient<A extends WorkerApi> {
  call<K extends keyof A & string>(op: K, ...args: Parameters<A[K]>): Promise<Awaited<ReturnType<A[K]>>>;
  /** Lets calls already sent finish, closes the worker's database and stops the thread. */
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface StartedWorker<A extends WorkerApi> {
  client: WorkerClient<A>;
  info: unknown;
}

/** `name` appears in error messages ("writer", "reader"). */
export function startWorker<A extends WorkerApi>(url: URL, init: WorkerInit, name: string): Promise<StartedWorker<A>> {
  const worker = new Worker(url, { workerData: init, name: `vigil-storage-${name}` });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | null = null;
  let closing: Promise<void> | null = null;

  // Once started, keep the process alive only while calls are outstanding: a forgotten close()
  // cannot hang a CLI, while an in-flight write still finishes before the process may exit.
  const track = (id: number, entry: Pending) => {
    if (pending.size === 0) worker.ref();
    pending.set(id, entry);
  };
  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return entry;
  };
  const stop = (reason: Error) => {
    stopped ??= reason;
    for (const id of [...pending.keys()]) settle(id)?.reject(reason);
  };

  const send = (op: string, args: unknown[]): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      track(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  };

  const client: WorkerClient<A> = {
    call: (op, ...args) => {
      if (closing) return Promise.reject(new Error(`storage is closed (${name} call "${op}" refused)`));
      return send(op, args) as Promise<never>;
    },
    close: () => {
      closing ??= (async () => {
        if (!stopped) {
          try {
            await send(CLOSE_OP, []);
          } finally {
            stop(new Error(`storage is closed (${name} worker stopped)`));
          }
        }
        await worker.terminate();
      })();
      return closing;
    },
  };

  return new Promise((resolveStart, rejectStart) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        if (pending.size === 0) worker.unref();
        resolveStart({ client, info: message.info });
      }
      else if (message.type === 'failed') {
        stop(new Error(message.error));
        rejectStart(new Error(message.error));
        void worker.terminate();
      } else {
        const entry = settle(message.id);
        if (!entry) return;
        if (message.ok) entry.resolve(message.value);
        else entry.reject(new Error(message.error));
      }
    });
    worker.on('error', (error) => {
      const reason = new Error(`storage ${name} worker failed: ${error.message}`);
      stop(reason);
      rejectStart(reason);
    });
    worker.on('exit', (code) => {
      const reason = new Error(`storage ${name} worker exited (code ${code})`);
      stop(reason);
      rejectStart(reason);
    });
  });
}
