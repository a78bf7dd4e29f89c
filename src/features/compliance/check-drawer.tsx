import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import type { CheckId, EvidenceItem } from '../../contract/schemas/compliance.ts';
import { useOptionalAuth } from '../../lib/auth-context.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { complianceQueries } from './api.ts';
import { isoDay } from './model.ts';
import { StatusBadge } from './status-badge.tsx';

/** Where an evidence item leads; trace and audit-record views are for analysts and admins only. */
function EvidenceLink({ link, canOpenTraces }: { link: EvidenceItem['link']; canOpenTraces: boolean }) {
  if (!link) return null;
  if (link.kind === 'trace' && canOpenTraces) return <Link to={`/audit?trace=${encodeURIComponent(link.id)}`}>open trace</Link>;
  if (link.kind === 'audit' && canOpenTraces) return <Link to={`/admin?record=${encodeURIComponent(link.id)}`}>open record {link.id}</Link>;
  return <span className="compliance-muted">{link.kind} {link.id}</span>;
}

export function CheckDrawer({ checkId, onClose }: { checkId: CheckId; onClose: () => void }) {
  const { zone } = useTimeRange();
  const auth = useOptionalAuth();
  const canOpenTraces = auth?.me?.roles.includes('admin') ?? false;
  const detail = useQuery(complianceQueries.check(checkId));
  return (
    <aside className="compliance-drawer" aria-label="Check evidence" data-testid="check-drawer">
      <header className="compliance-drawer__header">
        <h2>{detail.data?.check.title ?? 'Check'}</h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close evidence">
          Close
        </Button>
      </header>
      {detail.isPending && <LoadingState label="Evaluating the check…" />}
      {detail.isError && <ErrorState title="Could not evaluate the check" error={detail.error} />}
      {detail.data && (
        <>
          <p>
            <StatusBadge status={detail.data.check.status} /> {detail.data.check.summary}
          </p>
          {detail.data.check.since !== null && <p data-testid="check-since">Since {formatDateTime(detail.data.check.since, zone)}</p>}
          <h3>Evidence</h3>
          <table className="table compliance-evidence">
            <tbody>
              {detail.data.check.evidence.map((item, index) => (
                <tr key={index} className={item.status ? `compliance-evidence--${item.status}` : undefined}>
                  <th scope="row">{item.label}</th>
                  <td>
                    {item.value}
                    {item.time !== null && <div className="compliance-muted">{formatDateTime(item.time, zone)}</div>}
                  </td>
                  <td>{item.status && <StatusBadge status={item.status} />}</td>
                  <td>
                    <EvidenceLink link={item.link} canOpenTraces={canOpenTraces} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.data.check.evidenceTruncated && <p className="compliance-muted">Only the first 200 items are shown; the evidence pack holds the same list.</p>}
          <h3>Controls it serves</h3>
          <ul className="compliance-served">
            {detail.data.controls.map((c) => (
              <li key={`${c.framework}-${c.id}`}>
                {c.framework.toUpperCase()} {c.id} {c.title}
              </li>
            ))}
          </ul>
          <h3>Daily history</h3>
          <p className="compliance-history">
            {detail.data.history.length === 0 ? 'No snapshot yet.' : detail.data.history.map((h) => (
              <span key={h.day} className={`compliance-history__day compliance-history__day--${h.status}`} title={`${isoDay(h.day)}: ${h.summary}`}>
                {isoDay(h.day).slice(5)}
              </span>
            ))}
          </p>
        </>
      )}
    </aside>
  );
}
