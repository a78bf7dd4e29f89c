import { describe, expect, it } from 'vitest';
import type { TraceTimeline } from '../../contract/schemas/trace-query.ts';
import { MAX_LANES, bucketSeries, canvasText, describeWidth, layoutLanes } from './timeline-model.ts';

type Point = TraceTimeline['points'][number];
const point = (time: number, service_type: string, trace_rating: Point['trace_rating'], user?: string): Point => ({
  time,
  trace_id: `t${time}`,
  service_type,
  trace_name: 'login',
  trace_rating,
  ...(user ? { user } : {}),
});

describe('layoutLanes', () => {
  it('puts each point on its service lane, one series per rating', () => {
    const layout = layoutLanes([point(1, 'IAM', 'normal'), point(2, 'CTS', 'incident'), point(3, 'IAM', 'incident')], 'service');
    expect(layout.lanes).toEqual(['CTS', 'IAM']);
    expect(layout.folded).toBe(0);
    expect([...layout.series.incident.xy]).toEqual([2, 0, 3, 1]);
    expect(layout.series.incident.points.map((p) => p.trace_id)).toEqual(['t2', 't3']);
    expect([...layout.series.normal.xy]).toEqual([1, 1]);
    expect(layout.series.warning.points).toEqual([]);
  });

  it('lays out by user, and puts masked points on one lane', () => {
    expect(layoutLanes([point(1, 'IAM', 'normal', 'b'), point(2, 'IAM', 'normal', 'a')], 'user').lanes).toEqual(['a', 'b']);
    expect(layoutLanes([point(1, 'IAM', 'normal')], 'user').lanes).toEqual(['(masked)']);
  });

  it('keeps the busiest lanes and folds the rest into the last one', () => {
    const points: Point[] = [];
    for (let user = 0; user < MAX_LANES + 6; user++) {
      for (let i = 0; i <= user; i++) points.push(point(user * 100 + i, 'IAM', 'normal', `user${String(user).padStart(2, '0')}`));
    }
    const layout = layoutLanes(points, 'user');
    expect(layout.lanes).toHaveLength(MAX_LANES);
    expect(layout.folded).toBe(7);
    expect(layout.lanes.at(-1)).toBe('7 more users');
    expect(layout.lanes[0]).toBe('user07');
    // user00 (one point) lives on the folded lane.
    expect(layout.series.normal.xy[1]).toBe(MAX_LANES - 1);
  });

  it('lays out 100,000 points, each exactly once', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => point(i, `S${i % 20}`, i % 50 === 0 ? 'incident' : 'normal', `u${i % 500}`));
    const layout = layoutLanes(points, 'user');
    expect(layout.series.normal.points.length + layout.series.incident.points.length).toBe(100_000);
  });
});

describe('bucketSeries', () => {
  it('centres counts in their bucket', () => {
    const { series, widthMs } = bucketSeries({ bucket_ms: 60_000, buckets: [{ start: 0, normal: 3, warning: 1, incident: 0 }] });
    expect(widthMs).toBe(60_000);
    expect(series.normal).toEqual([[30_000, 3]]);
    expect(series.warning).toEqual([[30_000, 1]]);
  });
});

describe('text for the chart', () => {
  it('shows hidden characters on the canvas', () => {
    expect(canvasText('evil\u202Etxt.exe')).toBe('evil⟨U+202E⟩txt.exe');
  });

  it('names bucket widths', () => {
    expect(describeWidth(300_000)).toBe('5 min');
    expect(describeWidth(3_600_000)).toBe('1 h');
    expect(describeWidth(172_800_000)).toBe('2 d');
    expect(describeWidth(30_000)).toBe('30 s');
  });
});
