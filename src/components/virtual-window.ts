/**
 * Geometry of a virtual list: rows of one fixed height, except at most one open row whose height
 * is measured. With that, every offset is a multiplication, so finding the rows on screen costs the
 * same for 100 rows as for 100,000.
 */

export interface OpenRow {
  index: number;
  height: number;
}

export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows drawn beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan: number;
  open: OpenRow | null;
}

export interface VisibleWindow {
  /** First row to draw. */
  start: number;
  /** One past the last row to draw. */
  end: number;
  totalHeight: number;
}

function extra(open: OpenRow | null, count: number, rowHeight: number): number {
  return open && open.index >= 0 && open.index < count ? Math.max(0, open.height - rowHeight) : 0;
}

export function rowOffset(index: number, rowHeight: number, open: OpenRow | null): number {
  const below = open !== null && index > open.index;
  return index * rowHeight + (below ? Math.max(0, open.height - rowHeight) : 0);
}

export function rowHeightAt(index: number, rowHeight: number, open: OpenRow | null): number {
  return open !== null && open.index === index ? Math.max(rowHeight, open.height) : rowHeight;
}

/** The row drawn at vertical position `y` (clamped to the list). */
export function indexAt(y: number, count: number, rowHeight: number, open: OpenRow | null): number {
  if (count === 0) return 0;
  let index: number;
  if (open && open.index < count && y >= rowOffset(open.index, rowHeight, open)) {
    const openEnd = rowOffset(open.index, rowHeight, open) + rowHeightAt(open.index, rowHeight, open);
    index = y < openEnd ? open.index : open.index + 1 + Math.floor((y - openEnd) / rowHeight);
  } else {
    index = Math.floor(y / rowHeight);
  }
  return Math.min(count - 1, Math.max(0, index));
}

export function visibleWindow({ count, rowHeight, scrollTop, viewportHeight, overscan, open }: WindowInput): VisibleWindow {
  const totalHeight = count * rowHeight + extra(open, count, rowHeight);
  if (count === 0) return { start: 0, end: 0, totalHeight };
  const first = indexAt(Math.max(0, scrollTop), count, rowHeight, open);
  const last = indexAt(Math.max(0, scrollTop + viewportHeight - 1), count, rowHeight, open);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan), totalHeight };
}

/**
 * The scroll position that brings row `index` fully into view with the least movement, or null if
 * it is. `margin` keeps that much of its neighbours visible too, so a cursor moving down a list
 * never sits on the very edge.
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  open: OpenRow | null,
  margin = 0,
): number | null {
  const space = Math.max(0, Math.min(margin, (viewportHeight - rowHeight) / 2));
  const top = rowOffset(index, rowHeight, open);
  const bottom = top + rowHeightAt(index, rowHeight, open);
  if (top - space < scrollTop) return Math.max(0, top - space);
  // A row taller than the viewport shows its top.
  if (bottom + space > scrollTop + viewportHeight) return Math.min(top, bottom + space - viewportHeight);
  return null;
}
