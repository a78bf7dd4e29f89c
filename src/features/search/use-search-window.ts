import { useCallback, useState } from 'react';
import { resolveTimeRange, type ResolvedRange, type TimeRange } from '../../lib/time-range/model.ts';

function resolveNow(range: TimeRange): ResolvedRange {
  return resolveTimeRange(range, Date.now());
}

/**
 * The absolute window searched. A relative range ("last 7 days") is frozen when it changes, so
 * pages, histogram and facets all describe the same lines; `refresh` moves it to now (running the
 * same search again).
 */
export function useSearchWindow(range: TimeRange): { window: ResolvedRange; refresh: () => void } {
  const key = JSON.stringify(range);
  const [state, setState] = useState(() => ({ key, window: resolveNow(range) }));
  let current = state;
  if (state.key !== key) {
    current = { key, window: resolveNow(range) };
    setState(current);
  }
  const refresh = useCallback(() => setState({ key, window: resolveNow(range) }), [key, range]);
  return { window: current.window, refresh };
}
