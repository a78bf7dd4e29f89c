import { describe, expect, it } from 'vitest';
import type { LogHistogram } from '../../contract/schemas/log-search.ts';
import { barLabel, brushedWindow, histogramBars, histogramLevels, histogramOption, histogramSummary, tooltipLines } from './histogram-option.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);

function histogram(overrides: Partial<LogHistogram> = {}): LogHistogram {
  return {
    from: T0 + 30 * 60_000,
    to: T0 + 4 * HOUR,
    bucketMs: HOUR,
    buckets: [
      { start: T0 + 30 * 60_000, end: T0 + HOUR, count: 3, byLevel: { INFO: 3 } },
      { start: T0 + 2 * HOUR, end: T0 + 3 * HOUR, count: 365, byLevel: { WARN: 360, INFO: 4, ERROR: 1 } },
    ],
    total: 368,
    complete: true,
    ...overrides,
  };
}

describe('histogramBars', () => {
  it('fills the whole grid of the window, zero where nothing matched', () => {
    const bars = histogramBars(histogram());
    expect(bars.map((bar) => [bar.start - T0, bar.end - T0, bar.count])).toEqual([
      [30 * 60_000, HOUR, 3],
      [HOUR, 2 * HOUR, 0],
      [2 * HOUR, 3 * HOUR, 365],
      [3 * HOUR, 4 * HOUR, 0],
    ]);
    expect(bars.every((bar) => bar.counted)).toBe(true);
  });

  it('marks buckets an incomplete count did not reach', () => {
    const bars = histogramBars(histogram({ complete: false, truncatedReason: 'time_limit', coveredFrom: T0 + 2 * HOUR }));
    expect(bars.map((bar) => bar.counted)).toEqual([false, false, true, true]);
  });

  it('orders levels by severity', () => {
    expect(histogramLevels(histogramBars(histogram()))).toEqual(['ERROR', 'WARN', 'INFO']);
    expect(histogramLevels(histogramBars(histogram({ buckets: [{ start: T0 + HOUR, end: T0 + 2 * HOUR, count: 2, byLevel: { NONE: 1, DEBUG: 1 } }] })))).toEqual([
      'DEBUG',
      'NONE',
    ]);
  });
});

describe('histogramOption', () => {
  it('stacks one bar series per level with theme colours as CSS tokens', () => {
    const option = histogramOption(histogram(), 'utc');
    const series = option.series as Array<{ name: string; stack: string; data: number[]; itemStyle: { color: string } }>;
    expect(series.map((entry) => entry.name)).toEqual(['ERROR', 'WARN', 'INFO']);
    expect(series.every((entry) => entry.stack === 'level')).toBe(true);
    expect(series[1]!.data).toEqual([0, 0, 360, 0]);
    expect(series[0]!.itemStyle.color).toBe('var(--level-error)');
    expect(series[2]!.itemStyle.color).toBe('var(--level-info)');
    expect((option.xAxis as { data: number[] }).data).toEqual([0, 1, 2, 3]);
    expect(option.brush).toMatchObject({ brushType: 'lineX', xAxisIndex: 0 });
  });

  it('shades what was not counted', () => {
    const option = histogramOption(histogram({ complete: false, coveredFrom: T0 + 2 * HOUR }), 'utc');
    const series = option.series as Array<{ name: string; markArea?: { data: unknown } }>;
    expect(series.at(-1)).toMatchObject({ name: 'not counted', markArea: { data: [[{ xAxis: 0 }, { xAxis: 1 }]] } });
  });

  it('writes tooltips as escaped text', () => {
    const option = histogramOption(histogram({ buckets: [{ start: T0 + HOUR, end: T0 + 2 * HOUR, count: 1, byLevel: { '<img src=x onerror=alert(1)>': 1 } }] }), 'utc');
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 1 }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;: 1');
  });
});

describe('labels, brushing and words', () => {
  it('labels bars with the date when the window spans days', () => {
    const bar = { start: T0 + 2 * HOUR, end: T0 + 3 * HOUR, count: 0, byLevel: {}, counted: true };
    expect(barLabel(bar, HOUR, 4 * HOUR, 'utc')).toBe('02:00');
    expect(barLabel(bar, HOUR, 7 * 24 * HOUR, 'utc')).toBe('11-25 02:00');
    expect(barLabel(bar, 24 * HOUR, 30 * 24 * HOUR, 'utc')).toBe('2026-11-25');
  });

  it('turns a brushed span of bars into a window, in either direction', () => {
    const bars = histogramBars(histogram());
    expect(brushedWindow(bars, 2, 1)).toEqual({ from: T0 + HOUR, to: T0 + 3 * HOUR });
    expect(brushedWindow(bars, 0, 9)).toEqual({ from: T0 + 30 * 60_000, to: T0 + 4 * HOUR });
    expect(brushedWindow([], 0, 1)).toBeNull();
  });

  it('describes a bar and the chart in words', () => {
    const bars = histogramBars(histogram());
    expect(tooltipLines(bars[2]!, ['ERROR', 'WARN', 'INFO'], 'utc')).toEqual([
      '2026-11-25 02:00:00 – 03:00:00 UTC',
      '365 lines',
      'ERROR: 1',
      'WARN: 360',
      'INFO: 4',
    ]);
    const lastOfDay = { start: T0 - HOUR, end: T0, count: 1, byLevel: { INFO: 1 }, counted: true };
    expect(tooltipLines(lastOfDay, ['INFO'], 'utc')[0]).toBe('2026-11-24 23:00:00 – 2026-11-25 00:00:00 UTC');
    expect(histogramSummary(histogram(), 'utc')).toBe('368 lines over time, most at 2026-11-25 02:00:00 (365)');
  });
});
