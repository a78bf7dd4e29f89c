import type { TimeZoneMode } from '../format.ts';
import { DEFAULT_RANGE, checkAbsolute, formatDuration, formatInstant, parseDuration, parseInstant, type TimeRange } from './model.ts';

/**
 * The header's state in the URL. These keys are reserved across all views: features must not use
 * them for their own parameters, and navigation carries them from view to view.
 */
export const GLOBAL_PARAM_KEYS = ['range', 'from', 'to', 'tz'] as const;

/** `?range=24h`, or `?from=…&to=…` (epoch ms or ISO-8601); anything unusable falls back to the default. */
export function readTimeRange(params: URLSearchParams): TimeRange {
  const range = params.get('range');
  if (range !== null) return parseDuration(range) ?? DEFAULT_RANGE;
  const fromText = params.get('from');
  const toText = params.get('to');
  if (fromText === null || toText === null) return DEFAULT_RANGE;
  const from = parseInstant(fromText);
  const to = parseInstant(toText);
  if (from === null || to === null || checkAbsolute(from, to) !== null) return DEFAULT_RANGE;
  return { kind: 'absolute', from, to };
}

/** A copy of `params` carrying `range`; other parameters are kept as they are. */
export function writeTimeRange(params: URLSearchParams, range: TimeRange): URLSearchParams {
  const next = new URLSearchParams(params);
  if (range.kind === 'relative') {
    next.set('range', formatDuration(range));
    next.delete('from');
    next.delete('to');
  } else {
    next.delete('range');
    next.set('from', formatInstant(range.from));
    next.set('to', formatInstant(range.to));
  }
  return next;
}

export function readTimeZone(params: URLSearchParams): TimeZoneMode {
  return params.get('tz') === 'utc' ? 'utc' : 'local';
}

export function writeTimeZone(params: URLSearchParams, zone: TimeZoneMode): URLSearchParams {
  const next = new URLSearchParams(params);
  if (zone === 'utc') next.set('tz', 'utc');
  else next.delete('tz');
  return next;
}

/** The search string (`?range=1h&tz=utc`, or '') that keeps the header state when changing view. */
export function globalSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of GLOBAL_PARAM_KEYS) {
    for (const value of params.getAll(key)) kept.append(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
