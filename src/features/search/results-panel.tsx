import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, type RefObject } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { VirtualList, type VirtualListHandle } from '../../components/virtual-list.tsx';
import type { LogLine, LogSearchPage } from '../../contract/schemas/log-search.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { markFirstResults } from './perf-marks.ts';
import { ResultRow, rowElementId, type LineActions } from './result-row.tsx';
import { remoteText } from './remote-status.ts';
import { notIndexedText, statusText, summarizePages } from './status.ts';

export interface ResultsPanelProps {
  results: UseInfiniteQueryResult<InfiniteData<LogSearchPage>>;
  lines: readonly LogLine[];
  /** Why no search runs (a query that does not parse, streams that cannot be looked up), or null. */
  blocked: string | null;
  selectedIndex: number;
  open: boolean;
  zone: TimeZoneMode;
  actions: LineActions;
  listRef: RefObject<VirtualListHandle | null>;
  /** Set when the keyboard moved the cursor: that line's row takes the focus once it is drawn. */
  focusRequest: { line: string; seq: number } | null;
  /** A line named in the URL that is not among the loaded ones. */
  missingLine: string | null;
  onShowMissingLine: () => void;
  /** "Last 7 days" and the like, for the empty state. */
  rangeLabel: string;
}

/** Fixed height of a closed row (px): the virtual list's geometry depends on it (see search.css). */
export const ROW_HEIGHT = 26;

export function ResultsPanel(props: ResultsPanelProps) {
  const { results, lines, blocked, selectedIndex, open, zone, actions, listRef, focusRequest, missingLine, onShowMissingLine, rangeLabel } = props;
  const pages = results.data?.pages ?? [];
  const summary = summarizePages(pages);
  const lastPage = pages.at(-1);
  const truncated = lastPage?.truncatedReason !== undefined;
  const scanNote = notIndexedText(pages);

  // `search:first-results` once per result set, when its first page is on screen.
  const marked = useRef<unknown>(null);
  const firstPage = pages[0];
  useEffect(() => {
    if (firstPage && marked.current !== firstPage) {
      marked.current = firstPage;
      markFirstResults(firstPage.lines.length);
    }
  }, [firstPage]);

  useEffect(() => {
    if (selectedIndex >= 0) listRef.current?.reveal(selectedIndex);
  }, [selectedIndex, open, listRef]);

  // After the keyboard moved the cursor (and the row scrolled into view), the row takes the focus.
  const focusDone = useRef(0);
  useEffect(() => {
    if (focusRequest === null || focusRequest.seq === focusDone.current) return;
    const element = document.getElementById(rowElementId(focusRequest.line));
    if (element) {
      element.focus({ preventScroll: true });
      focusDone.current = focusRequest.seq;
    }
  });

  const loadMore = () => {
    if (results.hasNextPage && !results.isFetchingNextPage) void results.fetchNextPage();
  };

  let body;
  if (blocked !== null) {
    body = <EmptyState title="Nothing was searched">{blocked}</EmptyState>;
  } else if (results.isPending) {
    body = <LoadingState label="Searching…" />;
  } else if (results.isError && pages.length === 0) {
    body = <ErrorState title="The search failed" error={results.error} onRetry={() => void results.refetch()} />;
  } else if (lines.length === 0 && !results.hasNextPage) {
    body = (
      <EmptyState title="No lines match">
        Nothing in {rangeLabel.toLowerCase().startsWith('last') ? `the ${rangeLabel.toLowerCase()}` : rangeLabel} matches this query in the
        streams searched. Widen the time range, search more streams or loosen the query.
      </EmptyState>
    );
  } else if (lines.length === 0) {
    body = <EmptyState title="No lines found so far">The search stopped before it reached the end of the window; continue it to look further.</EmptyState>;
  } else {
    body = (
      <VirtualList
        ref={listRef}
        count={lines.length}
        rowHeight={ROW_HEIGHT}
        openIndex={open && selectedIndex >= 0 ? selectedIndex : null}
        rowKey={(index) => lines[index]!.id}
        renderRow={(index) => {
          const line = lines[index]!;
          return <ResultRow line={line} selected={index === selectedIndex} open={open && index === selectedIndex} zone={zone} actions={actions} />;
        }}
        // A page cut short by a bound continues only on request: scrolling must not start a long scan.
        onEndReached={truncated ? undefined : loadMore}
        label="Log lines"
      />
    );
  }

  return (
    <section className="results" aria-label="Results">
      <div className="results__status">
        <p className="status-line" role="status" data-testid="status-line">
          {blocked === null && pages.length > 0 ? statusText(summary) : results.isFetching ? 'Searching…' : ''}
        </p>
        {blocked === null && scanNote !== null && (
          <p className="status-line status-line--scan" data-testid="not-indexed-status">{scanNote}</p>
        )}
        {blocked === null && remoteText(pages.map((page) => page.remote), zone) !== null && (
          <p className="status-line status-line--remote" data-testid="remote-status">{remoteText(pages.map((page) => page.remote), zone)}</p>
        )}
        {results.isFetchingNextPage && <span className="results__loading">Loading more…</span>}
        {results.hasNextPage && !results.isFetchingNextPage && (truncated || lines.length === 0) && (
          <Button onClick={loadMore}>{truncated ? 'Continue searching' : 'Load more'}</Button>
        )}
        {results.isError && pages.length > 0 && (
          <span className="results__error" role="alert">
            Loading more failed: {results.error.message}{' '}
            <Button variant="ghost" onClick={loadMore}>
              Try again
            </Button>
          </span>
        )}
      </div>
      {missingLine !== null && lines.length > 0 && (
        <p className="results__notice">
          Line {missingLine} from the link is not among the {lines.length.toLocaleString('en-US')} lines loaded.{' '}
          <Button variant="ghost" onClick={onShowMissingLine}>
            Show it in context
          </Button>
        </p>
      )}
      {body}
    </section>
  );
}
