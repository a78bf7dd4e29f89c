/**
 * Log lines and trace fields are attacker-controlled: a resource name can carry a right-to-left
 * override that makes "gpj.exe" read as "exe.jpg", an ANSI escape or other control characters can
 * hide part of a value. Splitting text into plain runs and stand-ins lets every view draw such
 * characters visibly instead of letting them act: Unicode control pictures for C0 (`␛`, `␊`), `␡`
 * for DEL, `⟨U+202E⟩` for everything without a picture. One definition for every view.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'control'; text: string; title: string };

const C0_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

/**
 * C0 and C1 controls, DEL, bidi marks, embeddings, overrides and isolates, line and paragraph
 * separators, zero-width space, word joiner and invisible operators, BOM. Zero-width (non-)joiners
 * stay: scripts and emoji need them to read right.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const SPECIAL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function controlStandIn(char: string): { text: string; title: string } {
  const code = char.charCodeAt(0);
  const name = C0_NAMES[code];
  const title = name ? `${name} (${codePoint(code)})` : codePoint(code);
  if (code < 0x20) return { text: String.fromCharCode(0x2400 + code), title };
  if (code === 0x7f) return { text: '\u2421', title };
  return { text: `\u27e8${codePoint(code)}\u27e9`, title };
}

// A non-global twin for yes/no tests: test() on the global one would move its lastIndex, which
// matchAll() then starts from.
const ANY_SPECIAL = new RegExp(SPECIAL_CHARACTERS.source);

export function hasSpecialCharacters(text: string): boolean {
  return ANY_SPECIAL.test(text);
}

export interface VisibleOptions {
  /** Keep line feeds and tabs as layout (pretty-printed JSON, multi-line bodies). */
  multiline?: boolean;
}

export function visibleParts(value: string, { multiline = false }: VisibleOptions = {}): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of value.matchAll(SPECIAL_CHARACTERS)) {
    const char = match[0];
    if (multiline && (char === '\n' || char === '\t')) continue;
    if (match.index > last) parts.push({ kind: 'text', text: value.slice(last, match.index) });
    parts.push({ kind: 'control', ...controlStandIn(char) });
    last = match.index + 1;
  }
  if (last < value.length) parts.push({ kind: 'text', text: value.slice(last) });
  return parts;
}

/** The same, flattened to one string: for canvas labels, tooltips and `title` attributes. */
export function visibleString(value: string): string {
  return visibleParts(value)
    .map((part) => part.text)
    .join('');
}
