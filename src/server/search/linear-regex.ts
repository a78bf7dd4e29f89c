/**
 * User regexes (and the regexes wildcards turn into) must not be able to stall a search. V8 has a
 * linear-time engine, but measured on Node 24 it is ~150x slower than the backtracking one
 * (11 µs vs 70 ns per 120-character line) and it refuses the `i` flag. So:
 *  - a pattern is accepted only if the linear engine can compile it (flag `l`): no backreferences,
 *    lookaround or large counted repeats;
 *  - it then runs on the normal engine with V8's fallback switched on: after
 *    BACKTRACKS_BEFORE_FALLBACK backtracks in one exec V8 reruns that exec on the linear engine,
 *    so common patterns stay fast and hostile ones stay linear;
 *  - case-insensitivity is done by folding: the subject is lower-cased (length-preserving, so
 *    match positions stay valid for highlights) and the pattern is rewritten to match lower case.
 *    Using the `i` flag instead would disable the fallback (verified: 1 s for (x+x+)+y /i).
 * The flags are process-wide and only add this protection; they are set once on import, in every
 * thread that runs user patterns.
 */
import { setFlagsFromString } from 'node:v8';

const BACKTRACKS_BEFORE_FALLBACK = 10_000;

setFlagsFromString('--enable-experimental-regexp-engine');
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
setFlagsFromString(`--regexp-backtracks-before-fallback=${BACKTRACKS_BEFORE_FALLBACK}`);

/** One UTF-16 unit lower-cased, kept when lower-casing would change the length (`İ`). */
function foldUnit(unit: string): string {
  const lower = unit.toLowerCase();
  return lower.length === 1 ? lower : unit;
}

/** Lower case with the same length as the input, so offsets in the result are offsets in the input. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let index = 0; index < text.length; index++) out += foldUnit(text[index]!);
  return out;
}

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/** Escapes whose letter is a class or assertion, not a literal: their case is their meaning. */
const MEANINGFUL_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 'r', 't', 'f', 'v', '0']);

/** One escape at `index` (a backslash): its source, the next index, and its code when it is a literal. */
function readEscape(pattern: string, index: number): { source: string; next: number; code: number | null } {
  const letter = pattern[index + 1] ?? '';
  const hex = letter === 'x' ? /^[0-9a-fA-F]{2}/.exec(pattern.slice(index + 2)) : letter === 'u' ? /^[0-9a-fA-F]{4}/.exec(pattern.slice(index + 2)) : null;
  if (hex) return { source: pattern.slice(index, index + 2 + hex[0].length), next: index + 2 + hex[0].length, code: parseInt(hex[0], 16) };
  if (letter === 'c' && /[A-Za-z]/.test(pattern[index + 2] ?? '')) return { source: pattern.slice(index, index + 3), next: index + 3, code: null };
  if (MEANINGFUL_ESCAPES.has(letter) || letter === '') return { source: pattern.slice(index, index + 2), next: index + 2, code: null };
  // An identity escape (`\.`, `\Q`): the character itself.
  return { source: pattern.slice(index, index + 2), next: index + 2, code: letter.charCodeAt(0) };
}

/** Source matching the folded form of one literal code unit. */
function foldedLiteral(code: number): string {
  return hex4(foldUnit(String.fromCharCode(code)).charCodeAt(0));
}

/** Extra members so a range written for upper case also matches the folded (lower-case) subject. */
function foldedRange(low: number, high: number): string {
  const upperLow = Math.max(low, 0x41);
  const upperHigh = Math.min(high, 0x5a);
  let extra = upperLow <= upperHigh ? `${hex4(upperLow + 32)}-${hex4(upperHigh + 32)}` : '';
  // Non-ASCII ranges: add the folded form of each code unit when the range is small.
  if (high > 0x7f && high - Math.max(low, 0x80) < 512) {
    for (let code = Math.max(low, 0x80); code <= high; code++) {
      const folded = foldUnit(String.fromCharCode(code)).charCodeAt(0);
      if (folded !== code && (folded < low || folded > high)) extra += hex4(folded);
    }
  }
  return extra;
}

/** One class member at `index`: a literal code (range endpoint candidate) or a class escape. */
function readClassItem(pattern: string, index: number): { source: string; next: number; code: number | null } {
  if (pattern[index] === '\\') return readEscape(pattern, index);
  return { source: pattern[index]!, next: index + 1, code: pattern.charCodeAt(index) };
}

/** Rewrites a character class body (after `[` or `[^`) for a folded subject; returns [source, index of `]`]. */
function foldClass(pattern: string, start: number): [string, number] {
  let out = '';
  let index = start;
  // A `]` right at the start is a literal member in JavaScript's non-unicode syntax only when
  // escaped; an unescaped one ends the (empty) class, so the loop simply stops there.
  while (index < pattern.length && pattern[index] !== ']') {
    const low = readClassItem(pattern, index);
    index = low.next;
    const isRange = pattern[index] === '-' && index + 1 < pattern.length && pattern[index + 1] !== ']';
    if (isRange && low.code !== null) {
      const high = readClassItem(pattern, index + 1);
      index = high.next;
      if (high.code !== null) {
        out += `${hex4(low.code)}-${hex4(high.code)}${foldedRange(low.code, high.code)}`;
        continue;
      }
      out += `${hex4(low.code)}\\-${high.source}`;
      continue;
    }
    out += low.code === null ? low.source : foldedLiteral(low.code);
  }
  return [out, index];
}

/**
 * The pattern rewritten so that, run without `i` on foldCase(subject), it matches what the
 * original matches case-insensitively (ASCII exactly; other scripts where lower-casing is 1:1).
 */
export function foldPattern(pattern: string): string {
  let out = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === '\\') {
      const escape = readEscape(pattern, index);
      out += escape.code === null ? escape.source : foldedLiteral(escape.code);
      index = escape.next;
    } else if (char === '[') {
      const negated = pattern[index + 1] === '^';
      const [body, end] = foldClass(pattern, index + (negated ? 2 : 1));
      out += `[${negated ? '^' : ''}${body}]`;
      index = end + 1;
    } else if (char === '(' && pattern[index + 1] === '?' && pattern[index + 2] === '<' && /[A-Za-z_$]/.test(pattern[index + 3] ?? '')) {
      // Group names are identifiers, not text to match: copy them as written.
      const close = pattern.indexOf('>', index);
      const end = close < 0 ? pattern.length : close + 1;
      out += pattern.slice(index, end);
      index = end;
    } else {
      out += foldUnit(char);
      index++;
    }
  }
  return out;
}

export type LinearRegexResult = { ok: true; regex: RegExp; folded: boolean } | { ok: false; message: string };

/**
 * Compiles a user pattern for matching: refused (with the engine's reason) unless it can run in
 * linear time. `global` adds the g flag (highlights need every match).
 */
export function compileLinearRegex(pattern: string, caseInsensitive: boolean, global = false): LinearRegexResult {
  try {
    // The structure decides linearity, so the pattern as written is what the engine must accept.
    new RegExp(pattern, 'l');
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const reason = text.slice(text.lastIndexOf(': ') + 1).trim();
    return {
      ok: false,
      message: /linear time/i.test(reason)
        ? 'this regex cannot run on the linear-time engine (counted repeats like {1,100}, backreferences and lookaround are not supported)'
        : `invalid regex: ${reason}`,
    };
  }
  const source = caseInsensitive ? foldPattern(pattern) : pattern;
  return { ok: true, regex: new RegExp(source, global ? 'g' : ''), folded: caseInsensitive };
}

/** Test helper semantics in one place: does the compiled regex match `text`? */
export function testLinear(compiled: { regex: RegExp; folded: boolean }, text: string): boolean {
  compiled.regex.lastIndex = 0;
  return compiled.regex.test(compiled.folded ? foldCase(text) : text);
}
