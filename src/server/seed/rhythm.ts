/**
 * Traffic rhythm: how busy a stream is in a given hour. The demo tenant works in Germany, so the
 * day and week follow Berlin local time; attacks from the internet keep no office hours.
 */
import { hashUnit } from './prng.ts';

export type RhythmProfile =
  /** Office work: sign-ins, deployments, console actions. Quiet nights and weekends. */
  | 'business'
  /** Shop traffic: daytime with an evening peak, somewhat lower at weekends. */
  | 'web'
  /** Machines talking to machines: cron, kubelet, system jobs. Nearly flat. */
  | 'steady'
  /** Scanners and bots: flat on average with random bursty hours. */
  | 'internet';

const HOUR_MS = 3_600_000;

// Relative activity per local hour 0..23.
const BUSINESS = [0.06, 0.05, 0.04, 0.04, 0.05, 0.08, 0.2, 0.45, 0.85, 1, 1, 0.95, 0.75, 0.9, 1, 0.95, 0.85, 0.65, 0.4, 0.25, 0.18, 0.14, 0.1, 0.08];
const WEB = [0.3, 0.2, 0.14, 0.1, 0.1, 0.12, 0.22, 0.4, 0.6, 0.75, 0.85, 0.9, 0.95, 0.9, 0.85, 0.85, 0.88, 0.92, 0.97, 1, 0.95, 0.8, 0.6, 0.42];

/** Last Sunday of `month` (0-based) at 01:00 UTC: when EU clocks change. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}

/** Berlin's offset from UTC in hours at `ms`, by the EU rule (exact since 1996, no Intl needed). */
export function berlinOffsetHours(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9);
  return summer ? 2 : 1;
}

/** Local hour (0..23) and whether it is Saturday/Sunday in Berlin. */
export function berlinClock(ms: number): { hour: number; weekend: boolean } {
  const local = new Date(ms + berlinOffsetHours(ms) * HOUR_MS);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), weekend: day === 0 || day === 6 };
}

/**
 * Relative weight of the hour starting at `hourStart` (an epoch-ms multiple of one hour). `salt`
 * gives each stream its own hour-to-hour noise so the streams do not move in lockstep.
 */
export function hourWeight(profile: RhythmProfile, hourStart: number, seed: number, salt: number): number {
  const { hour, weekend } = berlinClock(hourStart);
  const hourIndex = Math.floor(hourStart / HOUR_MS);
  const noise = 0.85 + 0.3 * hashUnit(seed, hourIndex, salt);
  switch (profile) {
    case 'business':
      return (BUSINESS[hour] ?? 0.1) * (weekend ? 0.25 : 1) * noise;
    case 'web':
      return (WEB[hour] ?? 0.5) * (weekend ? 0.7 : 1) * noise;
    case 'steady':
      return 0.95 + 0.1 * hashUnit(seed, hourIndex, salt);
    case 'internet': {
      // One hour in thirty is a scanning wave at three to six times the usual rate.
      const wave = hashUnit(seed, hourIndex, salt + 7919);
      return noise * (wave > 0.967 ? 3 + wave * 3 : 1);
    }
  }
}
