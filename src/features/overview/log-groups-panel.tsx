import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { FilterInput } from '../../components/filter-input.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { overviewQueries } from './api.ts';
import { LogGroupCard } from './log-group-card.tsx';
import { LogGroupsError } from './log-groups-error.tsx';
import { filterLogGroups, totalLines } from './model.ts';
import { readOverviewState, writeOverviewState } from './url.ts';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A remote store may not know its size: say so rather than print 0 lines. */
function linesText(total: number | null): string {
  return total === null ? 'line count unknown' : plural(total, 'line', 'lines');
}

export function LogGroupsPanel() {
  const groups = useQuery(overviewQueries.logGroups());
  const { zone } = useTimeRange();
  const [params, setParams] = useSearchParams();
  const { filter } = readOverviewState(params);

  const setFilter = (value: string) =>
    // Replace, not push: each keystroke in the filter is not a step to go back to.
    setParams((prev) => writeOverviewState(prev, { filter: value }), { replace: true });

  const all = groups.data?.log_groups ?? [];
  const shown = filterLogGroups(all, filter);
  const filtering = filter.trim() !== '';
  const meta = !groups.isSuccess
    ? undefined
    : filtering
      ? `${formatCount(shown.length)} of ${plural(all.length, 'group', 'groups')} match`
      : `${plural(all.length, 'group', 'groups')} · ${linesText(totalLines(all))}`;

  const filterInput =
    all.length === 0 ? undefined : (
      <FilterInput
        label="Filter log groups and streams by name"
        placeholder="Filter by group or stream name"
        value={filter}
        onChange={setFilter}
      />
    );

  return (
    <Panel title="Log groups" meta={meta} actions={filterInput}>
      {groups.isPending ? (
        <LoadingState label="Loading log groups…" />
      ) : groups.isError ? (
        <LogGroupsError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title="No log groups yet">
          Log groups and their streams appear here once logs are ingested or imported into the store.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState
          title={`No log group or stream name contains “${filter.trim()}”`}
          action={
            <Button variant="ghost" onClick={() => setFilter('')}>
              Clear the filter
            </Button>
          }
        />
      ) : (
        <div className="log-groups">
          {shown.map((group) => (
            <LogGroupCard key={group.log_group_id} group={group} zone={zone} />
          ))}
        </div>
      )}
    </Panel>
  );
}
