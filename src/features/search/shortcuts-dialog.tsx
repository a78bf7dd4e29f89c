import { useEffect, useRef } from 'react';
import '../../components/button.css';

export interface ShortcutsDialogProps {
  onClose: () => void;
}

export const SHORTCUTS: ReadonlyArray<[keys: string[], what: string]> = [
  [['/'], 'Focus the query'],
  [['Enter'], 'Run the query (in the query) · open or close the line (in the results)'],
  [['↓', '↑', 'Tab'], 'Pick an autocomplete suggestion'],
  [['j'], 'Next line'],
  [['k'], 'Previous line'],
  [['c'], 'Show the line in context'],
  [['Esc'], 'Close the context, the open line or this list'],
  [['?'], 'Show these shortcuts'],
];

/** The keyboard shortcuts of the search view (`?`). */
export function ShortcutsDialog({ onClose }: ShortcutsDialogProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div
        className="shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
          // Keep Tab inside: the only control is the close button.
          if (event.key === 'Tab') event.preventDefault();
        }}
      >
        <h2 id="shortcuts-title" className="shortcuts__title">
          Keyboard shortcuts
        </h2>
        <dl className="shortcuts__list">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="shortcuts__item">
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
