/**
 * Worker side of the protocol: opens the worker's resources, then answers calls. Errors thrown
 * by an operation go back to the caller as a rejected promise with the message; nothing is
 * swallowed. Operations may be async (long jobs yield between transactions); `close` waits for
 * them before closing the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CLOSE_OP } from './protocol.ts';
import type { CallMessage, WorkerApi, WorkerInit, WorkerMessage } from './protocol.ts';

export interface WorkerResources {
  api: WorkerApi;
  /** Returned to the main thread with `ready` (e.g. the migration applied). */
  info?: unknown;
  close(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function serveWorker(open: (init: WorkerInit) => WorkerResources): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  const post = (message: WorkerMessage) => port.postMessage(message);

  let resources: WorkerResources;
  try {
    resources = open(workerData as WorkerInit);
  } catch (error) {
    post({ type: 'failed', error: messageOf(error) });
    return;
  }
  const inFlight = new Set<Promise<unknown>>();

  // A result that cannot be cloned must still answer its caller rather than kill the thread.
  const postValue = (id: number, value: unknown) => {
    try {
      post({ type: 'reply', id, ok: true, value });
    } catch (error) {
      post({ type: 'reply', id, ok: false, error: `result could not be sent: ${messageOf(error)}` });
    }
  };

  const reply = (id: number, run: () => unknown) => {
    let result: unknown;
    try {
      result = run();
    } catch (error) {
      post({ type: 'reply', id, ok: false, error: messageOf(error) });
      return;
    }
    if (!(result instanceof Promise)) {
      postValue(id, result);
      return;
    }
    const settled = result.then(
      (value) => postValue(id, value),
      (error: unknown) => post({ type: 'reply', id, ok: false, error: messageOf(error) }),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  // The reply must be posted before the port closes, so this does not go through reply().
  const closeAfterInFlight = async (id: number) => {
    while (inFlight.size > 0) await Promise.allSettled(inFlight);
    try {
      resources.close();
      post({ type: 'reply', id, ok: true, value: null });
    } catch (error) {
      post({ type: 'reply', id, ok: false, error: messageOf(error) });
    }
    port.close();
  };

  port.on('message', (message: CallMessage) => {
    if (message.op === CLOSE_OP) {
      void closeAfterInFlight(message.id);
      return;
    }
    const operation = Object.hasOwn(resources.api, message.op) ? resources.api[message.op] : undefined;
    if (!operation) {
      post({ type: 'reply', id: message.id, ok: false, error: `unknown storage operation "${message.op}"` });
      return;
    }
    reply(message.id, () => operation(...message.args));
  });
  post({ type: 'ready', info: resources.info ?? null });
}
