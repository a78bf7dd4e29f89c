import { describe, expect, it } from 'vitest';
import { floorHour, HOUR_MS, HourlyAllocator, sortedTimes } from './allocation.ts';
import { hashSeed, mulberry32, Rng } from './prng.ts';
import { berlinClock, berlinOffsetHours } from './rhythm.ts';

describe('HourlyAllocator', () => {
  it('hands out exactly the total over a window that starts and ends mid-hour', () => {
    const from = Date.UTC(2026, 0, 1, 5, 17, 30);
    const to = Date.UTC(2026, 0, 8, 9, 43);
    for (const total of [0, 1, 7, 1_000, 123_457]) {
      const allocator = new HourlyAllocator(total, from, to, 'web', 42, 3);
      let sum = 0;
      for (let hour = floorHour(from); hour < to; hour += HOUR_MS) {
        const slot = allocator.next(hour);
        if (!slot) continue;
        expect(slot.count).toBeGreaterThanOrEqual(0);
        expect(slot.start).toBeGreaterThanOrEqual(from);
        expect(slot.end).toBeLessThanOrEqual(to);
        sum += slot.count;
      }
      expect(sum).toBe(total);
    }
  });

  it('puts more into busy hours than quiet ones', () => {
    const from = Date.UTC(2026, 0, 5); // Monday
    const allocator = new HourlyAllocator(10_000, from, from + 86_400_000, 'business', 1, 0);
    const counts: number[] = [];
    for (let hour = from; hour < from + 86_400_000; hour += HOUR_MS) counts.push(allocator.next(hour)!.count);
    // 10:00 Berlin (09:00 UTC in winter) against 03:00 Berlin.
    expect(counts[9]!).toBeGreaterThan(counts[2]! * 5);
  });
});

describe('sortedTimes', () => {
  it('draws ascending times inside the slot', () => {
    const times = sortedTimes(new Rng(1), 1_000, 2_000, 500);
    expect(times).toHaveLength(500);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...times)).toBeLessThan(2_000);
  });
});

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(hashSeed(1, 'x')).toBe(hashSeed(1, 'x'));
    expect(hashSeed(1, 'x')).not.toBe(hashSeed(1, 'y'));
  });

  it('makes version-4 shaped UUIDs and bounded integers', () => {
    const rng = new Rng(7);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 0; i < 1_000; i++) {
      const n = rng.int(3, 5);
      expect(n === 3 || n === 4 || n === 5).toBe(true);
    }
  });
});

describe('Berlin clock', () => {
  it('switches to summer time on the last Sunday of March and back on the last Sunday of October at 01:00 UTC', () => {
    expect(berlinOffsetHours(Date.UTC(2026, 2, 29, 0, 59))).toBe(1);
    expect(berlinOffsetHours(Date.UTC(2026, 2, 29, 1, 0))).toBe(2);
    expect(berlinOffsetHours(Date.UTC(2026, 9, 25, 0, 59))).toBe(2);
    expect(berlinOffsetHours(Date.UTC(2026, 9, 25, 1, 0))).toBe(1);
    expect(berlinClock(Date.UTC(2026, 6, 4, 22, 30))).toEqual({ hour: 0, weekend: true }); // Sunday 00:30 local
  });
});
