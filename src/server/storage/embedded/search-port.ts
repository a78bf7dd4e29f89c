/**
 * The SearchPort of the embedded store, on the main thread: forwards to the reader pool and
 * wires cancellation. An AbortSignal cannot cross to a worker that is busy inside a synchronous
 * SQLite statement, so each call gets a 4-byte SharedArrayBuffer flag; aborting sets it, and the
 * reader's per-row budget check (query/scan.ts) sees it within a few hundred rows and stops. A
 * read still waiting for a reader leaves the pool's queue at once on abort.
 */
import { isHeavyQuery } from '../../search/cost.ts';
import type { FacetResult, HistogramResult, LineSearchPage, LineSearchRequest, SearchPort, SearchScope } from '../ports.ts';
import { idAt } from './query/select.ts';
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

/**
 * A read cancelled before it reached a reader answers like one cancelled in the reader: nothing
 * examined, `cancelled`, and (for pages) a position that starts the same page again.
 */
async function orCancelled<T>(signal: AbortSignal | undefined, run: Promise<T>, cancelled: () => T): Promise<T> {
  try {
    return await run;
  } catch (error) {
    if (signal?.aborted && error === abortError(signal)) return cancelled();
    throw error;
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : undefined;
}

function cancelledPage(request: LineSearchRequest): LineSearchPage {
  const restart = request.position ?? String(request.order === 'newest' ? idAt(request.to) : idAt(request.from) - 1);
  return { lines: [], next: restart, truncatedReason: 'cancelled', scanned: 0, total: null };
}

export function createSearchPort(readWith: EmbeddedStore['readWith']): SearchPort {
  return {
    searchLines: (request, signal) =>
      orCancelled(
        signal,
        cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchLines', { ...request, cancel })),
        () => cancelledPage(request),
      ),
    histogram: (request, signal) =>
      orCancelled(
        signal,
        cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchHistogram', { ...request, cancel })),
        (): HistogramResult => ({ buckets: [], total: 0, truncatedReason: 'cancelled', coveredFrom: request.to }),
      ),
    facets: (request, signal) =>
      orCancelled(
        signal,
        cancellable(signal, (cancel) => readWith(optionsOf(request, signal), 'searchFacets', { ...request, cancel })),
        (): FacetResult => ({
          facets: request.fields.map((field) => ({ field, values: [], other: 0, missing: 0 })),
          lines: 0,
          oldestCounted: null,
          truncatedReason: 'cancelled',
        }),
      ),
    context: (request) => readWith({}, 'lineContext', request),
    lateArrivals: (request) => readWith({ priority: request.hints?.priority ?? 'background', heavy: false }, 'lateArrivals', request),
  };
}
