import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatCount, type TimeZoneMode } from '../../lib/format.ts';
import { auditQueries } from './api.ts';
import type { TraceFilterQuery } from './model.ts';
import { TraceRemoteNote } from './trace-remote-note.tsx';
import { TraceTable, type TraceTableHandle } from './trace-table.tsx';
import { useTraceKeys } from './use-trace-keys.ts';

export interface TracesPanelProps {
  filter: TraceFilterQuery;
  from: number;
  to: number;
  zone: TimeZoneMode;
  openId: string | null;
  /** `follow`: the drawer moves along with j/k (replaces the history entry instead of adding one). */
  onOpen: (traceId: string, how: 'open' | 'follow') => void;
  onClose: () => void;
}

/** The operations, newest first, loaded page by page as the user scrolls. */
export function TracesPanel({ filter, from, to, zone, openId, onOpen, onClose }: TracesPanelProps) {
  const query = useInfiniteQuery(auditQueries.list(filter, from, to));
  const traces = useMemo(() => query.data?.pages.flatMap((page) => page.traces) ?? [], [query.data]);
  const ids = useMemo(() => traces.map((trace) => trace.trace_id), [traces]);
  const [active, setActive] = useState<string | null>(null);
  const table = useRef<TraceTableHandle>(null);
  // The open operation is the active one, also when it was opened from the timeline.
  const activeId = openId ?? active;

  useTraceKeys({
    ids,
    activeId,
    openId,
    firstVisible: () => table.current?.firstVisible() ?? 0,
    setActive,
    open: (traceId) => onOpen(traceId, openId === null ? 'open' : 'follow'),
    close: onClose,
  });

  // The store could not look back as far as the window asked (CTS: 7 days): "all" means all it could reach.
  const partial = (query.data?.pages[0]?.remote?.reachable_from ?? null) !== null;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  // After a failed page, wait for the user's retry instead of asking again on every scroll.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  let body;
  if (query.isPending) body = <LoadingState label="Loading operations…" />;
  // A failed next page keeps the rows already loaded; only a failed first page replaces them.
  else if (query.isError && !query.isFetchNextPageError)
    body = <ErrorState title="Could not load operations" error={query.error} onRetry={() => void query.refetch()} />;
  else if (traces.length === 0) body = <EmptyState title="No operations match">Widen the time range in the header or clear the filters.</EmptyState>;
  else
    body = (
      <TraceTable
        ref={table}
        traces={traces}
        zone={zone}
        activeId={activeId}
        openId={openId}
        onSelect={(traceId) => {
          setActive(traceId);
          onOpen(traceId, 'open');
        }}
        onNearEnd={loadMore}
        footer={
          query.isFetchNextPageError ? (
            <ErrorState title="Could not load older operations" error={query.error} onRetry={() => void fetchNextPage()} />
          ) : query.hasNextPage ? (
            <span className="table__muted">{isFetchingNextPage ? 'Loading older operations…' : 'Scroll for older operations.'}</span>
          ) : (
            <span className="table__muted">
              {traces.length === 1 ? 'The only matching operation is shown' : `All ${formatCount(traces.length)} matching operations shown`}
              {partial ? ' that the store could reach (see above).' : '.'}
            </span>
          )
        }
      />
    );

  return (
    <Panel
      title="Operations"
      meta={query.data ? `${formatCount(traces.length)}${query.hasNextPage ? '+' : ''} loaded · newest first` : undefined}
      actions={<span className="audit-keys">j/k move · Enter opens · Esc closes</span>}
    >
      <TraceRemoteNote remote={query.data?.pages[0]?.remote} zone={zone} />
      {body}
    </Panel>
  );
}
