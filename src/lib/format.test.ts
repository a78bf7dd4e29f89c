import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDays, formatSeconds } from './format.ts';

describe('format', () => {
  it('groups digits', () => {
    expect(formatCount(1_284_311)).toBe('1,284,311');
    expect(formatCount(0)).toBe('0');
  });

  it('writes sortable date-times in UTC or local time', () => {
    const ms = Date.UTC(2026, 0, 5, 7, 8, 9);
    expect(formatDateTime(ms, 'utc')).toBe('2026-01-05 07:08:09');
    expect(formatDateTime(ms, 'utc', { seconds: false })).toBe('2026-01-05 07:08');
    expect(formatDateTime(ms, 'local')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:08:09$/);
  });

  it('shows spans by their two largest units', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(42)).toBe('42 s');
    expect(formatSeconds(65)).toBe('1 min 5 s');
    expect(formatSeconds(93_784)).toBe('1 d 2 h');
    expect(formatSeconds(3 * 86_400 + 300)).toBe('3 d');
  });

  it('counts days', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(30)).toBe('30 days');
  });
});
