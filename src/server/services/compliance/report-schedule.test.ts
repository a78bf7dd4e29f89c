import { describe, expect, it } from 'vitest';
import { nextRunAfter, periodOf, runAtOrBefore } from './report-schedule.ts';

const at = (iso: string) => Date.parse(iso);

describe('report schedule times', () => {
  it('weekly: Mondays 06:00 UTC, covering Monday to Sunday before', () => {
    // 2026-11-20 is a Friday.
    expect(nextRunAfter('weekly', at('2026-11-20T12:00:00Z'))).toBe(at('2026-11-23T06:00:00Z'));
    expect(runAtOrBefore('weekly', at('2026-11-20T12:00:00Z'))).toBe(at('2026-11-16T06:00:00Z'));
    // Exactly at a run time: that run is the latest, the next is a week on.
    expect(runAtOrBefore('weekly', at('2026-11-23T06:00:00Z'))).toBe(at('2026-11-23T06:00:00Z'));
    expect(nextRunAfter('weekly', at('2026-11-23T06:00:00Z'))).toBe(at('2026-11-30T06:00:00Z'));
    // Monday before 06:00 still belongs to the previous week's run.
    expect(runAtOrBefore('weekly', at('2026-11-23T05:59:00Z'))).toBe(at('2026-11-16T06:00:00Z'));
    expect(periodOf('weekly', at('2026-11-23T06:00:00Z'))).toEqual({ from: at('2026-11-16T00:00:00Z'), to: at('2026-11-23T00:00:00Z') });
  });

  it('monthly: the 1st at 06:00 UTC, covering the previous calendar month, across the year end', () => {
    expect(nextRunAfter('monthly', at('2026-11-20T12:00:00Z'))).toBe(at('2026-12-01T06:00:00Z'));
    expect(nextRunAfter('monthly', at('2026-12-15T00:00:00Z'))).toBe(at('2027-01-01T06:00:00Z'));
    expect(runAtOrBefore('monthly', at('2027-01-01T05:00:00Z'))).toBe(at('2026-12-01T06:00:00Z'));
    expect(periodOf('monthly', at('2027-01-01T06:00:00Z'))).toEqual({ from: at('2026-12-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') });
    expect(periodOf('monthly', at('2026-03-01T06:00:00Z'))).toEqual({ from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') });
  });
});
