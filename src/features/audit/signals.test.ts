import { describe, expect, it } from 'vitest';
import { describeSignal } from './signals.ts';

describe('describeSignal', () => {
  it('names a first-seen address with when it was first seen and how far back the store looked', () => {
    expect(describeSignal({ kind: 'new_source_ip', first_seen: Date.UTC(2026, 10, 25, 3, 14, 27), history_days: 28 }, 'utc')).toEqual({
      label: 'new IP',
      sentence: 'First action of this user from this address (first seen 2026-11-25 03:14:27; 28 days of history looked at).',
    });
    expect(describeSignal({ kind: 'first_operation', history_days: 30 }, 'utc').label).toBe('first time');
  });

  it('does not round a rare hour down to "0 %"', () => {
    const hour = (share: number) => describeSignal({ kind: 'unusual_hour', hour_utc: 3, share, traces: 190 }, 'utc').sentence;
    expect(hour(0)).toBe("None of this user's 190 operations in the 30 days before fell in the hour from 03:00 UTC.");
    expect(hour(0.004)).toMatch(/^Under 1 % of/);
    expect(hour(0.034)).toMatch(/^Only 3 % of/);
    expect(describeSignal({ kind: 'unusual_hour', hour_utc: 3, share: 0, traces: 190 }, 'utc').label).toBe('unusual hour');
  });
});
