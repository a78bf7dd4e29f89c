import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, historyDaysFor, newSourceIpSignal, unusualHourSignal } from './signals.ts';

const T = Date.UTC(2026, 10, 19, 3, 14);
const subject = { time: T, userName: 'tobias', sourceIp: '45.155.205.233', traceType: 'ConsoleAction' };

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
    expect(unusualHourSignal(T, 120, 0)).toEqual({ kind: 'unusual_hour', hour_utc: 3, share: 0, traces: 120 });
    expect(unusualHourSignal(T, 91, 1)).toMatchObject({ share: 0.011 });
    expect(unusualHourSignal(T, 100, 5)).toBeNull();
    expect(unusualHourSignal(T, 19, 0)).toBeNull();
  });
});
