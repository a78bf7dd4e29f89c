import { useEffect, useId, useRef, useState } from 'react';
import { formatCount } from '../../lib/format.ts';
import { VisibleText } from './visible-text.tsx';

export interface FacetValue {
  value: string;
  count: number;
}

export interface FacetSelectProps {
  title: string;
  /** The most frequent values with their counts (each facet ignores its own selection). */
  values: readonly FacetValue[];
  /** How many different values matched; more than `values.length` means the list was cut. */
  distinct: number;
  selected: readonly string[];
  onToggle: (value: string) => void;
  onClear: () => void;
  /** True while counts for the current filters are loading. */
  pending?: boolean;
}

/**
 * A multi-select facet: a button that opens a list of values with their counts. Selected values
 * stay listed even when they are not among the most frequent, so they can always be unticked.
 */
export function FacetSelect({ title, values, distinct, selected, onToggle, onClear, pending = false }: FacetSelectProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const listed = new Set(values.map((item) => item.value));
  const rows: { value: string; count: number | null }[] = [
    ...selected.filter((value) => !listed.has(value)).map((value) => ({ value, count: null })),
    ...values,
  ];

  return (
    <div
      className="facet"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          // Close this list only; the page's Esc (close the drawer) must not fire too.
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className={`facet__button${selected.length > 0 ? ' facet__button--active' : ''}`}
        aria-label={selected.length > 0 ? `${title}, ${selected.length} selected` : title}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {title}
        {selected.length > 0 && <span className="facet__count">{selected.length}</span>}
        <span className="facet__chevron" aria-hidden="true" />
      </button>
      {open && (
        <div className="facet__menu" id={listId} role="group" aria-label={`${title} values`}>
          {rows.length === 0 ? (
            <p className="facet__empty">{pending ? 'Counting…' : 'No values in this window.'}</p>
          ) : (
            <ul className="facet__list">
              {rows.map((row) => (
                <li key={row.value}>
                  <label className="facet__option">
                    <input type="checkbox" checked={selected.includes(row.value)} onChange={() => onToggle(row.value)} />
                    <span className="facet__value">
                      <VisibleText value={row.value} />
                    </span>
                    <span className="facet__number">{row.count === null ? '–' : formatCount(row.count)}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <footer className="facet__footer">
            <span>{distinct > values.length ? `Top ${values.length} of ${formatCount(distinct)}` : `${formatCount(distinct)} ${distinct === 1 ? 'value' : 'values'}`}</span>
            {selected.length > 0 && (
              <button type="button" className="facet__clear" onClick={onClear}>
                Clear
              </button>
            )}
          </footer>
        </div>
      )}
    </div>
  );
}
