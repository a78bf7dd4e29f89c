/**
 * ArcSight Common Event Format inside RFC 5424 syslog messages, framed by octet counting
 * (RFC 6587) for TCP and TLS (RFC 5425). CTS traces map onto the CEF dictionary:
 *
 *   Device Event Class ID  service_type:trace_name      rt      time (epoch ms)
 *   Name                   trace_name                   act     trace_name
 *   Severity               normal 3, warning 6, incident 9
 *   suser / suid / sntdom  user name, id, domain name   src     source_ip (only a valid address)
 *   outcome                success (code 1xx-3xx) / failure (4xx, 5xx)   cat  service_type
 *   externalId             trace_id                     requestClientApplication?  (not mapped)
 *   cs1 resourceType · cs2 resourceId · cs3 resourceName · cs4 requestId · cs5 traceType
 *   cn1 httpStatus (when numeric) · deviceCustomDate? (not used)
 *
 * Log lines: class `log`, the level as severity, msg = the line, dhost = hostName,
 * cs1 logGroup, cs2 logStream.
 */
import { isIP } from 'node:net';
import { VERSION } from '../version.ts';
import type { ForwardEvent } from './event.ts';
import { eventTime, severityOf } from './event.ts';

const FACILITY_LOCAL4 = 20;
const CEF_SEVERITY_BY_RATING = { normal: 3, warning: 6, incident: 9 } as const;
const MAX_MSG_CHARS = 8000;

/** Header fields: backslash and pipe are escaped; line breaks would end the record. */
export function escapeHeader(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** Extension values: backslash and equals escaped, line breaks as \n / \r. */
export function escapeExtension(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function extension(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${escapeExtension(String(value))}`)
    .join(' ');
}

/** CEF severity 0-10 from a syslog severity 0-7 (emergency 10 … debug 1). */
function cefSeverityOfSyslog(severity: number): number {
  return [10, 9, 8, 7, 6, 4, 3, 1][severity] ?? 3;
}

export function cefOf(event: ForwardEvent): string {
  if (event.kind === 'trace') {
    const t = event.trace;
    const code = /^\d{3}$/.test(t.code) ? Number(t.code) : undefined;
    const outcome = code === undefined ? undefined : code < 400 ? 'success' : 'failure';
    const header = ['CEF:0', 'Open Telekom Cloud', 'CTS', t.api_version || 'v3', `${t.service_type}:${t.trace_name}`, t.trace_name, String(CEF_SEVERITY_BY_RATING[t.trace_rating])];
    return `${header.map(escapeHeader).join('|')}|${extension([
      ['rt', t.time],
      ['act', t.trace_name],
      ['cat', t.service_type],
      ['suser', t.user.name],
      ['suid', t.user.id],
      ['sntdom', t.user.domain.name],
      ['src', isIP(t.source_ip) ? t.source_ip : undefined],
      ['outcome', outcome],
      ['externalId', t.trace_id],
      ['cs1Label', 'resourceType'],
      ['cs1', t.resource_type],
      ['cs2Label', 'resourceId'],
      ['cs2', t.resource_id],
      ['cs3Label', 'resourceName'],
      ['cs3', t.resource_name],
      ['cs4Label', 'requestId'],
      ['cs4', t.request_id],
      ['cs5Label', 'traceType'],
      ['cs5', t.trace_type],
      ['cn1Label', 'httpStatus'],
      ['cn1', code],
    ])}`;
  }
  const l = event.line;
  const header = ['CEF:0', 'Vigil', 'LTS', VERSION, 'log', `${l.groupName}/${l.streamName}`, String(cefSeverityOfSyslog(severityOf(event)))];
  return `${header.map(escapeHeader).join('|')}|${extension([
    ['rt', l.time],
    ['dhost', l.labels.hostName],
    ['dvc', l.labels.hostIP && isIP(l.labels.hostIP) ? l.labels.hostIP : undefined],
    ['cs1Label', 'logGroup'],
    ['cs1', l.groupName],
    ['cs2Label', 'logStream'],
    ['cs2', l.streamName],
    ['externalId', l.lineNum],
    ['msg', l.content.slice(0, MAX_MSG_CHARS)],
  ])}`;
}

/** RFC 5424 header field: printable US-ASCII without spaces, or the nil value. */
function headerField(value: string, max: number): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return cleaned || '-';
}

/** One RFC 5424 message carrying the CEF record; MSGID `cts` or `log`. */
export function syslogMessage(event: ForwardEvent, hostname: string): string {
  const pri = FACILITY_LOCAL4 * 8 + severityOf(event);
  const time = new Date(eventTime(event)).toISOString();
  return `<${pri}>1 ${time} ${headerField(hostname, 255)} vigil - ${event.kind === 'trace' ? 'cts' : 'log'} - ${cefOf(event)}`;
}

/** RFC 6587 octet counting: the length in bytes, a space, the message. */
export function octetFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `), body]);
}
