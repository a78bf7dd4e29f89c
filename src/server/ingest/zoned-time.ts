/**
 * Wall-clock time in an IANA zone → epoch ms, using only Intl (no tz database of our own).
 * Log files rarely say their zone; the importer treats zone-less times as UTC unless told.
 */

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC (ms, local minus UTC) at the instant `utcMs`. */
export function offsetAt(zone: string, utcMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(utcMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const local = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return local - Math.floor(utcMs / 1000) * 1000;
}

/**
 * `wallMs` is the wall-clock reading encoded as if it were UTC (Date.UTC of the fields). Returns
 * the real instant in `zone`. Offsets only change on whole wall-clock hours in practice, so one
 * lookup per zone and hour serves every line of that hour. In the spring-forward gap the clock
 * reading does not exist; it is mapped forward like JavaScript's Date does. In the autumn overlap
 * one of the two valid instants is returned.
 */
export function wallClockToUtc(wallMs: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return wallMs;
  const hour = Math.floor(wallMs / HOUR_MS) * HOUR_MS;
  const key = `${zone}\u0000${hour}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = resolveOffset(hour, zone);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return wallMs - offset;
}

function resolveOffset(wallMs: number, zone: string): number {
  const first = offsetAt(zone, wallMs);
  const second = offsetAt(zone, wallMs - first);
  if (first === second) return first;
  const third = offsetAt(zone, wallMs - second);
  if (second === third) return second;
  // Neither offset round-trips: the reading falls in a gap. The smaller offset moves it forward.
  return Math.min(second, third);
}
