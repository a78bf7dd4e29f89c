/**
 * Messages between the main thread and the storage workers. A worker exposes an "API": an object
 * of named functions; the main thread calls them by name with a request id and gets one reply per
 * request. Only structured-cloneable values cross the boundary.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- argument lists differ per operation
export type WorkerApi = Record<string, (...args: any[]) => unknown>;

/** Sent by the main thread. `close` is reserved: finish in-flight work, close the database. */
export interface CallMessage {
  id: number;
  op: string;
  args: unknown[];
}

export const CLOSE_OP = '__close';

/** Sent by a worker: first exactly one `ready`/`failed`, then one `reply` per call. */
export type WorkerMessage =
  | { type: 'ready'; info: unknown }
  | { type: 'failed'; error: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

/** Data every storage worker is started with. */
export interface WorkerInit {
  dbPath: string;
}
