/**
 * Spreads an exact number of events over a time window, hour by hour, following a rhythm. Only
 * the running sums are kept, so memory does not grow with the number of events.
 */
import type { Rng } from './prng.ts';
import { hourWeight, type RhythmProfile } from './rhythm.ts';

export const HOUR_MS = 3_600_000;

export interface Slot {
  start: number;
  end: number;
  count: number;
}

export class HourlyAllocator {
  readonly total: number;
  readonly from: number;
  readonly to: number;
  private readonly profile: RhythmProfile;
  private readonly seed: number;
  private readonly salt: number;
  private readonly weightSum: number;
  private cumulative = 0;
  private allocated = 0;

  /** `total` events over [from, to); the profile shapes how they spread over the hours. */
  constructor(total: number, from: number, to: number, profile: RhythmProfile, seed: number, salt: number) {
    this.total = total;
    this.from = from;
    this.to = to;
    this.profile = profile;
    this.seed = seed;
    this.salt = salt;
    let sum = 0;
    for (let hour = floorHour(from); hour < to; hour += HOUR_MS) sum += this.weight(hour);
    this.weightSum = sum;
  }

  /**
   * The slot of the hour starting at `hourStart`; call for consecutive hours in order. Counts are
   * the differences of rounded cumulative shares, so they always add up to `total` exactly.
   */
  next(hourStart: number): Slot | null {
    const start = Math.max(hourStart, this.from);
    const end = Math.min(hourStart + HOUR_MS, this.to);
    if (start >= end) return null;
    this.cumulative += this.weight(hourStart);
    const target = this.weightSum > 0 ? Math.round((this.total * this.cumulative) / this.weightSum) : 0;
    const isLast = end === this.to;
    const upTo = isLast ? this.total : Math.min(target, this.total);
    const count = upTo - this.allocated;
    this.allocated = upTo;
    return { start, end, count };
  }

  /** The hour's rhythm weight, scaled by how much of the hour lies inside the window. */
  private weight(hourStart: number): number {
    const covered = Math.min(hourStart + HOUR_MS, this.to) - Math.max(hourStart, this.from);
    if (covered <= 0) return 0;
    return hourWeight(this.profile, hourStart, this.seed, this.salt) * (covered / HOUR_MS);
  }
}

export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** `count` random times in [start, end), ascending. */
export function sortedTimes(rng: Rng, start: number, end: number, count: number): number[] {
  const times = new Array<number>(count);
  const span = end - start;
  for (let i = 0; i < count; i++) times[i] = start + Math.floor(rng.next() * span);
  return times.sort((a, b) => a - b);
}
