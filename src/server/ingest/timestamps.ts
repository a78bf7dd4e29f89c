/**
 * Finds the timestamp of a log line. Formats anchored at the start of the line are tried first
 * (they are the line's own time); then formats that sit inside the line (access logs after the
 * client address, OpenStack after the file name). Zone-less times are read in `zone`.
 */
import { wallClockToUtc } from './zoned-time.ts';

export interface TimestampContext {
  /** Reference for inferring the year of year-less formats (syslog, klog). */
  now: number;
  /** IANA zone for times that carry no offset. */
  zone: string;
}

export interface DetectedTime {
  time: number;
  format: TimestampFormat;
}

export type TimestampFormat = 'epoch-prefix' | 'iso' | 'syslog' | 'klog' | 'apache-error' | 'slash-date' | 'clf' | 'json-field';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const DAY_MS = 86_400_000;
/**
 * Year-less times may lie up to a day ahead of `now` before they are moved to the previous year:
 * remote clocks drift and a host's local zone may be ahead of the zone we read it in.
 */
export const FUTURE_TOLERANCE_MS = DAY_MS;

// Thunderbird / BGL: "- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 …": the epoch seconds are authoritative.
const EPOCH_PREFIX = /^\S+ (\d{9,10}) \d{4}\.\d{2}\.\d{2} /;
const ISO_START = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)(?![\w:]))?/;
const ISO_INSIDE = /(?:^|[\s[(|])(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?(?=$|[\s\]),|])/;
const SYSLOG = /^(?:<\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?= )/;
const KLOG = /^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6}) /;
const APACHE_ERROR = /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\d{4})\]/;
const SLASH_DATE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;
const CLF = /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-]\d{4}))?\]/;
const JSON_TIME = /"(?:@timestamp|timestamp|time|ts|event_time|time_iso8601|datetime)"\s*:\s*(?:"([^"]{10,40})"|(\d{9,19}(?:\.\d+)?))/;

/** Only the head of a line is searched: timestamps live there, and it bounds the work per line. */
const HEAD = 400;

interface Wall {
  year: number;
  month: number; // 0-based
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function fraction(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0;
}

/** Date.UTC of the fields, or null when they do not name a real calendar time. */
function wallMs(w: Wall): number | null {
  if (w.month < 0 || w.month > 11 || w.day < 1 || w.day > 31 || w.hour > 23 || w.minute > 59 || w.second > 60) return null;
  const ms = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, Math.min(w.second, 59), w.ms);
  // Date.UTC rolls 31 Feb over into March; a round trip catches that.
  if (new Date(ms).getUTCDate() !== w.day) return null;
  return ms;
}

/** "+01:00", "-0700", "Z", "UTC" → offset in ms; undefined zone → null. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return null;
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

function toInstant(w: Wall, zone: string | undefined, ctx: TimestampContext): number | null {
  const wall = wallMs(w);
  if (wall === null) return null;
  const offset = zoneOffset(zone);
  return offset === null ? wallClockToUtc(wall, ctx.zone) : wall - offset;
}

/**
 * Year-less formats: the latest year that does not put the time more than a day after `now`.
 * Tries a few years back so 29 February finds a leap year.
 */
function withInferredYear(w: Omit<Wall, 'year'>, ctx: TimestampContext): number | null {
  const nowYear = new Date(ctx.now).getUTCFullYear();
  for (let year = nowYear + 1; year >= nowYear - 8; year--) {
    const wall = wallMs({ ...w, year });
    if (wall === null) continue;
    const time = wallClockToUtc(wall, ctx.zone);
    if (time <= ctx.now + FUTURE_TOLERANCE_MS) return time;
  }
  return null;
}

function fromIso(m: RegExpExecArray, ctx: TimestampContext): number | null {
  const w = { year: +m[1]!, month: +m[2]! - 1, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]!, ms: fraction(m[7]) };
  return toInstant(w, m[8], ctx);
}

function fromJsonValue(text: string | undefined, digits: string | undefined, ctx: TimestampContext): number | null {
  if (digits) {
    const value = Number(digits);
    // Seconds, milliseconds, microseconds or nanoseconds since the epoch, told apart by size.
    const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value < 1e17 ? value / 1e3 : value / 1e6;
    return Math.floor(ms);
  }
  if (!text) return null;
  const m = ISO_START.exec(text);
  return m ? fromIso(m, ctx) : null;
}

/** The line's timestamp, or null when none of the known formats matches. */
export function detectTimestamp(line: string, ctx: TimestampContext): DetectedTime | null {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  let m: RegExpExecArray | null;
  let time: number | null;

  if ((m = EPOCH_PREFIX.exec(head))) return { time: Number(m[1]) * 1000, format: 'epoch-prefix' };
  if ((m = ISO_START.exec(head)) && (time = fromIso(m, ctx)) !== null) return { time, format: 'iso' };
  if ((m = SYSLOG.exec(head))) {
    const month = MONTHS[m[1]!];
    if (month !== undefined) {
      time = withInferredYear({ month, day: +m[2]!, hour: +m[3]!, minute: +m[4]!, second: +m[5]!, ms: fraction(m[6]) }, ctx);
      if (time !== null) return { time, format: 'syslog' };
    }
  }
  if ((m = KLOG.exec(head))) {
    time = withInferredYear({ month: +m[1]! - 1, day: +m[2]!, hour: +m[3]!, minute: +m[4]!, second: +m[5]!, ms: fraction(m[6]) }, ctx);
    if (time !== null) return { time, format: 'klog' };
  }
  if ((m = APACHE_ERROR.exec(head))) {
    const month = MONTHS[m[1]!];
    if (month !== undefined) {
      time = toInstant({ year: +m[7]!, month, day: +m[2]!, hour: +m[3]!, minute: +m[4]!, second: +m[5]!, ms: fraction(m[6]) }, undefined, ctx);
      if (time !== null) return { time, format: 'apache-error' };
    }
  }
  if ((m = SLASH_DATE.exec(head))) {
    time = toInstant({ year: +m[1]!, month: +m[2]! - 1, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]!, ms: fraction(m[7]) }, undefined, ctx);
    if (time !== null) return { time, format: 'slash-date' };
  }
  if (head.startsWith('{') && (m = JSON_TIME.exec(head)) && (time = fromJsonValue(m[1], m[2], ctx)) !== null) {
    return { time, format: 'json-field' };
  }
  if ((m = CLF.exec(head))) {
    const month = MONTHS[m[2]!];
    if (month !== undefined) {
      time = toInstant({ year: +m[3]!, month, day: +m[1]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]!, ms: 0 }, m[7], ctx);
      if (time !== null) return { time, format: 'clf' };
    }
  }
  if ((m = ISO_INSIDE.exec(head)) && (time = fromIso(m, ctx)) !== null) return { time, format: 'iso' };
  return null;
}
