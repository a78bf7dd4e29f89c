import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { indexAt, scrollToReveal, visibleWindow } from '../../components/virtual-window.ts';
import type { TraceSummary } from '../../contract/schemas/trace-query.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { RatingBadge } from './rating-badge.tsx';
import { SignalBadges } from './signal-badges.tsx';
import { visibleString } from '../../lib/visible-text.ts';
import { VisibleText } from './visible-text.tsx';
import './trace-table.css';

/** Fixed row height: what makes the window arithmetic exact (keep in step with audit.css). */
export const ROW_HEIGHT = 34;
// Before the first layout (and in test DOMs without layout) assume a typical viewport.
const FALLBACK_VIEW_HEIGHT = 480;
// Ask for the next page while this many rows are still below the visible ones.
const PREFETCH_ROWS = 40;
// Rows kept in view around the active one, so j/k never move along the very edge (as in Search).
const REVEAL_MARGIN_ROWS = 2;

export interface TraceTableHandle {
  /** The first row at least partly on screen. */
  firstVisible: () => number;
}

export interface TraceTableProps {
  traces: readonly TraceSummary[];
  zone: TimeZoneMode;
  /** The row j/k are on. */
  activeId: string | null;
  /** The row open in the detail drawer. */
  openId: string | null;
  onSelect: (traceId: string) => void;
  /** Called when the user scrolls near the end of what is loaded. */
  onNearEnd: () => void;
  /** Below the last row: paging status. */
  footer: ReactNode;
  ref?: Ref<TraceTableHandle>;
}

export const rowDomId = (traceId: string) => `trace-row-${traceId}`;

/**
 * The operations, virtualised: only the rows in view exist in the DOM, so ten thousand loaded
 * traces scroll as smoothly as fifty. The grid is one tab stop; the active row is announced
 * through aria-activedescendant and moved with j/k (see use-trace-keys.ts).
 */
export function TraceTable({ traces, zone, activeId, openId, onSelect, onNearEnd, footer, ref }: TraceTableProps) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(FALLBACK_VIEW_HEIGHT);

  useLayoutEffect(() => {
    const element = body.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || FALLBACK_VIEW_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const count = traces.length;
  useImperativeHandle(ref, () => ({ firstVisible: () => indexAt(body.current?.scrollTop ?? 0, count, ROW_HEIGHT, null) }), [count]);

  const activeIndex = activeId === null ? -1 : traces.findIndex((trace) => trace.trace_id === activeId);
  // Keep the active row in view when the keyboard moves it.
  useEffect(() => {
    const element = body.current;
    if (!element || activeIndex < 0) return;
    const target = scrollToReveal(activeIndex, element.scrollTop, element.clientHeight || viewHeight, ROW_HEIGHT, null, REVEAL_MARGIN_ROWS * ROW_HEIGHT);
    if (target !== null) element.scrollTop = target;
  }, [activeIndex, viewHeight]);

  const { start, end, totalHeight } = visibleWindow({
    count: traces.length,
    rowHeight: ROW_HEIGHT,
    scrollTop,
    viewportHeight: viewHeight,
    overscan: 8,
    open: null,
  });
  const nearEnd = end + PREFETCH_ROWS >= traces.length;
  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, traces.length, onNearEnd]);

  return (
    <>
      <div
        className="trace-table"
        role="grid"
        aria-label="Operations"
        aria-rowcount={traces.length + 1}
        aria-activedescendant={activeIndex >= 0 ? rowDomId(traces[activeIndex]!.trace_id) : undefined}
        tabIndex={0}
      >
        <div role="rowgroup" className="trace-table__head">
          <div className="trace-row trace-row--head" role="row" aria-rowindex={1}>
            <span role="columnheader">Time{zone === 'utc' ? ' (UTC)' : ''}</span>
            <span role="columnheader">User</span>
            <span role="columnheader">Source IP</span>
            <span role="columnheader">Service</span>
            <span role="columnheader">Operation</span>
            <span role="columnheader">Resource</span>
            <span role="columnheader" className="trace-row__code">
              Code
            </span>
            <span role="columnheader">Rating</span>
            <span role="columnheader">Signals</span>
          </div>
        </div>
        <div role="rowgroup" ref={body} className="trace-table__body" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
          <div className="trace-table__rows" style={{ height: totalHeight }}>
            {traces.slice(start, end).map((trace, offset) => (
              <TraceRow
                key={trace.trace_id}
                trace={trace}
                index={start + offset}
                zone={zone}
                active={trace.trace_id === activeId}
                open={trace.trace_id === openId}
                onSelect={onSelect}
              />
            ))}
          </div>
        </div>
      </div>
      <div className="trace-table__footer">{footer}</div>
    </>
  );
}

interface TraceRowProps {
  trace: TraceSummary;
  index: number;
  zone: TimeZoneMode;
  active: boolean;
  open: boolean;
  onSelect: (traceId: string) => void;
}

function TraceRow({ trace, index, zone, active, open, onSelect }: TraceRowProps) {
  const resource = trace.resource_name || trace.resource_id;
  return (
    <div
      id={rowDomId(trace.trace_id)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={open}
      className={`trace-row trace-row--${trace.trace_rating}${active ? ' trace-row--active' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={() => onSelect(trace.trace_id)}
    >
      <span role="gridcell" className="numeric">
        {formatDateTime(trace.time, zone)}
      </span>
      <span role="gridcell" className="trace-row__clip" title={visibleString(trace.user.name)}>
        <VisibleText value={trace.user.name} />
      </span>
      <span role="gridcell" className="numeric trace-row__clip">
        {/* System actions come from no address. */}
        {trace.source_ip === '' ? <span className="table__muted">—</span> : <VisibleText value={trace.source_ip} />}
      </span>
      <span role="gridcell" className="trace-row__clip">
        <VisibleText value={trace.service_type} />
      </span>
      <span role="gridcell" className="trace-row__clip mono">
        {trace.trace_name}
      </span>
      <span role="gridcell" className="trace-row__clip" title={visibleString(`${trace.resource_type} ${resource}`)}>
        <span className="table__muted">
          <VisibleText value={trace.resource_type} />
        </span>{' '}
        <VisibleText value={resource} />
      </span>
      <span role="gridcell" className="numeric trace-row__code">
        <VisibleText value={trace.code} />
      </span>
      <span role="gridcell">
        <RatingBadge rating={trace.trace_rating} />
      </span>
      <span role="gridcell" className="trace-row__clip">
        <SignalBadges signals={trace.signals} zone={zone} />
      </span>
    </div>
  );
}
