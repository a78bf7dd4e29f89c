/**
 * Histogram bucket sizes: a "nice" width that gives 60 to 120 buckets over the window. The
 * widths step by at most 2x (1s 2s 3s 5s 10s 15s 30s 1m 2m 3m 5m 10m 15m 30m 1h 2h 3h 6h 12h 1d
 * 2d 3d 5d 7d), which is what guarantees the 60-120 range; the coarser list 1s 5s 10s 30s 1m 5m …
 * steps by up to 5x and would give e.g. 26 or 130 buckets for a 130-minute window. Windows
 * shorter than a minute get 1-second buckets (fewer than 60).
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKET_SIZES: readonly number[] = [
  SECOND, 2 * SECOND, 3 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 3 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY,
];

export const MAX_BUCKETS = 120;

/** Buckets on the grid of `size` (multiples of it since the epoch) that overlap [from, to). */
export function bucketCount(from: number, to: number, size: number): number {
  return Math.floor((to - 1) / size) - Math.floor(from / size) + 1;
}

/** The smallest nice size that keeps the grid at or under MAX_BUCKETS buckets. */
export function chooseBucketSize(from: number, to: number): number {
  for (const size of BUCKET_SIZES) if (bucketCount(from, to, size) <= MAX_BUCKETS) return size;
  return BUCKET_SIZES[BUCKET_SIZES.length - 1]!;
}

export interface Bucket {
  start: number;
  end: number;
}

/** The grid cells over [from, to), clipped to it, oldest first. */
export function bucketGrid(from: number, to: number, size: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = Math.floor(from / size) * size; start < to; start += size) {
    buckets.push({ start: Math.max(start, from), end: Math.min(start + size, to) });
  }
  return buckets;
}
