import type { TraceSignal } from '../../contract/schemas/trace-query.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { describeSignal } from './signals.ts';

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
