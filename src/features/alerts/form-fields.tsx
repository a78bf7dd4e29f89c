import { useState, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

export function Field({ label, hint, children, wide }: FieldProps) {
  return (
    <label className={wide ? 'rule-field rule-field--wide' : 'rule-field'}>
      <span className="rule-field__label">{label}</span>
      {children}
      {hint !== undefined && <span className="rule-field__hint">{hint}</span>}
    </label>
  );
}

/** A number typed as text, so a half-typed value is not snapped back while typing. */
export function NumberField({ label, value, onChange, min, max, step, hint }: { label: string; value: number; onChange: (value: number) => void; min?: number; max?: number; step?: number; hint?: ReactNode }) {
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  // A new value from outside (a type switch, a restored draft) replaces what is typed.
  if (seen !== value) {
    setSeen(value);
    if (Number(text) !== value) setText(String(value));
  }
  return (
    <Field label={label} hint={hint}>
      <input
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? 'any'}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = Number(event.target.value);
          if (event.target.value.trim() !== '' && Number.isFinite(parsed)) onChange(parsed);
        }}
      />
    </Field>
  );
}

/** A comma-separated list of names. */
export function ListField({ label, value, onChange, placeholder, hint, wide }: { label: string; value: readonly string[]; onChange: (value: string[]) => void; placeholder?: string; hint?: ReactNode; wide?: boolean }) {
  const [text, setText] = useState(value.join(', '));
  const [seen, setSeen] = useState(value.join('\u0000'));
  const key = value.join('\u0000');
  if (seen !== key) {
    setSeen(key);
    if (split(text).join('\u0000') !== key) setText(value.join(', '));
  }
  return (
    <Field label={label} hint={hint} wide={wide}>
      <input
        value={text}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value);
          onChange(split(event.target.value));
        }}
      />
    </Field>
  );
}

function split(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
