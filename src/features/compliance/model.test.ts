import { describe, expect, it } from 'vitest';
import { scheduleDeliveryText, scheduleRefetchMs, trendDays, trendOption } from './model.ts';

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

describe('scheduleDeliveryText', () => {
  const when = (ms: number) => `t${ms}`;
  const delivery = { notificationId: '1', attempts: 1, lastError: null, createdAt: 10, deliveredAt: null, nextAttemptAt: null };
  it('names every outcome of the last run', () => {
    expect(scheduleDeliveryText({ lastRunAt: null, lastError: null, lastDelivery: null }, when)).toEqual({ text: 'not run yet', tone: 'none' });
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: 'delivery not configured', lastDelivery: null }, when)).toEqual({ text: 'not sent t5: delivery not configured', tone: 'bad' });
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: null, lastDelivery: { ...delivery, status: 'delivered', deliveredAt: 20 } }, when).text).toBe('delivered t20');
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: null, lastDelivery: { ...delivery, status: 'failed', attempts: 3, lastError: '535 auth' } }, when).text).toBe('failed after 3 attempt(s): 535 auth');
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: null, lastDelivery: { ...delivery, status: 'pending', attempts: 0 } }, when).text).toBe('queued t10');
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: null, lastDelivery: { ...delivery, status: 'sending', attempts: 1 } }, when).text).toBe('sending (attempt 1)');
    expect(scheduleDeliveryText({ lastRunAt: 5, lastError: null, lastDelivery: { ...delivery, status: 'pending', attempts: 2, lastError: 'ECONNREFUSED', nextAttemptAt: 30 } }, when).text).toBe(
      'retrying (2 attempt(s), next t30): ECONNREFUSED',
    );
  });

  it('reads the schedules again only while a pack is on its way', () => {
    expect(scheduleRefetchMs(undefined)).toBe(false);
    expect(scheduleRefetchMs([{ lastDelivery: null }])).toBe(false);
    expect(scheduleRefetchMs([{ lastDelivery: { ...delivery, status: 'delivered' } }])).toBe(false);
    expect(scheduleRefetchMs([{ lastDelivery: { ...delivery, status: 'sending' } }])).toBe(3000);
  });
});
