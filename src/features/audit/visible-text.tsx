import { visibleParts } from '../../lib/visible-text.ts';

export interface VisibleTextProps {
  value: string;
  /** Keep line feeds and tabs as layout (pretty-printed bodies). */
  multiline?: boolean;
}

/** Trace content as text, with control and bidi characters drawn as marked stand-ins. */
export function VisibleText({ value, multiline = false }: VisibleTextProps) {
  const parts = visibleParts(value, { multiline });
  if (parts.length === 1 && parts[0]?.kind === 'text') return value;
  return parts.map((part, index) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <span key={index} className="control-char" title={part.title}>
        {part.text}
      </span>
    ),
  );
}
