import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useResolvedRange } from '../../lib/time-range/use-resolved-range.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { anomalyQueries } from './api.ts';
import { AnomalyDetailPanel } from './anomaly-detail-panel.tsx';
import { AnomalyList } from './anomaly-list.tsx';
import { HeatStrip } from './heat-strip.tsx';
import { readAnomaliesState, writeAnomaliesState, type AnomaliesState } from './url.ts';

/** Heat strip of subjects x days, the ranked list, and the open anomaly beside it. */
export function AnomalyOverview() {
  const [params, setParams] = useSearchParams();
  const state = readAnomaliesState(params);
  const { range, zone } = useTimeRange();
  const { from, to } = useResolvedRange(range);
  const summary = useQuery(anomalyQueries.summary(from, to));
  const list = useQuery(anomalyQueries.list(from, to, state.kind, state.minScore));
  const update = (patch: Partial<AnomaliesState>) => setParams((prev) => writeAnomaliesState(prev, patch));

  return (
    <div className={`anomalies${state.id ? ' anomalies--open' : ''}`}>
      <HeatStrip summary={summary} zone={zone} selected={state.id} onOpen={(id) => update({ id })} />
      <div className="anomalies__body">
        <AnomalyList list={list} state={state} zone={zone} onChange={update} />
        {state.id && <AnomalyDetailPanel id={state.id} zone={zone} onClose={() => update({ id: null })} />}
      </div>
    </div>
  );
}
