import { describe, expect, it } from 'vitest';
import { trendDays, trendOption } from './model.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1);

describe('trend chart', () => {
  it('covers every day of the window and leaves days without a snapshot empty', () => {
    expect(trendDays(START + 5, START + 3 * DAY)).toEqual([START, START + DAY, START + 2 * DAY]);
    const option = trendOption(
      { framework: 'c5', from: START, to: START + 3 * DAY, days: [{ day: START + DAY, score: 75, checks: { clock: 'pass', retention: 'fail' } }] },
      { clock: 'Clock', retention: 'Retention' },
    ) as { series: { data: unknown[] }[] };
    expect(option.series[0]?.data).toEqual([null, 75, null]);
    expect(option.series[1]?.data).toEqual([
      expect.objectContaining({ value: ['2026-11-02', 0], status: 'pass' }),
      expect.objectContaining({ value: ['2026-11-02', 1], status: 'fail' }),
    ]);
  });
});
