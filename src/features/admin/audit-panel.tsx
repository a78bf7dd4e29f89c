import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format.ts';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { adminQueries } from './api.ts';
import { AuditFiltersBar } from './audit-filters-bar.tsx';
import { AuditRecordDetail } from './audit-record-detail.tsx';
import { AuditTable } from './audit-table.tsx';
import { readAdminState, writeAdminState } from './url.ts';
import { VerificationBanner } from './verification-banner.tsx';

export function AuditPanel() {
  const [params, setParams] = useSearchParams();
  const { filters, selected } = readAdminState(params);
  const { range, zone } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  const query = useInfiniteQuery(adminQueries.audit(filters, from, to));
  const records = useMemo(() => query.data?.pages.flatMap((page) => page.records) ?? [], [query.data]);
  const selectedRecord = records.find((record) => record.seq === selected) ?? null;

  let body;
  if (query.isPending) body = <LoadingState label="Loading the audit trail…" />;
  else if (query.isError) body = <ErrorState title="Could not load the audit trail" error={query.error} onRetry={() => void query.refetch()} />;
  else if (records.length === 0) body = <EmptyState title="No audit records match">Widen the time range or clear the filters.</EmptyState>;
  else
    body = (
      <>
        <AuditTable
          records={records}
          zone={zone}
          selected={selected}
          onSelect={(seq) => setParams((prev) => writeAdminState(prev, { selected: seq }))}
        />
        <p className="admin-paging">
          {query.hasNextPage ? (
            <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? 'Loading…' : 'Load older records'}
            </Button>
          ) : (
            <span className="table__muted">
              {records.length === 1 ? 'The only matching record is shown.' : `All ${formatCount(records.length)} matching records shown.`}
            </span>
          )}
        </p>
      </>
    );

  return (
    <div className="admin-audit">
      <VerificationBanner zone={zone} />
      <Panel title="Audit records" meta={query.data ? `${formatCount(records.length)}${query.hasNextPage ? '+' : ''} ${records.length === 1 ? 'record' : 'records'}` : undefined}>
        <AuditFiltersBar key={filters.user} filters={filters} onChange={(next) => setParams((prev) => writeAdminState(prev, { filters: next, selected: null }))} />
        <div className={selectedRecord ? 'admin-split' : undefined}>
          <div className="admin-split__main">{body}</div>
          {selectedRecord && (
            <AuditRecordDetail record={selectedRecord} zone={zone} onClose={() => setParams((prev) => writeAdminState(prev, { selected: null }))} />
          )}
        </div>
      </Panel>
    </div>
  );
}
