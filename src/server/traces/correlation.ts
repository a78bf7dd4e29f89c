/**
 * From a trace to the log search that shows what the systems logged around it: the trace's
 * resource id and name, request id and source address as alternative phrases, in a window of
 * ±15 minutes. Phrases, not terms: ids and addresses tokenise into several words, and a phrase
 * keeps them together (an IP matches as "45.155.205.233", not as any line with a 45). The text
 * comes from the query language's printer, so quoting and escaping are exactly what it parses.
 */
import type { CtsTrace, TraceCorrelation } from '../../contract/index.ts';
import { printQuery, type QueryNode } from '../../query/index.ts';

export const CORRELATION_WINDOW_MS = 15 * 60_000;

// Shorter values would match far too much of the logs to point at anything.
const MIN_VALUE_LENGTH = 3;
const NO_SPAN = { start: 0, end: 0 };

export function correlationFor(trace: CtsTrace): TraceCorrelation {
  const values = [trace.resource_id, trace.resource_name, trace.request_id, trace.source_ip]
    .map((value) => value.trim())
    .filter((value) => value.length >= MIN_VALUE_LENGTH);
  const phrases: QueryNode[] = [...new Set(values)].map((value) => ({ kind: 'phrase', field: null, value, span: NO_SPAN }));
  const query: QueryNode =
    phrases.length === 0 ? { kind: 'all', span: NO_SPAN } : phrases.length === 1 ? phrases[0]! : { kind: 'or', children: phrases, span: NO_SPAN };
  return {
    query: printQuery(query),
    from: Math.max(0, trace.time - CORRELATION_WINDOW_MS),
    to: trace.time + CORRELATION_WINDOW_MS,
  };
}
