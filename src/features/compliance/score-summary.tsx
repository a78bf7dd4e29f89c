import type { ComplianceStatus } from '../../contract/schemas/compliance.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';

export function ScoreSummary({ status, scoring }: { status: ComplianceStatus; scoring: string }) {
  const { zone } = useTimeRange();
  const { counts } = status;
  return (
    <section className="compliance-score" aria-label="Score">
      <div className="compliance-score__value" data-testid="compliance-score">
        {status.score === null ? '–' : `${status.score}%`}
      </div>
      <div className="compliance-score__facts">
        <p className="compliance-score__name">{status.framework.name}</p>
        <p>
          <span className="compliance-count compliance-count--pass">{counts.pass} pass</span>
          <span className="compliance-count compliance-count--warn">{counts.warn} warning</span>
          <span className="compliance-count compliance-count--fail">{counts.fail} fail</span>
          <span className="compliance-count compliance-count--not_evaluable">{counts.not_evaluable} not evaluable</span>
        </p>
        <p className="compliance-muted">
          Evaluated {formatDateTime(status.evaluatedAt, zone)} from live state. {scoring}
        </p>
      </div>
    </section>
  );
}
