/**
 * Splunk HTTP Event Collector payloads (`/services/collector/event`): one JSON object per event,
 * concatenated, each with `time` in epoch seconds (milliseconds as the fraction), host, source,
 * sourcetype, optional index, the event and indexed `fields` (flat strings, as HEC requires).
 */
import type { ForwardEvent } from './event.ts';
import { hostOf } from './event.ts';

export interface HecOptions {
  index?: string | undefined;
  sourcetype?: string | undefined;
}

const MAX_FIELDS = 50;

export function hecEvent(event: ForwardEvent, options: HecOptions): Record<string, unknown> {
  const common = {
    host: hostOf(event),
    ...(options.index ? { index: options.index } : {}),
  };
  if (event.kind === 'log') {
    const { line } = event;
    const fields: Record<string, string> = { log_group: line.groupName, log_stream: line.streamName, line_num: line.lineNum };
    for (const [name, value] of Object.entries(line.labels).slice(0, MAX_FIELDS)) fields[`label_${name}`] = value;
    return {
      time: line.time / 1000,
      ...common,
      source: `vigil:${line.groupName}/${line.streamName}`,
      sourcetype: options.sourcetype ?? 'otc:lts',
      event: line.content,
      fields,
    };
  }
  const { trace } = event;
  return {
    time: trace.time / 1000,
    ...common,
    source: `vigil:cts/${trace.service_type}`,
    sourcetype: options.sourcetype ?? 'otc:cts',
    event: trace,
    fields: { trace_id: trace.trace_id, trace_name: trace.trace_name, trace_rating: trace.trace_rating, service_type: trace.service_type, user: trace.user.name },
  };
}

/** The request body for a batch: newline-separated event objects (HEC accepts them concatenated). */
export function hecBody(events: readonly ForwardEvent[], options: HecOptions): string {
  return events.map((event) => JSON.stringify(hecEvent(event, options))).join('\n');
}
