import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANGE,
  checkAbsolute,
  describeTimeRange,
  formatInstant,
  fromDateTimeInputValue,
  parseDuration,
  parseInstant,
  resolveTimeRange,
  sameRange,
  toDateTimeInputValue,
} from './model.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('parseDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseDuration('15m')).toEqual({ kind: 'relative', amount: 15, unit: 'm' });
    expect(parseDuration('24h')).toEqual({ kind: 'relative', amount: 24, unit: 'h' });
    expect(parseDuration('30d')).toEqual({ kind: 'relative', amount: 30, unit: 'd' });
  });

  it('refuses other forms and spans beyond a year', () => {
    for (const text of ['', '0m', '15', 'm', '1w', '-1h', '1.5h', '01h', '366d', '8785h']) {
      expect(parseDuration(text), text).toBeNull();
    }
    expect(parseDuration('365d')).not.toBeNull();
  });
});

describe('resolveTimeRange', () => {
  it('ends a relative range now', () => {
    expect(resolveTimeRange({ kind: 'relative', amount: 15, unit: 'm' }, NOW)).toEqual({ from: NOW - 15 * 60_000, to: NOW });
    expect(resolveTimeRange({ kind: 'relative', amount: 7, unit: 'd' }, NOW)).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
  });

  it('keeps an absolute range as it is, whatever the clock says', () => {
    expect(resolveTimeRange({ kind: 'absolute', from: 1000, to: 2000 }, NOW)).toEqual({ from: 1000, to: 2000 });
  });
});

describe('sameRange', () => {
  it('treats 24h and 1d as the same window length', () => {
    expect(sameRange(parseDuration('24h')!, parseDuration('1d')!)).toBe(true);
    expect(sameRange(parseDuration('1h')!, { kind: 'absolute', from: 0, to: 3_600_000 })).toBe(false);
  });
});

describe('checkAbsolute', () => {
  it('accepts an ordered window up to a year', () => {
    expect(checkAbsolute(NOW - 1000, NOW)).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(checkAbsolute(NOW, NOW)).toMatch(/before the end/);
    expect(checkAbsolute(NOW, NOW - 1)).toMatch(/before the end/);
    expect(checkAbsolute(NOW - 400 * 86_400_000, NOW)).toMatch(/365 days/);
    expect(checkAbsolute(Number.NaN, NOW)).toMatch(/both/);
  });
});

describe('instants in the URL', () => {
  it('reads epoch milliseconds and ISO-8601 with a zone', () => {
    expect(parseInstant(String(NOW))).toBe(NOW);
    expect(parseInstant('2026-11-26T12:00:00Z')).toBe(NOW);
    expect(parseInstant('2026-11-26T13:00:00+01:00')).toBe(NOW);
    expect(parseInstant('2026-11-26T12:00:00.250Z')).toBe(NOW + 250);
  });

  it('refuses times without a zone and garbage', () => {
    expect(parseInstant('2026-11-26T12:00:00')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
    expect(parseInstant('')).toBeNull();
  });

  it('writes ISO-8601 in UTC, dropping zero milliseconds', () => {
    expect(formatInstant(NOW)).toBe('2026-11-26T12:00:00Z');
    expect(formatInstant(NOW + 5)).toBe('2026-11-26T12:00:00.005Z');
  });
});

describe('datetime-local inputs', () => {
  it('show and read wall time in UTC', () => {
    expect(toDateTimeInputValue(NOW, 'utc')).toBe('2026-11-26T12:00:00');
    expect(fromDateTimeInputValue('2026-11-26T12:00:00', 'utc')).toBe(NOW);
    expect(fromDateTimeInputValue('2026-11-26T12:00', 'utc')).toBe(NOW);
  });

  it('show and read wall time in the local zone', () => {
    const value = toDateTimeInputValue(NOW, 'local');
    expect(fromDateTimeInputValue(value, 'local')).toBe(NOW);
    expect(value).toBe(
      `${new Date(NOW).getFullYear()}-11-${String(new Date(NOW).getDate()).padStart(2, '0')}T${String(new Date(NOW).getHours()).padStart(2, '0')}:00:00`,
    );
  });

  it('read an incomplete value as nothing', () => {
    expect(fromDateTimeInputValue('', 'utc')).toBeNull();
    expect(fromDateTimeInputValue('2026-11-26', 'utc')).toBeNull();
  });
});

describe('describeTimeRange', () => {
  it('names relative ranges in words', () => {
    expect(describeTimeRange(DEFAULT_RANGE, 'utc')).toBe('Last 24 hours');
    expect(describeTimeRange(parseDuration('1h')!, 'utc')).toBe('Last hour');
    expect(describeTimeRange(parseDuration('15m')!, 'local')).toBe('Last 15 minutes');
  });

  it('shows the date once for a window within one day', () => {
    expect(describeTimeRange({ kind: 'absolute', from: NOW - 7_200_000, to: NOW }, 'utc')).toBe('2026-11-26 10:00 – 12:00 UTC');
    expect(describeTimeRange({ kind: 'absolute', from: NOW - 86_400_000, to: NOW }, 'utc')).toBe(
      '2026-11-25 12:00 – 2026-11-26 12:00 UTC',
    );
  });
});
