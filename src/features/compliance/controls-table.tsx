import type { CheckId, CheckResult, ControlStatus } from '../../contract/schemas/compliance.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { StatusBadge } from './status-badge.tsx';

interface Props {
  controls: ControlStatus[];
  checks: CheckResult[];
  onOpen: (check: CheckId) => void;
}

/** One row per control: its status (the worst of its checks), since when, and the checks to drill into. */
export function ControlsTable({ controls, checks, onOpen }: Props) {
  const { zone } = useTimeRange();
  const titles = new Map(checks.map((c) => [c.id, c]));
  return (
    <div className="table-scroll">
      <table className="table compliance-controls">
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            <th scope="col">Checks</th>
          </tr>
        </thead>
        <tbody>
          {controls.map((control) => (
            <tr key={control.id} data-testid={`control-${control.id}`}>
              <td>
                <span className="compliance-control-id">{control.id}</span> {control.title}
                <a className="compliance-source" href={control.source} target="_blank" rel="noreferrer noopener">
                  source
                </a>
              </td>
              <td>
                <StatusBadge status={control.status} />
              </td>
              <td className="numeric">{control.since === null ? '' : formatDateTime(control.since, zone, { seconds: false })}</td>
              <td>
                <div className="compliance-check-links">
                {control.checks.map((id) => {
                  const check = titles.get(id);
                  return (
                    <button key={id} type="button" className={`compliance-chip compliance-chip--${check?.status ?? 'not_evaluable'}`} onClick={() => onOpen(id)}>
                      {check?.title ?? id}
                    </button>
                  );
                })}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
