import { useState } from 'react';
import './filter-input.css';

export interface FilterInputProps {
  /** Accessible name, e.g. "Filter log groups by name". */
  label: string;
  placeholder?: string;
  /** The applied value, usually read from the URL. */
  value: string;
  onChange: (value: string) => void;
}

/**
 * A search box whose value lives in the URL. It keeps its own copy of the text because a URL
 * update lands after the keystroke, and a controlled input fed only by the URL would lose the
 * caret position; a change of the URL from outside (back button) still wins.
 */
export function FilterInput({ label, placeholder, value, onChange }: FilterInputProps) {
  const [text, setText] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setText(value);
  }
  return (
    <input
      type="search"
      className="filter-input"
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(event.target.value);
      }}
    />
  );
}
