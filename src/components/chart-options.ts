/**
 * Option pieces every Vigil chart shares, so time charts behave and look alike and tooltip text
 * is made safe in one place. Used with the single ECharts wrapper (chart.tsx).
 */
import { visibleString } from '../lib/visible-text.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * ECharts puts tooltip text into the page as HTML: every data-derived string goes through here,
 * which also makes control and bidi characters visible, as everywhere else in Vigil.
 */
export function tooltipText(value: string): string {
  return visibleString(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A horizontal brush across the time axis: drag to select a window to zoom into. */
export const TIME_BRUSH = {
  xAxisIndex: 0,
  brushType: 'lineX',
  brushMode: 'single',
  transformable: false,
  throttleType: 'debounce',
  brushStyle: { color: 'var(--chart-brush)', borderColor: 'var(--accent)', borderWidth: 1 },
  outOfBrush: { colorAlpha: 0.35 },
} as const;

/** Dispatched after rendering: dragging over the plot brushes at once, without a toolbox. */
export const BRUSH_CURSOR_ACTION = {
  type: 'takeGlobalCursor',
  key: 'brush',
  brushOption: { brushType: 'lineX', brushMode: 'single' },
} as const;
