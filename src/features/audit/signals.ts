import type { TraceSignal } from '../../contract/schemas/trace-query.ts';
import { formatDateTime, pad, type TimeZoneMode } from '../../lib/format.ts';

/** "None", "Under 1 %", "Only 3 %": a rounded 0 % would read as none when it was not. */
function describeShare(share: number): string {
  if (share === 0) return 'None';
  if (share < 0.01) return 'Under 1 %';
  return `Only ${Math.round(share * 100)} %`;
}

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
        label: 'unusual hour',
        sentence: `${describeShare(signal.share)} of this user's ${signal.traces} operations in the 30 days before fell in the hour from ${pad(signal.hour_utc)}:00 UTC.`,
      };
  }
}
