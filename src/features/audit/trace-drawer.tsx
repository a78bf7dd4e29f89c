import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { isApiError } from '../../lib/api-error.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { auditQueries } from './api.ts';
import { CopyButton } from './copy-button.tsx';
import { JsonBlock } from './json-block.tsx';
import { logsAroundHref, pivotFilters, type Pivot } from './model.ts';
import { RatingBadge } from './rating-badge.tsx';
import { describeSignal } from './signals.ts';
import { TraceFacts } from './trace-facts.tsx';
import type { AuditFilters } from './url.ts';
import './trace-drawer.css';

export interface TraceDrawerProps {
  traceId: string;
  zone: TimeZoneMode;
  onClose: () => void;
  onPivot: (filters: AuditFilters) => void;
}

const PIVOTS: { pivot: Pivot; label: string }[] = [
  { pivot: 'user', label: 'Everything by this user' },
  { pivot: 'source_ip', label: 'Everything from this IP' },
  { pivot: 'resource', label: 'Everything on this resource' },
];

/**
 * One operation in full: why it stands out, every field, request and response. It does not trap
 * focus (j/k keep moving through the table behind it); Esc or the close button ends it.
 */
export function TraceDrawer({ traceId, zone, onClose, onPivot }: TraceDrawerProps) {
  const query = useQuery(auditQueries.detail(traceId));
  const [params] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  const name = query.data?.trace.trace_name;
  useEffect(() => {
    // Closing hands focus back to where it was (the table), not to the top of the page.
    const previous = document.activeElement;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);
  useEffect(() => {
    // Screen readers hear the new operation when j/k or a click opens another one.
    if (name) heading.current?.focus({ preventScroll: true });
  }, [name, traceId]);

  let body;
  if (query.isPending) body = <LoadingState label="Loading the operation…" />;
  else if (query.isError)
    body = (
      <ErrorState
        title={isApiError(query.error) && query.error.status === 404 ? 'This operation is not stored (any more)' : 'Could not load the operation'}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  else {
    const { trace, signals, redactions, correlation } = query.data;
    body = (
      <>
        {signals.length > 0 && (
          <ul className="trace-drawer__signals" aria-label="Why it stands out">
            {signals.map((signal) => (
              <li key={signal.kind}>
                <span className="badge badge--signal">{describeSignal(signal, zone).label}</span> {describeSignal(signal, zone).sentence}
              </li>
            ))}
          </ul>
        )}
        <nav className="trace-drawer__pivots" aria-label="Pivots">
          {PIVOTS.map(({ pivot, label }) => (
            <Button key={pivot} onClick={() => onPivot(pivotFilters(pivot, trace))}>
              {label}
            </Button>
          ))}
          <Link className="button button--primary" to={logsAroundHref(correlation, params)}>
            Logs around this operation
          </Link>
        </nav>
        <TraceFacts trace={trace} zone={zone} />
        {redactions.length > 0 && (
          <p className="trace-drawer__redactions">
            Secrets were replaced by [REDACTED] at: <span className="mono">{redactions.join(', ')}</span>
          </p>
        )}
        <JsonBlock title="Request" body={trace.request} />
        <JsonBlock title="Response" body={trace.response} />
        <div className="trace-drawer__copy-all">
          <CopyButton value={JSON.stringify(trace, null, 2)} label="Copy the whole record as JSON" />
          <span className="table__muted">the whole record as JSON</span>
        </div>
      </>
    );
  }

  return (
    <aside className="trace-drawer" aria-label="Operation details">
      <header className="trace-drawer__header">
        <h2 className="trace-drawer__title" ref={heading} tabIndex={-1}>
          {name ?? 'Operation'}
        </h2>
        {query.data && <RatingBadge rating={query.data.trace.trace_rating} />}
        <Button variant="ghost" className="trace-drawer__close" onClick={onClose} aria-label="Close details" title="Close (Esc)">
          ×
        </Button>
      </header>
      <div className="trace-drawer__body">{body}</div>
    </aside>
  );
}
