import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { SegmentedControl } from '../../components/segmented-control.tsx';
import { formatCount, type TimeZoneMode } from '../../lib/format.ts';
import { auditQueries } from './api.ts';
import type { TraceFilterQuery } from './model.ts';
import { TimelineChart } from './timeline-chart.tsx';
import { TraceRemoteNote } from './trace-remote-note.tsx';
import { describeWidth } from './timeline-model.ts';
import type { LaneBy } from './url.ts';

export interface TimelinePanelProps {
  filter: TraceFilterQuery;
  from: number;
  to: number;
  zone: TimeZoneMode;
  lanes: LaneBy;
  onLanes: (lanes: LaneBy) => void;
  onZoom: (from: number, to: number) => void;
  /** Absent for callers who may not open single operations. */
  onOpen?: (traceId: string) => void;
}

const LANE_OPTIONS = [
  { value: 'service', label: 'By service' },
  { value: 'user', label: 'By user' },
] as const;

export function TimelinePanel({ filter, from, to, zone, lanes, onLanes, onZoom, onOpen }: TimelinePanelProps) {
  const query = useQuery(auditQueries.timeline(filter, from, to));
  const timeline = query.data;
  // Masked points may carry no user at all; then lanes by user would be one lane of nobody.
  const hasUsers = timeline?.points.some((point) => point.user !== undefined) ?? false;
  const laneBy: LaneBy = hasUsers ? lanes : 'service';
  const canChooseLanes = timeline?.detail === 'points' && hasUsers;

  let body;
  if (query.isPending) body = <LoadingState label="Loading the timeline…" />;
  else if (query.isError) body = <ErrorState title="Could not load the timeline" error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.total === 0)
    body = <EmptyState title="No operations in this window">Widen the time range in the header or clear the filters.</EmptyState>;
  else
    body = (
      <>
        <TimelineChart timeline={query.data} lanes={laneBy} zone={zone} onOpen={onOpen} onZoom={onZoom} />
        <p className="timeline__hint" data-testid="timeline-mode">
          {query.data.detail === 'points'
            ? `Every operation is a point${onOpen ? '; click one to open it' : ''}. Drag across the chart to zoom in.`
            : `More than ${formatCount(query.data.max_points)} operations: counted per ${describeWidth(query.data.bucket_ms)}. Drag across the chart to zoom in to single operations.`}
        </p>
      </>
    );

  return (
    <Panel
      title="Timeline"
      meta={timeline ? `${formatCount(timeline.total)} ${timeline.total === 1 ? 'operation' : 'operations'}${query.isFetching ? ' · updating…' : ''}` : undefined}
      actions={canChooseLanes ? <SegmentedControl legend="Lanes" value={lanes} options={LANE_OPTIONS} onChange={onLanes} /> : undefined}
    >
      <TraceRemoteNote remote={timeline?.remote} zone={zone} showRegion={false} />
      <div className="timeline">{body}</div>
    </Panel>
  );
}
