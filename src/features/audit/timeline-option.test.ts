import { describe, expect, it } from 'vitest';
import { makeTimeline, NOW } from './test-fixtures.ts';
import { MAX_TARGETS, timelineChart } from './timeline-option.ts';

const HOUR = 3_600_000;
const point = (i: number, rating: 'normal' | 'incident', user = 'tobias.becker') => ({
  time: NOW - (i + 1) * 60_000,
  trace_id: `t${i}`,
  service_type: i % 2 ? 'IAM' : 'CTS',
  trace_name: 'deleteTracker',
  trace_rating: rating,
  user,
  source_ip: '45.155.205.233',
});

describe('timelineChart · points', () => {
  it('draws one scatter series per rating in large mode, incidents last and largest', () => {
    const chart = timelineChart(makeTimeline([point(0, 'normal'), point(1, 'incident')]), 'service', 'utc');
    const series = chart.option.series as { type: string; large: boolean; symbolSize: number }[];
    expect(series.map((s) => s.type)).toEqual(['scatter', 'scatter', 'scatter']);
    expect(series.every((s) => s.large)).toBe(true);
    expect(series[2]!.symbolSize).toBeGreaterThan(series[0]!.symbolSize);
    expect(chart.option.useUTC).toBe(true);
  });

  it('maps a click to the operation and offers each incident as a keyboard target', () => {
    const chart = timelineChart(makeTimeline([point(0, 'normal'), point(1, 'incident', '<b>x</b>')]), 'user', 'utc');
    expect(chart.actionAt(0, 0)).toEqual({ kind: 'open', traceId: 't0' });
    expect(chart.actionAt(2, 0)).toEqual({ kind: 'open', traceId: 't1' });
    expect(chart.actionAt(1, 0)).toBeNull();
    expect(chart.targets).toEqual([
      { key: 't1', x: NOW - 120_000, y: 0, label: 'Incident deleteTracker at 2026-11-26 11:58:00 UTC by <b>x</b>', action: { kind: 'open', traceId: 't1' } },
    ]);
  });

  it('escapes what the tooltip shows', () => {
    const chart = timelineChart(makeTimeline([point(0, 'incident', '<img src=x onerror=alert(1)>')]), 'user', 'utc');
    const formatter = (chart.option.tooltip as { formatter: (params: unknown) => string }).formatter;
    const html = formatter({ seriesIndex: 2, dataIndex: 0 });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('gives no keyboard targets when incidents are too many to tab through', () => {
    const points = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => point(i, 'incident'));
    expect(timelineChart(makeTimeline(points), 'service', 'utc').targets).toEqual([]);
  });
});

describe('timelineChart · counts', () => {
  const from = NOW - 24 * HOUR;
  const counts = makeTimeline([], {
    from,
    to: NOW,
    detail: 'counts',
    total: 5_000,
    bucket_ms: HOUR,
    buckets: [
      { start: from, normal: 2_000, warning: 10, incident: 0 },
      { start: from + HOUR, normal: 2_980, warning: 8, incident: 2 },
    ],
  });

  it('stacks counts per rating and marks buckets with incidents above their bar', () => {
    const chart = timelineChart(counts, 'service', 'local');
    const series = chart.option.series as { type: string; data: unknown[] }[];
    expect(series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar', 'scatter']);
    expect(series[3]!.data).toEqual([[from + 1.5 * HOUR, 2_990]]);
    expect(chart.summary).toBe('5,000 operations counted per bucket: 2 incidents, 18 warnings');
  });

  it('zooms into a bucket from a click on its bar or marker, or from its keyboard target', () => {
    const chart = timelineChart(counts, 'service', 'utc');
    const second = { kind: 'zoom', from: from + HOUR, to: from + 2 * HOUR };
    expect(chart.actionAt(0, 1)).toEqual(second);
    expect(chart.actionAt(3, 0)).toEqual(second);
    expect(chart.targets.map((target) => [target.label, target.action])).toEqual([
      ['Zoom in: 2 incidents from 2026-11-25 13:00:00 to 2026-11-25 14:00:00 UTC', second],
    ]);
  });
});
