import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { TimeRange } from '../../lib/time-range/model.ts';
import { writeTimeRange } from '../../lib/time-range/url.ts';
import type { StreamSelection } from './streams.ts';
import { historyMode, readSearchState, writeSearchState, type SearchState } from './url.ts';

export interface SearchStateApi {
  state: SearchState;
  selection: StreamSelection;
  /** Applies a change; a new search makes a history entry, a cursor move replaces the current one. */
  update: (patch: Partial<SearchState>) => void;
  /** Searches an absolute window (a brushed span of the histogram). */
  zoom: (from: number, to: number) => void;
  /** The current URL's parameters with a patch, e.g. for a shareable link. */
  paramsWith: (patch: Partial<SearchState>) => URLSearchParams;
  /** Runs another search with its own range (a saved search). */
  openSearch: (patch: Pick<SearchState, 'q' | 'groups' | 'streams'>, range: TimeRange) => void;
}

/** The search view's state, read from and written to the URL (see url.ts). */
export function useSearchState(): SearchStateApi {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const state = useMemo(() => readSearchState(new URLSearchParams(key)), [key]);
  const selection = useMemo(() => ({ groups: state.groups, streams: state.streams }), [state.groups, state.streams]);

  // Callbacks read the latest URL through refs, so they stay stable for memoized rows.
  const latest = useRef({ params, setParams });
  useLayoutEffect(() => {
    latest.current = { params, setParams };
  });

  const navigate = useCallback((next: URLSearchParams) => {
    const { params: current, setParams: set } = latest.current;
    if (next.toString() === current.toString()) return;
    set(next, { replace: historyMode(current, next) === 'replace' });
  }, []);

  const update = useCallback((patch: Partial<SearchState>) => navigate(writeSearchState(latest.current.params, patch)), [navigate]);

  const zoom = useCallback(
    (from: number, to: number) => {
      const cleared = writeSearchState(latest.current.params, { line: null, open: false, context: false });
      navigate(writeTimeRange(cleared, { kind: 'absolute', from, to }));
    },
    [navigate],
  );

  const paramsWith = useCallback((patch: Partial<SearchState>) => writeSearchState(latest.current.params, patch), []);

  const openSearch = useCallback(
    (patch: Pick<SearchState, 'q' | 'groups' | 'streams'>, range: TimeRange) =>
      navigate(writeTimeRange(writeSearchState(latest.current.params, { ...patch, line: null, open: false, context: false }), range)),
    [navigate],
  );

  return { state, selection, update, zoom, paramsWith, openSearch };
}
