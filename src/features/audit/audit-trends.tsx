import { useSearchParams } from 'react-router';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { FilterBar } from './filter-bar.tsx';
import { toTraceQuery } from './model.ts';
import { TimelinePanel } from './timeline-panel.tsx';
import { emptyFilters, readAuditState, writeAuditState, type AuditState } from './url.ts';

/**
 * The audit trail for callers who see masked data (managers): the aggregated timeline and the
 * quick filters, nothing that opens single operations or names people. The server masks the data
 * and refuses the rest anyway; this view just does not offer it.
 */
export function AuditTrends() {
  const [params, setParams] = useSearchParams();
  const state = readAuditState(params);
  const { range, zone, setRange } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  // Only the quick filters apply here: a shared analyst link may carry more, which the server
  // would refuse for masked data.
  const filters = { ...emptyFilters(), quick: state.filters.quick };
  // Quick filters restrict different parameters, so together they always can match.
  const combined = toTraceQuery(filters);
  const query = combined.ok ? combined.query : {};
  const update = (patch: Partial<AuditState>, replace = false) => setParams((prev) => writeAuditState(prev, patch), { replace });

  return (
    <>
      <FilterBar filters={filters} facets={null} pending={false} onChange={(next) => update({ filters: next })} />
      <TimelinePanel
        filter={query}
        from={from}
        to={to}
        zone={zone}
        lanes={state.lanes}
        onLanes={(lanes) => update({ lanes }, true)}
        onZoom={(zoomFrom, zoomTo) => setRange({ kind: 'absolute', from: zoomFrom, to: zoomTo })}
      />
    </>
  );
}
