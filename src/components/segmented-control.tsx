import { useId, type ReactNode } from 'react';
import './segmented-control.css';

export interface SegmentedOption<V extends string> {
  value: V;
  label: string;
  /** When given, the icon is shown and the label is kept for screen readers and the tooltip. */
  icon?: ReactNode;
}

export interface SegmentedControlProps<V extends string> {
  /** Names the group for assistive technology, e.g. "Theme". */
  legend: string;
  value: V;
  options: ReadonlyArray<SegmentedOption<V>>;
  onChange: (value: V) => void;
}

/** A radio group drawn as a segmented switch: native arrow-key navigation, one tab stop. */
export function SegmentedControl<V extends string>({ legend, value, options, onChange }: SegmentedControlProps<V>) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="segmented__option" title={option.icon ? option.label : undefined}>
          <input
            className="segmented__input"
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
            aria-label={option.icon ? option.label : undefined}
          />
          {option.icon ?? option.label}
        </label>
      ))}
    </fieldset>
  );
}
