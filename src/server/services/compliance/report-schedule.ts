/**
 * When scheduled evidence packs are due and which period each covers. Pure.
 *
 * Weekly packs go out on Mondays at 06:00 UTC and cover the seven whole days before (Monday to
 * Sunday); monthly packs go out on the 1st at 06:00 UTC and cover the previous calendar month.
 * Six hours after midnight leaves the hourly snapshot job time to record the period's last day.
 */
import type { Schedule } from '../../../contract/index.ts';

const DAY = 86_400_000;
const RUN_HOUR_MS = 6 * 3_600_000;

export type Cadence = Schedule['cadence'];

function dayStart(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** The latest run time at or before `t`. */
export function runAtOrBefore(cadence: Cadence, t: number): number {
  if (cadence === 'weekly') {
    const day = dayStart(t - RUN_HOUR_MS);
    // getUTCDay: 0 is Sunday, 1 Monday.
    const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
    return day - sinceMonday * DAY + RUN_HOUR_MS;
  }
  const shifted = new Date(t - RUN_HOUR_MS);
  return Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), 1) + RUN_HOUR_MS;
}

/** The first run time strictly after `t`. */
export function nextRunAfter(cadence: Cadence, t: number): number {
  const last = runAtOrBefore(cadence, t);
  if (cadence === 'weekly') return last + 7 * DAY;
  const d = new Date(last);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + RUN_HOUR_MS;
}

/** The period a run covers: [from, to), whole UTC days ending at the run's midnight. */
export function periodOf(cadence: Cadence, runAt: number): { from: number; to: number } {
  const to = dayStart(runAt);
  if (cadence === 'weekly') return { from: to - 7 * DAY, to };
  const d = new Date(to);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1), to };
}
