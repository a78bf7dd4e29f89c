import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, historyDaysFor, newSourceIpSignal, unusualHourSignal } from './signals.ts';

const T = Date.UTC(2026, 10, 19, 3, 14);
const subject = { time: T, userName: 'tobias', sourceIp: '45.155.205.233', traceType: 'ConsoleAction' };

/** `perDay` traces at each of these UTC hours on each of the 30 days before T. */
function history(hours: number[], perDay = 1): Map<number, number> {
  const counts = new Map<number, number>();
  const day0 = Math.floor(T / DAY_MS) * 24 - 30 * 24;
  for (let d = 0; d < 31; d++) for (const h of hours) counts.set(day0 + d * 24 + h, perDay);
  return counts;
}

describe('signals', () => {
  it('need a week of history and a person', () => {
    expect(historyDaysFor(subject, T - 6 * DAY_MS)).toBeNull();
    expect(historyDaysFor(subject, T - 40 * DAY_MS)).toBe(40);
    expect(historyDaysFor({ ...subject, traceType: 'SystemAction' }, T - 40 * DAY_MS)).toBeNull();
  });

  it('flag a new address for a day after its first use', () => {
    expect(newSourceIpSignal(subject, T, 40)).toEqual({ kind: 'new_source_ip', first_seen: T, history_days: 30 });
    expect(newSourceIpSignal(subject, T - 23 * HOUR_MS, 12)).toMatchObject({ history_days: 12 });
    expect(newSourceIpSignal(subject, T - 25 * HOUR_MS, 40)).toBeNull();
    expect(newSourceIpSignal({ ...subject, sourceIp: '' }, T, 40)).toBeNull();
  });

  it('flag an hour with under 5 % of at least 20 traces', () => {
    expect(unusualHourSignal(T, history([8, 9, 10, 14]))).toMatchObject({ kind: 'unusual_hour', hour_utc: 3, share: 0, traces: 120 });
    // One trace at 03 h in 31 days among 121: 0.8 %.
    const some = history([9, 10, 14]);
    some.set(Math.floor(T / HOUR_MS) - 48, 1);
    expect(unusualHourSignal(T, some)).toMatchObject({ share: 0.011 });
    expect(unusualHourSignal(T, history([3, 9, 10, 14]))).toBeNull();
    expect(unusualHourSignal(T, new Map([[Math.floor(T / HOUR_MS) - 30, 19]]))).toBeNull();
  });
});
