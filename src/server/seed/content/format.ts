/**
 * Timestamp renderings used inside log content. Hand-rolled on UTC getters (no locale, no Intl) so
 * output is identical on every machine; the demo hosts run in UTC like most cloud servers.
 */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

function clock(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Classic BSD syslog: `Nov  6 09:12:04` (day padded with a space). */
export function syslogTime(ms: number): string {
  const d = new Date(ms);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ' ' : ''}${day} ${clock(d)}`;
}

/** nginx $time_local in UTC: `26/Nov/2024:09:12:04 +0000`. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${clock(d)} +0000`;
}

/** nginx error log: `2024/11/26 09:12:04`. */
export function nginxErrorTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${clock(d)}`;
}

/** ISO-8601 with milliseconds and Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Klog header time as Kubernetes components print it: `1126 09:12:04.123456`. */
export function klogTime(ms: number, micros: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${clock(d)}.${pad3(d.getUTCMilliseconds())}${pad3(micros)}`;
}
