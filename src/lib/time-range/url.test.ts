import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE } from './model.ts';
import { globalSearch, readTimeRange, readTimeZone, writeTimeRange, writeTimeZone } from './url.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const params = (text: string) => new URLSearchParams(text);

describe('readTimeRange', () => {
  it('reads a relative range', () => {
    expect(readTimeRange(params('range=7d'))).toEqual({ kind: 'relative', amount: 7, unit: 'd' });
  });

  it('reads an absolute range in epoch ms or ISO-8601', () => {
    const expected = { kind: 'absolute', from: NOW - 3_600_000, to: NOW };
    expect(readTimeRange(params(`from=${NOW - 3_600_000}&to=${NOW}`))).toEqual(expected);
    expect(readTimeRange(params('from=2026-11-26T11:00:00Z&to=2026-11-26T12:00:00Z'))).toEqual(expected);
  });

  it('falls back to the default for missing, broken or reversed ranges', () => {
    for (const text of ['', 'range=forever', `from=${NOW}`, `from=${NOW}&to=${NOW - 1}`, 'from=a&to=b']) {
      expect(readTimeRange(params(text)), text).toEqual(DEFAULT_RANGE);
    }
  });
});

describe('writeTimeRange', () => {
  it('writes a relative range and drops absolute bounds, keeping other parameters', () => {
    const next = writeTimeRange(params('from=1&to=2&filter=sshd'), { kind: 'relative', amount: 15, unit: 'm' });
    expect(next.toString()).toBe('filter=sshd&range=15m');
  });

  it('writes an absolute range as ISO-8601 and drops the relative one', () => {
    const next = writeTimeRange(params('range=1h'), { kind: 'absolute', from: NOW - 3_600_000, to: NOW });
    expect(next.get('range')).toBeNull();
    expect(next.get('from')).toBe('2026-11-26T11:00:00Z');
    expect(next.get('to')).toBe('2026-11-26T12:00:00Z');
  });

  it('round-trips through the URL', () => {
    const range = { kind: 'absolute', from: NOW - 90_061_250, to: NOW } as const;
    expect(readTimeRange(writeTimeRange(params(''), range))).toEqual(range);
  });
});

describe('time zone', () => {
  it('is local unless the URL says utc', () => {
    expect(readTimeZone(params(''))).toBe('local');
    expect(readTimeZone(params('tz=utc'))).toBe('utc');
    expect(readTimeZone(params('tz=mars'))).toBe('local');
  });

  it('only writes utc, since local is the default', () => {
    expect(writeTimeZone(params('range=1h'), 'utc').toString()).toBe('range=1h&tz=utc');
    expect(writeTimeZone(params('range=1h&tz=utc'), 'local').toString()).toBe('range=1h');
  });
});

describe('globalSearch', () => {
  it('keeps only the header state for links to other views', () => {
    expect(globalSearch(params('filter=sshd&range=1h&tz=utc&cursor=abc'))).toBe('?range=1h&tz=utc');
    expect(globalSearch(params('filter=sshd'))).toBe('');
  });
});
