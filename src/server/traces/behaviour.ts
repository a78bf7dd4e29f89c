/**
 * Behaviour rules of the anomaly detector's audit series, next to the audit signals they reuse
 * (signals.ts): the same 7 days of history before anything counts as "first", the same 5 % share
 * for unusual hours, the same one-day grace for a new source address.
 */
import { DAY_MS, MIN_HISTORY_MS, MIN_TRACES_FOR_HOURS, NEW_IP_GRACE_MS, UNUSUAL_SHARE } from './signals.ts';

export { DAY_MS, MIN_HISTORY_MS, NEW_IP_GRACE_MS };

/** Operations that remove, disable or stop something (CTS trace names are camelCase verbs). */
const DESTRUCTIVE = /^(delete|disable|remove|terminate|stop|detach|revoke|unbind|schedule\w*deletion|purge|drop)/i;
/** Operations that only read: the rest change something ("what changed before"). */
const READ_ONLY = /^(get|list|show|describe|query|search|check|view|download|read|head|export|count|login|logout|verify)/i;

export function isDestructiveOperation(traceName: string): boolean {
  return DESTRUCTIVE.test(traceName);
}

export function isChangeOperation(traceName: string): boolean {
  return !READ_ONLY.test(traceName);
}

export function isFailedCode(code: string): boolean {
  const n = Number(code);
  return Number.isFinite(n) && n >= 400;
}

/**
 * Whether a UTC hour of day is unusual for a user whose traces fell `atHour` of `total` times in
 * that hour of day: as the unusual_hour signal, at least 20 traces and under 5 % of them.
 */
export function isOffHours(atHour: number, total: number): boolean {
  return total >= MIN_TRACES_FOR_HOURS && atHour / total < UNUSUAL_SHARE;
}

/** Signals count only with 7 days of stored history before the trace (else everything is new). */
export function hasHistory(time: number, earliestTrace: number | null): boolean {
  return earliestTrace !== null && time - earliestTrace >= MIN_HISTORY_MS;
}
