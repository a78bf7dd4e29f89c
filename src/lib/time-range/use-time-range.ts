import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TimeZoneMode } from '../format.ts';
import type { TimeRange } from './model.ts';
import { readTimeRange, readTimeZone, writeTimeRange, writeTimeZone } from './url.ts';

export interface TimeRangeState {
  range: TimeRange;
  zone: TimeZoneMode;
  setRange: (range: TimeRange) => void;
  setZone: (zone: TimeZoneMode) => void;
}

/** The global time range and display zone, read from and written to the URL. */
export function useTimeRange(): TimeRangeState {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // Stable objects while the URL is unchanged, so views can use them in effects and query keys.
  const range = useMemo(() => readTimeRange(new URLSearchParams(key)), [key]);
  const zone = readTimeZone(params);
  const setRange = useCallback((next: TimeRange) => setParams((prev) => writeTimeRange(prev, next)), [setParams]);
  const setZone = useCallback((next: TimeZoneMode) => setParams((prev) => writeTimeZone(prev, next)), [setParams]);
  return { range, zone, setRange, setZone };
}
