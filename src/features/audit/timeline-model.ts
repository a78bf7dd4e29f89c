import type { TraceTimeline } from '../../contract/schemas/trace-query.ts';
import { TRACE_RATINGS, type TraceRating } from '../../contract/schemas/traces.ts';
import type { LaneBy } from './url.ts';
import { visibleString } from '../../lib/visible-text.ts';

export type TimelinePoint = TraceTimeline['points'][number];

/** More lanes than this cannot be told apart on screen; the quietest ones share the last lane. */
export const MAX_LANES = 24;

export interface LaneLayout {
  /** Lane names from top to bottom. */
  lanes: string[];
  /** Lanes folded into the last one ("N more users"), 0 when every lane is shown. */
  folded: number;
  /** Per rating: x (time) and y (lane index) interleaved, and the point each pair stands for. */
  series: Record<TraceRating, { xy: Float64Array; points: TimelinePoint[] }>;
}

const MASKED_LANE = '(masked)';

function laneOf(point: TimelinePoint, by: LaneBy): string {
  if (by === 'service') return point.service_type;
  return point.user ?? MASKED_LANE;
}

/**
 * Places every point on its lane, one series per rating (so colour and draw order follow the
 * rating: incidents are drawn last, on top). Lanes are sorted by name so they stay put while the
 * user zooms; when there are more than MAX_LANES, the busiest keep their own lane.
 */
export function layoutLanes(points: readonly TimelinePoint[], by: LaneBy): LaneLayout {
  const counts = new Map<string, number>();
  for (const point of points) {
    const lane = laneOf(point, by);
    counts.set(lane, (counts.get(lane) ?? 0) + 1);
  }
  let names = [...counts.keys()];
  let folded = 0;
  if (names.length > MAX_LANES) {
    const kept = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_LANES - 1)
      .map(([name]) => name);
    folded = names.length - kept.length;
    names = kept;
  }
  names.sort((a, b) => a.localeCompare(b));
  const index = new Map(names.map((name, i) => [name, i]));
  if (folded > 0) names.push(`${folded} more ${by === 'user' ? 'users' : 'services'}`);
  const otherLane = names.length - 1;

  const sizes: Record<TraceRating, number> = { normal: 0, warning: 0, incident: 0 };
  for (const point of points) sizes[point.trace_rating] += 1;
  const series = Object.fromEntries(
    TRACE_RATINGS.map((rating) => [rating, { xy: new Float64Array(sizes[rating] * 2), points: new Array<TimelinePoint>(sizes[rating]) }]),
  ) as LaneLayout['series'];
  const filled: Record<TraceRating, number> = { normal: 0, warning: 0, incident: 0 };
  for (const point of points) {
    const target = series[point.trace_rating];
    const at = filled[point.trace_rating]++;
    target.xy[at * 2] = point.time;
    target.xy[at * 2 + 1] = index.get(laneOf(point, by)) ?? otherLane;
    target.points[at] = point;
  }
  return { lanes: names, folded, series };
}

export interface BucketSeries {
  /** [bucket middle, count] per bucket, per rating. */
  series: Record<TraceRating, [number, number][]>;
  widthMs: number;
}

/** Counts per bucket, centred in their bucket so bars sit between the time ticks they cover. */
export function bucketSeries(timeline: Pick<TraceTimeline, 'buckets' | 'bucket_ms'>): BucketSeries {
  const half = timeline.bucket_ms / 2;
  const series = Object.fromEntries(
    TRACE_RATINGS.map((rating) => [rating, timeline.buckets.map((bucket): [number, number] => [bucket.start + half, bucket[rating]])]),
  ) as BucketSeries['series'];
  return { series, widthMs: timeline.bucket_ms };
}

/** One line of text for a canvas label: control and bidi characters shown as stand-ins. */
export function canvasText(value: string): string {
  return visibleString(value);
}

/** "5 min", "1 h", "2 d": the bucket width as the counts mode names it. */
export function describeWidth(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
