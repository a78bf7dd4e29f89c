/**
 * What a forwarder sends: a stored log line or a CTS trace (its summary: no request/response
 * bodies, which may hold secrets), plus the helpers every format shares.
 */
import type { FoundLine, StoredTraceSummary } from '../storage/ports.ts';

export type ForwardEvent = { kind: 'log'; line: FoundLine } | { kind: 'trace'; trace: StoredTraceSummary };

export function eventTime(event: ForwardEvent): number {
  return event.kind === 'log' ? event.line.time : event.trace.time;
}

/** Syslog severity (RFC 5424: 0 emergency … 7 debug) of a line's level label or a trace's rating. */
export function severityOf(event: ForwardEvent): number {
  if (event.kind === 'trace') return event.trace.trace_rating === 'incident' ? 2 : event.trace.trace_rating === 'warning' ? 4 : 6;
  switch ((event.line.labels.level ?? '').toUpperCase()) {
    case 'EMERG':
    case 'EMERGENCY':
      return 0;
    case 'ALERT':
      return 1;
    case 'FATAL':
    case 'CRIT':
    case 'CRITICAL':
      return 2;
    case 'ERROR':
    case 'ERR':
      return 3;
    case 'WARN':
    case 'WARNING':
      return 4;
    case 'NOTICE':
      return 5;
    case 'DEBUG':
    case 'TRACE':
      return 7;
    default:
      return 6;
  }
}

/** The host an event is about: the line's hostName label, the trace's source address. */
export function hostOf(event: ForwardEvent): string {
  if (event.kind === 'log') return event.line.labels.hostName || event.line.labels.hostIP || event.line.streamName;
  return event.trace.source_ip || event.trace.service_type;
}

/** A one-line description of a trace for formats that need a short message. */
export function traceSummaryText(trace: StoredTraceSummary): string {
  const resource = trace.resource_name || trace.resource_id;
  return `${trace.service_type} ${trace.trace_name}${resource ? ` ${trace.resource_type}/${resource}` : ''} by ${trace.user.name || trace.user.id || 'unknown'} (${trace.code || 'no code'})`;
}
