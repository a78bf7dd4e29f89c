import { useEffect, useRef } from 'react';

export type SearchKeyAction = 'focus-query' | 'shortcuts' | 'next' | 'previous' | 'toggle' | 'context' | 'escape';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

function activatesNatively(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="button"], [role="option"]') !== null;
}

/**
 * Which view shortcut a key press is, or null. Keys typed into a text field belong to the field,
 * and Enter on a button or link keeps its own meaning (the row buttons open lines themselves).
 */
export function keyAction(input: KeyInput): SearchKeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (isTextEntry(input.target)) return null;
  switch (input.key) {
    case '/':
      return 'focus-query';
    case '?':
      return 'shortcuts';
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'c':
      return 'context';
    case 'Escape':
      return 'escape';
    case 'Enter':
      return activatesNatively(input.target) ? null : 'toggle';
    default:
      return null;
  }
}

/** Runs the view's shortcuts from anywhere on the page while `enabled` (not under a dialog). */
export function useSearchKeys(run: (action: SearchKeyAction) => boolean, enabled: boolean): void {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = keyAction(event);
      if (action && runRef.current(action)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
