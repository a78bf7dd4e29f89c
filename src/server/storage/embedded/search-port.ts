/**
 * The SearchPort of the embedded store, on the main thread: forwards to the reader worker and
 * wires cancellation. An AbortSignal cannot cross to a worker that is busy inside a synchronous
 * SQLite statement, so each call gets a 4-byte SharedArrayBuffer flag; aborting sets it, and the
 * reader's per-row budget check (query/scan.ts) sees it within a few hundred rows and stops.
 */
import type { SearchPort } from '../ports.ts';
import type { ReaderApi } from './reader-queries.ts';

type Read = <K extends keyof ReaderApi & string>(name: K, ...args: Parameters<ReaderApi[K]>) => Promise<Awaited<ReturnType<ReaderApi[K]>>>;

async function cancellable<T>(signal: AbortSignal | undefined, run: (cancel: SharedArrayBuffer) => Promise<T>): Promise<T> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const abort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await run(cancel);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

export function createSearchPort(read: Read): SearchPort {
  return {
    searchLines: (request, signal) => cancellable(signal, (cancel) => read('searchLines', { ...request, cancel })),
    histogram: (request, signal) => cancellable(signal, (cancel) => read('searchHistogram', { ...request, cancel })),
    facets: (request, signal) => cancellable(signal, (cancel) => read('searchFacets', { ...request, cancel })),
    context: (request) => read('lineContext', request),
  };
}
