/** How times are shown: in the browser's zone or in UTC (what logs and CTS traces are stamped in). */
export type TimeZoneMode = 'local' | 'utc';

// A fixed locale keeps numbers identical for everyone reading the same screen or screenshot.
const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** A count a remote store may not know: "unknown" rather than a 0 that reads as "empty". */
export function formatKnownCount(value: number | null): string {
  return value === null ? 'unknown' : countFormat.format(value);
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function dateFields(ms: number, zone: TimeZoneMode): Fields {
  const date = new Date(ms);
  return zone === 'utc'
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth() + 1,
        day: date.getDate(),
        hour: date.getHours(),
        minute: date.getMinutes(),
        second: date.getSeconds(),
      };
}

/** `2026-11-26 14:05:09`; sortable and unambiguous, unlike locale formats. */
export function formatDateTime(ms: number, zone: TimeZoneMode, { seconds = true } = {}): string {
  const f = dateFields(ms, zone);
  const time = seconds ? `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}` : `${pad(f.hour)}:${pad(f.minute)}`;
  return `${f.year}-${pad(f.month)}-${pad(f.day)} ${time}`;
}

export function formatDate(ms: number, zone: TimeZoneMode): string {
  const f = dateFields(ms, zone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

export function zoneLabel(zone: TimeZoneMode): string {
  if (zone === 'utc') return 'UTC';
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** Uptime and similar spans: the two largest units are enough to read at a glance. */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [label, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length === 0 && size === 1)) parts.push(`${amount} ${label}`);
    if (parts.length === 2) break;
    if (parts.length === 1 && amount === 0) break;
  }
  return parts.join(' ');
}

export function formatDays(days: number): string {
  return days === 1 ? '1 day' : `${formatCount(days)} days`;
}
