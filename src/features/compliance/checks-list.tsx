import type { CheckId, CheckResult } from '../../contract/schemas/compliance.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { StatusBadge } from './status-badge.tsx';

/** Every check of the framework with its verdict in plain words; a click opens its evidence. */
export function ChecksList({ checks, onOpen }: { checks: CheckResult[]; onOpen: (check: CheckId) => void }) {
  const { zone } = useTimeRange();
  return (
    <ul className="compliance-checks">
      {checks.map((check) => (
        <li key={check.id} className={`compliance-check compliance-check--${check.status}`} data-testid={`check-${check.id}`}>
          <button type="button" className="compliance-check__open" onClick={() => onOpen(check.id)}>
            <span className="compliance-check__title">{check.title}</span>
            <StatusBadge status={check.status} />
          </button>
          <p className="compliance-check__summary">{check.summary}</p>
          {check.since !== null && <p className="compliance-muted">Since {formatDateTime(check.since, zone)}</p>}
        </li>
      ))}
    </ul>
  );
}
