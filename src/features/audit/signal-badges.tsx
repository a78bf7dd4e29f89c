import type { TraceSignal } from '../../contract/schemas/trace-query.ts';
import { formatDateTime, pad, type TimeZoneMode } from '../../lib/format.ts';

/** A short label for the table and a sentence for the tooltip and the detail drawer. */
export function describeSignal(signal: TraceSignal, zone: TimeZoneMode): { label: string; sentence: string } {
  switch (signal.kind) {
    case 'new_source_ip':
      return {
        label: 'new IP',
        sentence: `First action of this user from this address (first seen ${formatDateTime(signal.first_seen, zone)}; ${signal.history_days} days of history looked at).`,
      };
    case 'first_operation':
      return {
        label: 'first time',
        sentence: `First time this user called this operation in the ${signal.history_days} days of stored history.`,
      };
    case 'unusual_hour':
      return {
        label: `unusual hour ${pad(signal.hour_utc)}h UTC`,
        sentence: `Only ${Math.round(signal.share * 100)} % of this user's ${signal.traces} operations in the 30 days before fell in the hour from ${pad(signal.hour_utc)}:00 UTC.`,
      };
  }
}

export interface SignalBadgesProps {
  signals: readonly TraceSignal[];
  zone: TimeZoneMode;
}

export function SignalBadges({ signals, zone }: SignalBadgesProps) {
  if (signals.length === 0) return null;
  return (
    <span className="signal-badges">
      {signals.map((signal) => {
        const { label, sentence } = describeSignal(signal, zone);
        return (
          <span key={signal.kind} className="badge badge--signal" title={sentence}>
            {label}
          </span>
        );
      })}
    </span>
  );
}
