import { LineContent } from './line-content.tsx';
import type { Suggestion } from './suggestions.ts';

export interface SuggestionListProps {
  id: string;
  suggestions: readonly Suggestion[];
  /** Index of the highlighted option, or -1. */
  active: number;
  onChoose: (suggestion: Suggestion) => void;
}

/** The autocomplete popup of the query input (ARIA listbox; the input keeps the focus). */
export function SuggestionList({ id, suggestions, active, onChoose }: SuggestionListProps) {
  return (
    <ul id={id} role="listbox" aria-label="Suggestions" className="suggestions" hidden={suggestions.length === 0}>
      {suggestions.map((suggestion, index) => (
        <li
          key={`${suggestion.insert}-${index}`}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className="suggestions__item"
          // mousedown, not click: choosing must not blur the input first.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(suggestion);
          }}
        >
          <span className="suggestions__label">
            <LineContent content={suggestion.label} limit={200} />
          </span>
          {suggestion.detail && <span className="suggestions__detail">{suggestion.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
