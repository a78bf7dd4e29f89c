/**
 * Graylog Extended Log Format 1.1. UDP: one gzip'd message per datagram, chunked when larger than
 * a datagram (magic 0x1e 0x0f, 8-byte message id, sequence number, count; at most 128 chunks).
 * TCP: the JSON message followed by a null byte, uncompressed (GELF TCP has no compression).
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ForwardEvent } from './event.ts';
import { hostOf, severityOf, traceSummaryText } from './event.ts';

/** A datagram that passes most networks unfragmented (Graylog's own default chunk size). */
export const GELF_CHUNK_BYTES = 8192;
export const GELF_MAX_CHUNKS = 128;
const SHORT_MESSAGE_CHARS = 250;

/** Additional field names: GELF allows [\w.-] and reserves `_id`. */
function fieldName(name: string): string {
  const cleaned = name.replace(/[^\w.-]/g, '_').slice(0, 100);
  return cleaned === 'id' ? '_label_id' : `_${cleaned}`;
}

export function gelfMessage(event: ForwardEvent): Record<string, unknown> {
  const base = { version: '1.1', host: hostOf(event), level: severityOf(event) };
  if (event.kind === 'log') {
    const { line } = event;
    const message: Record<string, unknown> = {
      ...base,
      short_message: line.content.slice(0, SHORT_MESSAGE_CHARS) || '(empty line)',
      timestamp: line.time / 1000,
      _log_group: line.groupName,
      _log_stream: line.streamName,
      _line_num: line.lineNum,
    };
    if (line.content.length > SHORT_MESSAGE_CHARS) message.full_message = line.content;
    for (const [name, value] of Object.entries(line.labels)) message[fieldName(name)] ??= value;
    return message;
  }
  const { trace } = event;
  return {
    ...base,
    short_message: traceSummaryText(trace),
    timestamp: trace.time / 1000,
    _trace_id: trace.trace_id,
    _trace_name: trace.trace_name,
    _trace_rating: trace.trace_rating,
    _trace_type: trace.trace_type,
    _service_type: trace.service_type,
    _resource_type: trace.resource_type,
    _resource_id: trace.resource_id,
    _resource_name: trace.resource_name,
    _user_name: trace.user.name,
    _user_id: trace.user.id,
    _domain_name: trace.user.domain.name,
    _source_ip: trace.source_ip,
    _code: trace.code,
    _request_id: trace.request_id,
  };
}

/** Datagrams for one message: gzip'd, chunked when needed; null when it cannot fit 128 chunks. */
export function gelfDatagrams(message: Record<string, unknown>, chunkBytes = GELF_CHUNK_BYTES): Buffer[] | null {
  const payload = gzipSync(JSON.stringify(message));
  if (payload.length <= chunkBytes) return [payload];
  const room = chunkBytes - 12;
  const count = Math.ceil(payload.length / room);
  if (count > GELF_MAX_CHUNKS) return null;
  const id = randomBytes(8);
  return Array.from({ length: count }, (_, i) => Buffer.concat([Buffer.from([0x1e, 0x0f]), id, Buffer.from([i, count]), payload.subarray(i * room, (i + 1) * room)]));
}

/** One TCP frame: JSON and the null byte. */
export function gelfTcpFrame(message: Record<string, unknown>): Buffer {
  return Buffer.from(`${JSON.stringify(message)}\0`);
}
