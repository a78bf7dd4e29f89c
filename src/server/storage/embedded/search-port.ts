/**
 * The SearchPort of the embedded store, on the main thread: forwards to the reader pool and
 * wires cancellation. An AbortSignal cannot cross to a worker that is busy inside a synchronous
 * SQLite statement, so each call gets a 4-byte SharedArrayBuffer flag; aborting sets it, and the
 * reader's per-row budget check (query/scan.ts) sees it within a few hundred rows and stops. A
 * read still waiting for a reader leaves the pool's queue at once on abort.
 */
import { isHeavyQuery } from '../../search/cost.ts';
import type { SearchPort, SearchScope } from '../ports.ts';
import type { ReadOptions } from './reader-pool.ts';
import type { EmbeddedStore } from './store.ts';

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

/** Scheduling of a search read: the caller's hints, else its query's weight. */
function optionsOf(scope: SearchScope, signal: AbortSignal | undefined): ReadOptions {
  return {
    priority: scope.hints?.priority ?? 'interactive',
    heavy: scope.hints?.heavy ?? isHeavyQuery(scope.query),
    ...(signal ? { signal } : {}),
  };
}

export function createSearchPort(readWith: EmbeddedStore['readWith']): SearchPort {
  return {
    searchLines: (request, signal) =>
      cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchLines', { ...request, cancel })),
    histogram: (request, signal) =>
      cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchHistogram', { ...request, cancel })),
    facets: (request, signal) => cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchFacets', { ...request, cancel })),
    context: (request) => readWith({}, 'lineContext', request),
  };
}
