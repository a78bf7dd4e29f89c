import { useState } from 'react';

export interface TextFilterProps {
  /** The applied text, from the URL. */
  value: string;
  onApply: (value: string) => void;
}

/**
 * Part of an operation or resource name (the trace API's `text`, case-insensitive: a trace
 * matches when its trace_name or its resource_name contains it). It applies on Enter or when the field is left, not
 * per keystroke: each change is a query against the trail. A change of the URL from outside
 * (back button, a pivot) replaces the draft.
 */
export function TextFilter({ value, onApply }: TextFilterProps) {
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setDraft(value);
  }
  const apply = () => {
    if (draft.trim() !== value.trim()) onApply(draft.trim());
  };
  return (
    <form
      className="text-filter"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <input
        type="search"
        aria-label="Operation or resource contains"
        placeholder="Operation or resource contains…"
        maxLength={256}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
      />
    </form>
  );
}
