import { dateFields, formatDateTime, pad, type TimeZoneMode } from '../format.ts';

export type DurationUnit = 'm' | 'h' | 'd';

/** "The last N units", resolved against the clock whenever data is fetched. */
export interface RelativeRange {
  kind: 'relative';
  amount: number;
  unit: DurationUnit;
}

/** A fixed window in epoch milliseconds, `from` inclusive, `to` exclusive. */
export interface AbsoluteRange {
  kind: 'absolute';
  from: number;
  to: number;
}

export type TimeRange = RelativeRange | AbsoluteRange;

export interface ResolvedRange {
  from: number;
  to: number;
}

const unitMs: Readonly<Record<DurationUnit, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const unitNames: Readonly<Record<DurationUnit, [string, string]>> = {
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
};

/** Longer spans are refused: LTS keeps at most 365 days, so there is nothing older to find. */
export const MAX_SPAN_MS = 365 * unitMs.d;

export const RELATIVE_PRESETS = ['15m', '1h', '24h', '7d', '30d'] as const;
export type RelativePreset = (typeof RELATIVE_PRESETS)[number];

export const DEFAULT_RANGE: RelativeRange = { kind: 'relative', amount: 24, unit: 'h' };

/** Parses `15m`, `24h`, `7d`; null for anything else or a span beyond MAX_SPAN_MS. */
export function parseDuration(text: string): RelativeRange | null {
  const match = /^([1-9]\d{0,5})([mhd])$/.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as DurationUnit;
  if (amount * unitMs[unit] > MAX_SPAN_MS) return null;
  return { kind: 'relative', amount, unit };
}

export function formatDuration(range: RelativeRange): string {
  return `${range.amount}${range.unit}`;
}

export function durationMs(range: RelativeRange): number {
  return range.amount * unitMs[range.unit];
}

export function resolveTimeRange(range: TimeRange, now: number): ResolvedRange {
  return range.kind === 'absolute' ? { from: range.from, to: range.to } : { from: now - durationMs(range), to: now };
}

export function sameRange(a: TimeRange, b: TimeRange): boolean {
  if (a.kind === 'relative' && b.kind === 'relative') return durationMs(a) === durationMs(b);
  if (a.kind === 'absolute' && b.kind === 'absolute') return a.from === b.from && a.to === b.to;
  return false;
}

/** Why a window cannot be used, or null when it can. */
export function checkAbsolute(from: number, to: number): string | null {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'Enter both a start and an end.';
  if (from < 0) return 'The start is before 1970.';
  if (from >= to) return 'The start must be before the end.';
  if (to - from > MAX_SPAN_MS) return 'The window may span at most 365 days.';
  return null;
}

export function describeRelative(range: RelativeRange): string {
  const [one, many] = unitNames[range.unit];
  return range.amount === 1 ? `Last ${one}` : `Last ${range.amount} ${many}`;
}

export function describeTimeRange(range: TimeRange, zone: TimeZoneMode): string {
  if (range.kind === 'relative') return describeRelative(range);
  const from = formatDateTime(range.from, zone, { seconds: false });
  const to = formatDateTime(range.to, zone, { seconds: false });
  // Repeat only what changes: a window within one day shows its date once.
  const end = from.slice(0, 10) === to.slice(0, 10) ? to.slice(11) : to;
  return `${from} – ${end}${zone === 'utc' ? ' UTC' : ''}`;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds as digits, or ISO-8601 with a zone (the forms the API accepts). */
export function parseInstant(text: string): number | null {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!isoInstant.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** ISO-8601 in UTC, without milliseconds when there are none: readable in a shared link. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Value for `<input type="datetime-local">`, showing the instant in the chosen zone. */
export function toDateTimeInputValue(ms: number, zone: TimeZoneMode): string {
  const f = dateFields(ms, zone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

/** Reads a datetime-local value as wall time in the chosen zone; null when incomplete. */
export function fromDateTimeInputValue(value: string, zone: TimeZoneMode): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms =
    zone === 'utc'
      ? Date.UTC(year, month - 1, day, hour, minute, second)
      : new Date(year, month - 1, day, hour, minute, second).getTime();
  return Number.isNaN(ms) ? null : ms;
}
