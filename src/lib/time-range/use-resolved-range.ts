import { useState } from 'react';
import { resolveTimeRange, type ResolvedRange, type TimeRange } from './model.ts';

function resolveNow(range: TimeRange): ResolvedRange {
  return resolveTimeRange(range, Date.now());
}

/**
 * The absolute window of a range, resolved once when the range changes: a relative range such as
 * "last 24 hours" then stays one fixed window while the user pages through results.
 */
export function useResolvedRange(range: TimeRange): ResolvedRange {
  const key = JSON.stringify(range);
  const [state, setState] = useState(() => ({ key, resolved: resolveNow(range) }));
  if (state.key !== key) {
    const next = { key, resolved: resolveNow(range) };
    setState(next);
    return next.resolved;
  }
  return state.resolved;
}
