/**
 * Pretty-printed JSON for the expanded line. Structured loggers write whole-line JSON; many others
 * put a JSON payload after a prefix (`2026-11-26T02:05:01Z INFO {"user":…}`), so the first `{`
 * that starts a parsable object up to the end of the line counts too.
 */

/** Parsing a huge line on every expand would stall the page; such lines are shown as text only. */
export const MAX_JSON_CHARS = 256 * 1024;

export interface JsonView {
  /** Text before the JSON, e.g. a timestamp and level; empty for whole-line JSON. */
  prefix: string;
  pretty: string;
}

export function prettyJson(content: string): JsonView | null {
  if (content.length > MAX_JSON_CHARS) return null;
  const trimmed = content.trimEnd();
  if (!trimmed.endsWith('}') && !trimmed.endsWith(']')) return null;
  const trimmedStart = trimmed.trimStart();
  if (trimmedStart.startsWith('{') || trimmedStart.startsWith('[')) {
    const whole = parse(trimmedStart);
    if (whole !== undefined) return { prefix: '', pretty: whole };
  }
  const brace = trimmed.indexOf('{');
  if (brace <= 0 || !trimmed.endsWith('}')) return null;
  const tail = parse(trimmed.slice(brace));
  return tail === undefined ? null : { prefix: trimmed.slice(0, brace).trimEnd(), pretty: tail };
}

function parse(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    // A bare number or string is not worth a second rendering of the same text.
    if (value === null || typeof value !== 'object') return undefined;
    return JSON.stringify(value, null, 2);
  } catch {
    return undefined;
  }
}
