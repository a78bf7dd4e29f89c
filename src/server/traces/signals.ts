/**
 * What makes a trace worth a second look, decided from the actor's own history:
 * - new_source_ip: the user's first action from this address in the 30 days before happened at
 *   most a day before this trace (or is this trace), so a whole session from a new address is
 *   flagged, not only its first click;
 * - first_operation: the user never called this operation (trace_name) before in the stored history;
 * - unusual_hour: the user has at least 20 traces in the 720 whole hours before this trace's
 *   hour, and under 5 % of them fell in this trace's UTC hour of day.
 * System actions are the platform's own work and get no signals. Nothing is flagged unless the
 * store holds at least 7 days of history before the trace: on a fresh store everything is new.
 * The store runs the lookups (indexed); these are the rules and the arithmetic.
 */
import type { TraceSignal } from '../../contract/index.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const LOOKBACK_MS = 30 * DAY_MS;
export const NEW_IP_GRACE_MS = DAY_MS;
export const MIN_HISTORY_MS = 7 * DAY_MS;
export const HOURS_WINDOW = 720;
export const UNUSUAL_SHARE = 0.05;
export const MIN_TRACES_FOR_HOURS = 20;

export interface SignalSubject {
  time: number;
  userName: string;
  sourceIp: string;
  traceType: string;
}

/** Whether signals apply at all, and how many days of history the store holds before the trace. */
export function historyDaysFor(subject: SignalSubject, earliestStored: number | null): number | null {
  if (subject.traceType === 'SystemAction' || subject.userName === '' || earliestStored === null) return null;
  const history = subject.time - earliestStored;
  return history >= MIN_HISTORY_MS ? Math.floor(history / DAY_MS) : null;
}

export function newSourceIpSignal(subject: SignalSubject, firstSeenInLookback: number | null, historyDays: number): TraceSignal | null {
  if (subject.sourceIp === '' || firstSeenInLookback === null) return null;
  if (subject.time - firstSeenInLookback > NEW_IP_GRACE_MS) return null;
  return { kind: 'new_source_ip', first_seen: firstSeenInLookback, history_days: Math.min(historyDays, LOOKBACK_MS / DAY_MS) };
}

/**
 * `total`: the user's traces in the 720 whole hours before the trace's hour; `atHour`: those of
 * them in the same UTC hour of day as the trace.
 */
export function unusualHourSignal(time: number, total: number, atHour: number): TraceSignal | null {
  if (total < MIN_TRACES_FOR_HOURS) return null;
  const share = atHour / total;
  if (share >= UNUSUAL_SHARE) return null;
  return { kind: 'unusual_hour', hour_utc: new Date(time).getUTCHours(), share: Math.round(share * 10_000) / 10_000, traces: total };
}
