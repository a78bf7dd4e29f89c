import { useEffect, useRef } from 'react';
import { stepIndex } from './model.ts';

export interface TraceKeysOptions {
  /** Trace ids in table order. */
  ids: readonly string[];
  activeId: string | null;
  openId: string | null;
  /** The first row on screen, where j/k start when nothing is active. */
  firstVisible: () => number;
  setActive: (traceId: string) => void;
  open: (traceId: string) => void;
  close: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Where Enter belongs to us rather than to a focused button or link. */
function isNeutral(target: EventTarget | null): boolean {
  return !(target instanceof HTMLElement) || target === document.body || target.getAttribute('role') === 'grid';
}

/**
 * The table's keys, anywhere on the page except while typing: j/k (and the arrow keys on the
 * table) move through operations, and while the drawer is open it follows; Enter opens the
 * active one; Esc closes the drawer.
 */
export function useTraceKeys(options: TraceKeysOptions): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const { ids, activeId, openId, firstVisible, setActive, open, close } = latest.current;
      const onGrid = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'grid';
      const step = event.key === 'j' || (onGrid && event.key === 'ArrowDown') ? 1 : event.key === 'k' || (onGrid && event.key === 'ArrowUp') ? -1 : 0;
      if (step !== 0) {
        const current = activeId === null ? -1 : ids.indexOf(activeId);
        const next = ids[stepIndex(current, step, ids.length, current < 0 ? firstVisible() : 0)];
        if (next === undefined) return;
        event.preventDefault();
        setActive(next);
        if (openId !== null && next !== openId) open(next);
      } else if (event.key === 'Enter' && activeId !== null && isNeutral(event.target)) {
        event.preventDefault();
        open(activeId);
      } else if (event.key === 'Escape' && openId !== null) {
        event.preventDefault();
        close();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
