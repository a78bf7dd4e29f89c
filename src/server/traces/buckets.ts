/**
 * Timeline bucket widths: a "nice" width (1 s, 5 min, 6 h, 1 d, …) that cuts the range into 60
 * to 120 buckets on a grid aligned to the epoch, so the same instant always lands in the same
 * bucket. Consecutive widths differ by at most 2x, which is what keeps the count at 60 or more.
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const NICE_WIDTHS: readonly number[] = [
  SECOND, 2 * SECOND, 3 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 3 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 20 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 4 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 56 * DAY, 112 * DAY, 224 * DAY, 448 * DAY,
];

export const MAX_BUCKETS = 120;

export interface BucketGrid {
  start: number;
  width: number;
  count: number;
}

function gridFor(from: number, to: number, width: number): BucketGrid {
  const start = Math.floor(from / width) * width;
  const count = Math.floor((to - 1) / width) - Math.floor(from / width) + 1;
  return { start, width, count };
}

/** The smallest nice width giving at most 120 buckets over [from, to). */
export function bucketGrid(from: number, to: number): BucketGrid {
  if (!(to > from)) throw new RangeError('bucketGrid needs from < to');
  for (const width of NICE_WIDTHS) {
    const grid = gridFor(from, to, width);
    if (grid.count <= MAX_BUCKETS) return grid;
  }
  // Ranges beyond ~150 years: keep doubling rather than fail.
  let width = NICE_WIDTHS[NICE_WIDTHS.length - 1]!;
  for (;;) {
    width *= 2;
    const grid = gridFor(from, to, width);
    if (grid.count <= MAX_BUCKETS) return grid;
  }
}
