import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { indexAt, rowOffset, scrollToReveal, visibleWindow, type OpenRow } from './virtual-window.ts';
import './virtual-list.css';

export interface VirtualListHandle {
  /** Scrolls as little as needed to show row `index` whole, with a couple of rows around it. */
  reveal: (index: number) => void;
  /** The first row at least partly on screen. */
  firstVisible: () => number;
  /** The element that scrolls (to listen to the user's scrolling). */
  element: () => HTMLDivElement | null;
}

export interface VirtualListProps {
  count: number;
  /** Height of every row except the open one, in pixels. */
  rowHeight: number;
  /** The one row drawn at its natural height (an expanded line), or null. */
  openIndex?: number | null;
  rowKey: (index: number) => string;
  renderRow: (index: number) => ReactNode;
  /** Called when the last rows come into view (to load the next page). */
  onEndReached?: () => void;
  /** The list's accessible name. */
  label: string;
  overscan?: number;
  ref?: Ref<VirtualListHandle>;
}

/** Rows kept visible beyond a revealed row. */
const REVEAL_MARGIN_ROWS = 2;
/** Rows within this distance of the end count as "reached", so the next page is there in time. */
const END_THRESHOLD_ROWS = 40;

/**
 * A scrolling list that draws only the rows on screen (plus a margin), so 100,000 rows scroll as
 * smoothly as 100. Rows have one fixed height; one open row may be taller and is measured.
 */
export function VirtualList({ count, rowHeight, openIndex = null, rowKey, renderRow, onEndReached, label, overscan = 8, ref }: VirtualListProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [openRow, setOpenRow] = useState<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until the first measurement, assume the list fills the window: the first paint shows rows.
  const [viewportHeight, setViewportHeight] = useState(() => (typeof window === 'undefined' ? 800 : window.innerHeight));
  const [measured, setMeasured] = useState<OpenRow | null>(null);

  const open: OpenRow | null =
    openIndex === null || openIndex >= count ? null : { index: openIndex, height: measured?.index === openIndex ? measured.height : rowHeight };
  const { start, end, totalHeight } = visibleWindow({ count, rowHeight, scrollTop, viewportHeight, overscan, open });

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewportHeight(scroller.clientHeight));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  // The open row is measured while it is drawn; scrolled away, its last height keeps the geometry.
  useLayoutEffect(() => {
    const row = openRow;
    if (openIndex === null || !row) return;
    const measure = () => setMeasured({ index: openIndex, height: row.offsetHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, [openIndex, openRow]);

  const onEndRef = useRef(onEndReached);
  useEffect(() => {
    onEndRef.current = onEndReached;
  });
  const nearEnd = count > 0 && end >= count - END_THRESHOLD_ROWS;
  useEffect(() => {
    if (nearEnd) onEndRef.current?.();
  }, [nearEnd, count]);

  const openRef = useRef(open);
  const countRef = useRef(count);
  useEffect(() => {
    openRef.current = open;
    countRef.current = count;
  });
  useImperativeHandle(
    ref,
    () => ({
      reveal(index) {
        const scroller = scrollerRef.current;
        if (!scroller) return;
        const height = scroller.clientHeight || viewportHeight;
        const target = scrollToReveal(index, scroller.scrollTop, height, rowHeight, openRef.current, REVEAL_MARGIN_ROWS * rowHeight);
        if (target !== null) {
          scroller.scrollTop = target;
          setScrollTop(target);
        }
      },
      firstVisible: () => indexAt(scrollerRef.current?.scrollTop ?? 0, countRef.current, rowHeight, openRef.current),
      element: () => scrollerRef.current,
    }),
    [rowHeight, viewportHeight],
  );

  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    rows.push(
      <div
        key={rowKey(index)}
        ref={index === openIndex ? setOpenRow : undefined}
        className="vlist__row"
        role="listitem"
        aria-setsize={count}
        aria-posinset={index + 1}
        style={{
          transform: `translateY(${rowOffset(index, rowHeight, open)}px)`,
          // Closed rows are clipped to the fixed height the geometry relies on.
          ...(index === openIndex ? { minBlockSize: `${rowHeight}px` } : { blockSize: `${rowHeight}px` }),
        }}
      >
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={scrollerRef}
      className="vlist"
      role="list"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="vlist__spacer" style={{ blockSize: `${totalHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
