/**
 * Explanations (pure): what the lines or traces of an anomalous window consisted of, compared
 * with a baseline window of the same length, and a sentence a person can read. Every number in
 * the sentence is one of the contributors' counts the API returns beside it.
 */
import type { AuditBreakdown } from '../../storage/ports.ts';
import { durationText } from './evaluate.ts';

export interface Contributor {
  field: string;
  value: string;
  actual: number;
  baseline: number;
}

export type FieldCounts = Record<string, Record<string, number>>;

const SYSLOG_HEAD = /^(?:<\d{1,3}>)?(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\S+) \S+ [^\s:[]+(?:\[\d+\])?: /;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const ACCESS_STATUS = /" (\d{3}) /;

/**
 * The kind of message: its first three words once the header, the variable parts (addresses,
 * numbers, ids) and tokens without letters are gone ("Failed password for", "upstream timed out").
 * Longer templates split one attack over the user names it tried.
 */
export function messageTemplate(content: string): string {
  const body = content.slice(0, 400).replace(SYSLOG_HEAD, '');
  return body
    .replace(IPV4, ' ')
    .replace(/\b[0-9a-f]{8,}\b/gi, ' ')
    .split(/\s+/)
    .filter((word) => /[A-Za-z]{2}/.test(word) && !/^\[\w+\]$/.test(word) && !/\d/.test(word))
    .slice(0, 3)
    .join(' ');
}

export function countLines(lines: readonly { content: string; labels: Record<string, string> }[]): FieldCounts {
  const counts: FieldCounts = { message: {}, source_ip: {}, host: {}, level: {}, status: {} };
  const add = (field: string, value: string | undefined) => {
    if (!value) return;
    counts[field]![value] = (counts[field]![value] ?? 0) + 1;
  };
  for (const line of lines) {
    add('message', messageTemplate(line.content));
    for (const ip of new Set(line.content.slice(0, 400).match(IPV4) ?? [])) add('source_ip', ip);
    add('host', line.labels.hostName);
    add('level', line.labels.level);
    add('status', ACCESS_STATUS.exec(line.content)?.[1]);
  }
  return counts;
}

/** Values whose count changed most between the baseline and the window, per field. */
export function contributors(window: FieldCounts, baseline: FieldCounts, direction: 'up' | 'down', perField = 3): Contributor[] {
  const found: Contributor[] = [];
  for (const field of Object.keys(window)) {
    const values = new Set([...Object.keys(window[field] ?? {}), ...Object.keys(baseline[field] ?? {})]);
    const rows = [...values].map((value) => ({ field, value, actual: window[field]?.[value] ?? 0, baseline: baseline[field]?.[value] ?? 0 }));
    const change = (c: Contributor) => (direction === 'up' ? c.actual - c.baseline : c.baseline - c.actual);
    rows.sort((a, b) => change(b) - change(a) || (a.value < b.value ? -1 : 1));
    found.push(...rows.filter((c) => change(c) > 0).slice(0, perField));
  }
  return found;
}

const top = (list: readonly Contributor[], field: string) => list.find((c) => c.field === field);

/** "status 502 x300, 504 x180 (~0 and ~0 before)" for access logs. */
function statusText(list: readonly Contributor[]): string {
  const codes = list.filter((c) => c.field === 'status').slice(0, 3);
  if (codes.length === 0) return '';
  return `status ${codes.map((c) => `${c.value} ×${c.actual}`).join(', ')} (before: ${codes.map((c) => `~${c.baseline}`).join(', ')})`;
}

/** "“Failed password for …” lines from 185.220.101.47 rose from ~2 to 360 in 10 min (on ecs-bastion-01)". */
export function logSentence(list: readonly Contributor[], total: { actual: number; baseline: number }, durationMs: number, direction: 'up' | 'down', errorsOnly: boolean): string {
  const span = durationText(durationMs);
  const noun = errorsOnly ? 'Error lines' : 'Lines';
  if (direction === 'down') {
    const host = top(list, 'host');
    const quiet = host ? `; the largest fall: ${host.value} (~${host.baseline} to ${host.actual})` : '';
    return `${noun} fell from ~${total.baseline} to ${total.actual} in ${span}${quiet}.`;
  }
  const message = top(list, 'message');
  const ip = top(list, 'source_ip');
  const host = top(list, 'host');
  const dominant = (c: Contributor | undefined) => c !== undefined && c.actual >= total.actual * 0.5;
  const subject = dominant(message) ? `“${message!.value}” lines` : noun;
  const from = dominant(ip) ? ` from ${ip!.value}` : '';
  const counts = dominant(message) ? message! : total;
  const extras = [
    dominant(host) ? `mostly on ${host!.value}` : '',
    statusText(list),
  ].filter(Boolean);
  return `${subject}${from} rose from ~${counts.baseline} to ${counts.actual} in ${span}${extras.length ? ` (${extras.join('; ')})` : ''}.`;
}

const BEHAVIOUR_TEXT: Record<string, string> = {
  newSourceIp: 'from an address new for this user',
  offHours: 'outside usual hours',
  firstOperation: 'first time ever',
  destructive: 'deletes or disables',
  incident: 'rated incident',
  warning: 'rated warning',
  failed: 'failed',
};

/** "tobias.becker: login, deleteTracker (03:14–03:19 UTC) from 45.155.205.233 (new address) …". */
export function auditSentence(subject: string, breakdown: AuditBreakdown, durationMs: number): string {
  const traces = breakdown.traces;
  if (traces.length === 0) return `${subject}: no traces in the window (a drop to nothing).`;
  const ops = [...new Set(traces.map((t) => t.trace_name))];
  const opsText = ops.length > 4 ? `${ops.slice(0, 4).join(', ')} and ${ops.length - 4} more` : ops.join(', ');
  const newIps = [...new Set(traces.filter((t) => t.signals.includes('newSourceIp')).map((t) => t.source_ip))];
  const flagged = traces.filter((t) => t.signals.some((s) => s !== 'offHours' && s !== 'newSourceIp'));
  const hourOf = (t: number) => new Date(t).toISOString().slice(11, 16);
  const parts = [`${subject}: ${breakdown.windowTotal} operation${breakdown.windowTotal === 1 ? '' : 's'} in ${durationText(durationMs)} (${opsText}), ${hourOf(traces[0]!.time)}–${hourOf(traces.at(-1)!.time)} UTC`];
  if (newIps.length > 0) parts.push(`from ${newIps.join(', ')}, never used by this user before`);
  const offHours = traces.filter((t) => t.signals.includes('offHours'));
  if (offHours.length > 0 && breakdown.hourShare.length === 24) {
    const hour = new Date(offHours[0]!.time).getUTCHours();
    parts.push(`at an hour holding ${Math.round(breakdown.hourShare[hour]! * 1000) / 10} % of their usual activity`);
  }
  for (const t of flagged.slice(0, 3)) {
    const why = t.signals.filter((s) => s !== 'offHours' && s !== 'newSourceIp').map((s) => BEHAVIOUR_TEXT[s] ?? s);
    parts.push(`${t.trace_name} ${why.join(', ')}`);
  }
  return `${parts.join('; ')}.`;
}
