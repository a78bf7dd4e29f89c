/** The trace query port over the reader worker's named queries (see read/traces-*.ts). */
import type { TraceQueryPort } from '../ports.ts';
import type { EmbeddedStore } from './store.ts';

export function createTraceQueryPort(read: EmbeddedStore['read']): TraceQueryPort {
  return {
    listTraces: (filter, page) => read('listTraces', filter, page),
    getTrace: (traceId) => read('getTrace', traceId),
    traceSignals: (traceIds) => read('traceSignals', traceIds),
    timeline: (request) => read('traceTimeline', request),
    facets: (filter, top) => read('traceFacets', filter, top),
    actors: () => read('traceActors'),
    lateTraces: (filter, afterSeq, limit) => read('lateTraces', filter, afterSeq, limit),
  };
}
