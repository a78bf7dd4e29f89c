/**
 * Signals for a page of traces (reader worker): per trace a few index seeks and one sum over at
 * most 720 rows of trace_user_hours. The rules live in server/traces/signals.ts.
 */
import type { TraceSignal } from '../../../../contract/index.ts';
import {
  HOUR_MS,
  HOURS_WINDOW,
  LOOKBACK_MS,
  historyDaysFor,
  newSourceIpSignal,
  unusualHourSignal,
  type SignalSubject,
} from '../../../traces/signals.ts';
import type { Database } from '../sqlite.ts';

export const MAX_SIGNAL_TRACES = 500;

interface SubjectRow {
  id: number;
  trace_id: string;
  time: number;
  user_name: string;
  source_ip: string;
  trace_name: string;
  trace_type: string;
}

export function createTraceSignalQueries(db: Database) {
  const subject = db.prepare('SELECT id, trace_id, time, user_name, source_ip, trace_name, trace_type FROM traces WHERE trace_id = ?');
  const earliest = db.prepare('SELECT min(time) AS time FROM traces');
  const firstFromIp = db.prepare(`
    SELECT min(time) AS time FROM traces INDEXED BY traces_user_ip_time
     WHERE user_name = ? AND source_ip = ? AND time >= ? AND time <= ?`);
  const calledBefore = db.prepare(`
    SELECT 1 AS yes FROM traces INDEXED BY traces_user_op_time
     WHERE user_name = ? AND trace_name = ? AND time <= ? AND (time < ? OR id < ?) LIMIT 1`);
  // The user's traces in the 720 hours before the trace's hour: all, and those at its hour of day.
  const hourShare = db.prepare(`
    SELECT coalesce(sum(n), 0) AS total, coalesce(sum(CASE WHEN (? - hour) % 24 = 0 THEN n END), 0) AS at_hour
      FROM trace_user_hours WHERE user_name = ? AND hour >= ? AND hour < ?`);

  return {
    traceSignals(traceIds: readonly string[]): Record<string, TraceSignal[]> {
      if (!Array.isArray(traceIds) || traceIds.length > MAX_SIGNAL_TRACES) throw new Error(`traceIds must be an array of at most ${MAX_SIGNAL_TRACES}`);
      const earliestStored = (earliest.get() as { time: number | null }).time;
      const rows: (SubjectRow & { historyDays: number | null })[] = [];
      for (const traceId of new Set(traceIds)) {
        const row = subject.get(String(traceId)) as SubjectRow | undefined;
        if (!row) continue;
        const who: SignalSubject = { time: row.time, userName: row.user_name, sourceIp: row.source_ip, traceType: row.trace_type };
        rows.push({ ...row, historyDays: historyDaysFor(who, earliestStored) });
      }
      const result: Record<string, TraceSignal[]> = {};
      for (const row of rows) {
        const signals: TraceSignal[] = [];
        result[row.trace_id] = signals;
        if (row.historyDays === null) continue;
        const time = BigInt(row.time);
        if (row.source_ip !== '') {
          const first = (firstFromIp.get(row.user_name, row.source_ip, BigInt(row.time - LOOKBACK_MS), time) as { time: number | null }).time;
          const who = { time: row.time, userName: row.user_name, sourceIp: row.source_ip, traceType: row.trace_type };
          const signal = newSourceIpSignal(who, first, row.historyDays);
          if (signal) signals.push(signal);
        }
        if (!calledBefore.get(row.user_name, row.trace_name, time, time, BigInt(row.id))) {
          signals.push({ kind: 'first_operation', history_days: row.historyDays });
        }
        const hour = BigInt(Math.floor(row.time / HOUR_MS));
        const counts = hourShare.get(hour, row.user_name, hour - BigInt(HOURS_WINDOW), hour) as { total: number; at_hour: number };
        const unusual = unusualHourSignal(row.time, counts.total, counts.at_hour);
        if (unusual) signals.push(unusual);
      }
      return result;
    },
  };
}
