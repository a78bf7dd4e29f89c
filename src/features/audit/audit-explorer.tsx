import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { auditQueries } from './api.ts';
import { FilterBar } from './filter-bar.tsx';
import { toTraceQuery } from './model.ts';
import { TimelinePanel } from './timeline-panel.tsx';
import { TraceDrawer } from './trace-drawer.tsx';
import { TracesPanel } from './traces-panel.tsx';
import { readAuditState, writeAuditState, type AuditState } from './url.ts';

/** The analyst's audit trail: filters, timeline, the operations and one operation in full. */
export function AuditExplorer() {
  const [params, setParams] = useSearchParams();
  const state = readAuditState(params);
  const { range, zone, setRange } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  const combined = toTraceQuery(state.filters);
  const filter = combined.ok ? combined.query : {};
  const facets = useQuery({ ...auditQueries.facets(filter, from, to), enabled: combined.ok });

  const update = (patch: Partial<AuditState>, replace = false) => setParams((prev) => writeAuditState(prev, patch), { replace });

  return (
    <>
      <FilterBar filters={state.filters} facets={facets.data} pending={facets.isFetching} onChange={(filters) => update({ filters })} />
      {!combined.ok ? (
        <EmptyState
          title="These filters cannot match anything"
          tone="notice"
          action={<Button onClick={() => update({ filters: { ...state.filters, quick: [] } })}>Turn off the quick filters</Button>}
        >
          {combined.conflict}
        </EmptyState>
      ) : (
        <>
          <TimelinePanel
            filter={filter}
            from={from}
            to={to}
            zone={zone}
            lanes={state.lanes}
            onLanes={(lanes) => update({ lanes }, true)}
            onZoom={(zoomFrom, zoomTo) => setRange({ kind: 'absolute', from: zoomFrom, to: zoomTo })}
            onOpen={(trace) => update({ trace })}
          />
          <TracesPanel
            filter={filter}
            from={from}
            to={to}
            zone={zone}
            openId={state.trace}
            onOpen={(trace, how) => update({ trace }, how === 'follow')}
            onClose={() => update({ trace: null })}
          />
        </>
      )}
      {state.trace !== null && (
        <TraceDrawer
          key={state.trace}
          traceId={state.trace}
          zone={zone}
          onClose={() => update({ trace: null })}
          onPivot={(filters) => update({ filters })}
        />
      )}
    </>
  );
}
