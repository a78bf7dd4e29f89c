/** Pure helpers of the forwarders view: descriptions, lag, and the update that pauses or resumes. */
import type { Forwarder, ForwardDestinationInput, UpdateForwarder } from '../../contract/schemas/forwarders.ts';

export function destinationText(f: Forwarder): string {
  const d = f.destination;
  switch (d.format) {
    case 'hec':
      return `Splunk HEC ${d.url}${d.index ? ` · index ${d.index}` : ''}${d.ack ? ' · indexer ack' : ''}${d.tokenSet ? '' : ' · no token'}`;
    case 'gelf':
      return `GELF ${d.transport.toUpperCase()} ${d.host}:${d.port}`;
    case 'cef':
      return `CEF syslog ${d.transport.toUpperCase()} ${d.host}:${d.port}`;
  }
}

export function sourceText(f: Forwarder): string {
  const s = f.source;
  if (s.kind === 'logs') return `logs ${s.query ? `"${s.query}"` : '(every line)'} in ${s.streams.length > 0 ? s.streams.join(', ') : 'every stream'}`;
  const filters = [...s.service_type, ...s.trace_name, ...s.trace_rating, ...s.trace_type, ...s.resource_type, ...s.user];
  return `CTS traces${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`;
}

/** Seconds as "42 s", "7 min", "3 h 5 min". */
export function lagText(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The full definition to PUT back with another `enabled`; write-only parts (token, CA) are omitted and kept. */
export function toUpdate(f: Forwarder, enabled: boolean): UpdateForwarder {
  const d = f.destination;
  const destination: ForwardDestinationInput =
    d.format === 'hec'
      ? { format: 'hec', url: d.url, ack: d.ack, ...(d.index ? { index: d.index } : {}), ...(d.sourcetype ? { sourcetype: d.sourcetype } : {}) }
      : d.format === 'gelf'
        ? { format: 'gelf', host: d.host, port: d.port, transport: d.transport }
        : { format: 'cef', host: d.host, port: d.port, transport: d.transport };
  return { name: f.name, enabled, source: f.source, destination, batchSize: f.batchSize, settleSeconds: f.settleSeconds };
}
