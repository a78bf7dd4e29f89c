import { useState } from 'react';

export interface TextFilterProps {
  /** The applied text, from the URL. */
  value: string;
  onApply: (value: string) => void;
}

/**
 * Part of a resource name (the trace API's `resource_name`, case-insensitive); operations are
 * picked from their facet. It applies on Enter or when the field is left, not
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
        aria-label="Resource name contains"
        placeholder="Resource name contains…"
        maxLength={256}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
      />
    </form>
  );
}
