import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Button } from '../../components/button.tsx';
import { parseQuery, type QueryError } from '../../query/index.ts';
import { markSearchEnter } from './perf-marks.ts';
import { QueryHighlight } from './query-highlight.tsx';
import { SuggestionList } from './suggestion-list.tsx';
import './query-bar.css';
import { applySuggestion, suggest, type Suggestion, type SuggestionCatalog } from './suggestions.ts';

export interface QueryBarProps {
  /** The query that ran (from the URL); a change from outside (back button) replaces the text. */
  value: string;
  onRun: (query: string) => void;
  catalog: SuggestionCatalog;
  /** The server's objection to the query that ran, if it had one. */
  serverError: QueryError | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The query input: a real textarea (label "Search query") with transparent text over a coloured
 * copy of itself, so it reads and edits like any input while showing tokens and errors in place.
 * Enter runs the search; problems are shown before anything is sent.
 */
export function QueryBar({ value, onRun, catalog, serverError, inputRef }: QueryBarProps) {
  const [text, setText] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setText(value);
  }
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(-1);
  const pendingCaret = useRef<number | null>(null);
  const errorId = useId();
  const listId = useId();

  const parsed = useMemo(() => parseQuery(text), [text]);
  const error = !parsed.ok ? parsed.error : text === value ? serverError : null;
  const suggestions = useMemo(
    () => (focused && !dismissed ? suggest(text, caret, catalog) : []),
    [focused, dismissed, text, caret, catalog],
  );
  const activeIndex = active < suggestions.length ? active : -1;

  useEffect(() => {
    const input = inputRef.current;
    if (pendingCaret.current === null || !input) return;
    input.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const edit = (next: string, at: number) => {
    setText(next);
    setCaret(at);
    setActive(-1);
    setDismissed(false);
  };

  const choose = (suggestion: Suggestion) => {
    const result = applySuggestion(text, suggestion);
    pendingCaret.current = result.caret;
    edit(result.query, result.caret);
  };

  const run = () => {
    if (!parsed.ok) return;
    setDismissed(true);
    markSearchEnter(text);
    onRun(text.trim());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const open = suggestions.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((activeIndex + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive(activeIndex <= 0 ? suggestions.length - 1 : activeIndex - 1);
    } else if (event.key === 'Tab' && open && !event.shiftKey) {
      event.preventDefault();
      choose(suggestions[Math.max(0, activeIndex)]!);
    } else if (event.key === 'Enter') {
      // One line only: Enter never inserts a line break.
      event.preventDefault();
      if (open && activeIndex >= 0) choose(suggestions[activeIndex]!);
      else run();
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setDismissed(true);
      } else {
        event.currentTarget.blur();
      }
    }
  };

  return (
    <div className="query-bar">
      <div className="query-bar__row">
        <div className={`query-bar__field${error ? ' query-bar__field--error' : ''}`}>
          <QueryHighlight text={text} error={error} />
          <textarea
            ref={inputRef}
            className="query-bar__input"
            rows={1}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-label="Search query"
            placeholder='Search, e.g. "Failed password" AND level:WARN — press / to focus, Enter to run'
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={suggestions.length > 0}
            aria-controls={listId}
            aria-activedescendant={activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            aria-keyshortcuts="/"
            value={text}
            onChange={(event) => {
              // Pasted line breaks become spaces: the language treats them alike, the box stays one query.
              const next = event.target.value.replace(/[\r\n]+/g, ' ');
              edit(next, event.target.selectionStart ?? next.length);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onKeyDown={onKeyDown}
          />
          <SuggestionList id={listId} suggestions={suggestions} active={activeIndex} onChoose={choose} />
        </div>
        {/* Stands out while the text differs from the query the results are for. */}
        <Button
          variant={text.trim() === value ? 'default' : 'primary'}
          className="query-bar__run"
          onClick={run}
          disabled={!parsed.ok}
          title={text.trim() === value ? 'Run the search again (Enter)' : 'Run this query (Enter)'}
        >
          Search
        </Button>
      </div>
      {/* Polite, not an alert: it changes with every keystroke while a query is half typed. */}
      <p className="query-bar__error" id={errorId} aria-live="polite" hidden={error === null || suggestions.length > 0}>
        {error && (
          <>
            <span className="query-bar__error-where">at character {error.position + 1}:</span> {error.message}
          </>
        )}
      </p>
    </div>
  );
}
