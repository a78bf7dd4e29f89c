import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import type { VirtualListHandle } from '../../components/virtual-list.tsx';
import type { LogLine } from '../../contract/schemas/log-search.ts';
import { describeTimeRange } from '../../lib/time-range/model.ts';
import { useTimeRange } from '../../lib/time-range/use-time-range.ts';
import { writeTimeRange } from '../../lib/time-range/url.ts';
import { ContextPanel } from './context-panel.tsx';
import { ExportMenu } from './export-menu.tsx';
import { LiveTailPanel } from './live-tail-panel.tsx';
import type { FacetAction } from './facet-group.tsx';
import { FacetSidebar } from './facet-sidebar.tsx';
import { QueryBar } from './query-bar.tsx';
import { queryErrorFrom } from './query-errors.ts';
import { addFilter, filterState, removeFilter, type FilterMode } from './query-filters.ts';
import type { LineActions } from './result-row.tsx';
import { ResultsPanel } from './results-panel.tsx';
import { SearchHistogram } from './search-histogram.tsx';
import { SavedSearchesMenu } from './saved-searches-menu.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';
import { StreamPicker } from './stream-picker.tsx';
import { excludeStream, isStreamSelected, selectionOf, streamRef, toggleStream } from './streams.ts';
import { catalogFrom } from './suggestions.ts';
import { useSearchData } from './use-search-data.ts';
import { useLiveTail } from './use-live-tail.ts';
import { useSearchKeys, type SearchKeyAction } from './use-search-keys.ts';
import { useSearchState } from './use-search-state.ts';
import '../../components/data-table.css';
import './panels.css';
import './search.css';
import './search-tools.css';

export function SearchPage() {
  const { state, selection, update, zoom, paramsWith, openSearch } = useSearchState();
  const { range, zone } = useTimeRange();
  const data = useSearchData(state.q, selection, range);
  const { groups, results, histogram, facets, lines } = data;
  const allGroups = groups.data?.log_groups;
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [tailing, setTailing] = useState(false);
  const tailScope = useMemo(() => (data.scope ? { q: data.scope.q, group: data.scope.group, stream: data.scope.stream } : null), [data.scope]);
  const tail = useLiveTail(tailScope, tailing);
  const [focusRequest, setFocusRequest] = useState<{ line: string; seq: number } | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<VirtualListHandle>(null);

  const selectedIndex = useMemo(() => (state.line === null ? -1 : lines.findIndex((line) => line.id === state.line)), [lines, state.line]);

  const { rerun } = data;
  const runQuery = useCallback(
    (q: string) => {
      if (q === state.q) rerun();
      update({ q, line: null, open: false, context: false });
    },
    [state.q, rerun, update],
  );

  const setStreams = useCallback(
    (next: { groups: readonly string[]; streams: readonly string[] }) =>
      update({ groups: [...next.groups], streams: [...next.streams], line: null, open: false, context: false }),
    [update],
  );

  const streamFilter = useCallback(
    (ref: string, mode: FilterMode | 'clear') => {
      const all = allGroups ?? [];
      if (mode === 'include') setStreams(selectionOf(new Set([ref]), all));
      else if (mode === 'exclude') setStreams(excludeStream(selection, ref, all));
      else setStreams(toggleStream(selection, ref, all));
    },
    [allGroups, selection, setStreams],
  );

  const applyFilter = useCallback(
    (field: string, value: string, action: FacetAction) =>
      runQuery(action === 'clear' ? removeFilter(state.q, field, value) : addFilter(state.q, field, value, action)),
    [runQuery, state.q],
  );

  const searchWindow = data.window;
  // Row actions read the cursor through a ref: moving it must not re-render every visible row.
  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const actions = useMemo<LineActions>(
    () => ({
      filterMode: (field, value) => filterState(state.q, field, value),
      onFilter: applyFilter,
      onStreamFilter: streamFilter,
      onToggle: (line: LogLine) => {
        const { line: current, open } = stateRef.current;
        update(line.id === current ? { open: !open } : { line: line.id, open: true });
      },
      onContext: (line: LogLine) => update({ line: line.id, context: true }),
      linkToLine: (line: LogLine) => {
        // A shared link names the exact window, so "last 24 hours" means the same lines tomorrow.
        const params = writeTimeRange(paramsWith({ line: line.id, open: true, context: false }), { kind: 'absolute', ...searchWindow });
        return `${window.location.origin}${window.location.pathname}?${params.toString()}`;
      },
    }),
    [state.q, applyFilter, streamFilter, update, paramsWith, searchWindow],
  );

  // Key repeat can outrun the URL: each press moves from the line the previous press chose.
  const cursor = useRef<string | null>(null);
  const move = (step: 1 | -1) => {
    if (lines.length === 0) return;
    const from = cursor.current === null ? selectedIndex : lines.findIndex((line) => line.id === cursor.current);
    // Without a cursor, j and k start where the analyst is looking, not at the top.
    const index = from < 0 ? (listRef.current?.firstVisible() ?? 0) : Math.max(0, Math.min(lines.length - 1, from + step));
    if (index >= lines.length - 2 && results.hasNextPage && !results.isFetchingNextPage) void results.fetchNextPage();
    const line = lines[index]!.id;
    cursor.current = line;
    update({ line });
    setFocusRequest((previous) => ({ line, seq: (previous?.seq ?? 0) + 1 }));
  };
  useEffect(() => {
    if (cursor.current === state.line) cursor.current = null;
  }, [state.line]);

  const runKey = (action: SearchKeyAction): boolean => {
    switch (action) {
      case 'focus-query': {
        const input = inputRef.current;
        input?.focus();
        input?.setSelectionRange(input.value.length, input.value.length);
        return true;
      }
      case 'shortcuts':
        setShortcutsOpen(true);
        return true;
      case 'next':
        move(1);
        return true;
      case 'previous':
        move(-1);
        return true;
      case 'toggle':
        if (selectedIndex < 0) return false;
        update({ open: !state.open });
        return true;
      case 'context':
        if (state.line === null) return false;
        update({ context: true });
        return true;
      case 'escape':
        if (state.context) update({ context: false });
        else if (state.open) update({ open: false });
        else return false;
        return true;
    }
  };
  useSearchKeys(runKey, !shortcutsOpen);

  const facetMode = (field: string, value: string, group: string | undefined): FilterMode | null => {
    if (field !== 'stream') return filterState(state.q, field, value);
    const empty = selection.groups.length === 0 && selection.streams.length === 0;
    return !empty && group !== undefined && isStreamSelected(selection, streamRef(group, value)) ? 'include' : null;
  };
  const onFacet = (field: string, value: string, group: string | undefined, action: FacetAction) => {
    if (field === 'stream') {
      const owner = group ?? allGroups?.find((entry) => entry.log_streams.some((stream) => stream.log_stream_name === value))?.log_group_name;
      if (owner !== undefined) streamFilter(streamRef(owner, value), action);
    } else applyFilter(field, value, action);
  };

  const catalog = useMemo(() => catalogFrom(facets.data, lines), [facets.data, lines]);
  const serverError = queryErrorFrom(results.error) ?? queryErrorFrom(histogram.error);
  const missingLine = state.line !== null && selectedIndex < 0 && results.isSuccess && !results.isFetching ? state.line : null;

  return (
    <div className="search-page">
      <div className="search-page__top">
        <h1 className="search-page__title">Search</h1>
        <QueryBar value={state.q} onRun={runQuery} catalog={catalog} serverError={serverError} inputRef={inputRef} />
        <StreamPicker selection={selection} groups={groups} onChange={setStreams} />
        <Button variant="ghost" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
          <kbd>?</kbd> Shortcuts
        </Button>
      </div>
      <div className="search-page__body">
        <FacetSidebar facets={facets} enabled={data.blocked === null} zone={zone} modeOf={facetMode} onAction={onFacet} />
        <div className="search-page__main">
          <div className="search-page__tools" role="toolbar" aria-label="Search tools">
            <SavedSearchesMenu
              current={{ q: state.q, range, groups: state.groups, streams: state.streams }}
              onOpen={(saved) => openSearch({ q: saved.q, groups: saved.groups, streams: saved.streams }, saved.range)}
            />
            <ExportMenu scope={data.scope} rangeLabel={describeTimeRange({ kind: 'absolute', ...searchWindow }, zone)} />
            <Button aria-pressed={tailing} disabled={tailScope === null} onClick={() => setTailing(!tailing)}>
              Live tail
            </Button>
          </div>
          {tailing && <LiveTailPanel tail={tail} zone={zone} />}
          <SearchHistogram histogram={histogram} enabled={data.blocked === null} zone={zone} onZoom={zoom} />
          <ResultsPanel
            results={results}
            lines={lines}
            blocked={serverError && results.isError ? `The server could not run the query: ${serverError.message}.` : data.blocked}
            selectedIndex={selectedIndex}
            open={state.open}
            zone={zone}
            actions={actions}
            listRef={listRef}
            focusRequest={focusRequest}
            missingLine={missingLine}
            onShowMissingLine={() => update({ context: true })}
            rangeLabel={describeTimeRange(range, zone)}
          />
        </div>
      </div>
      {state.context && state.line !== null && <ContextPanel key={state.line} lineId={state.line} zone={zone} onClose={() => update({ context: false })} />}
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
