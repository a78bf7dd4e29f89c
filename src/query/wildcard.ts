/**
 * Glob matching for wildcard terms: `*` is any run of characters (possibly empty), `?` exactly one
 * character (one code point, so an emoji counts as one). Case-insensitive.
 *
 * No backtracking: the pattern is split at `*` into segments, the first is anchored at the start,
 * the last at the end, and each middle segment takes its leftmost occurrence after the previous one
 * (leftmost is always safe: it leaves the most text for what follows). Segments without `?` are
 * found with Knuth–Morris–Pratt, so the usual patterns (`admin*`, `*admin*`, `*.log`) run in time
 * linear in pattern + text; a segment containing `?` is compared position by position, which is
 * bounded by segment length × text length and never exponential.
 */

/** Lower-cases one code point, keeping it when lower-casing would change its length (`İ` → `i̇`). */
function fold(char: string): string {
  const lower = char.toLowerCase();
  return lower.length === char.length ? lower : char;
}

function matchesAt(segment: readonly string[], text: readonly string[], at: number): boolean {
  for (let index = 0; index < segment.length; index++) {
    const want = segment[index];
    if (want !== '?' && want !== text[at + index]) return false;
  }
  return true;
}

function failureTable(segment: readonly string[]): number[] {
  const table = new Array<number>(segment.length).fill(0);
  let length = 0;
  for (let index = 1; index < segment.length; index++) {
    while (length > 0 && segment[index] !== segment[length]) length = table[length - 1]!;
    if (segment[index] === segment[length]) length++;
    table[index] = length;
  }
  return table;
}

/** Leftmost start ≥ `from` where `segment` matches and ends at or before `limit`, or -1. */
function findSegment(segment: readonly string[], text: readonly string[], from: number, limit: number): number {
  if (segment.includes('?')) {
    for (let at = from; at + segment.length <= limit; at++) if (matchesAt(segment, text, at)) return at;
    return -1;
  }
  const table = failureTable(segment);
  let matched = 0;
  for (let index = from; index < limit; index++) {
    while (matched > 0 && text[index] !== segment[matched]) matched = table[matched - 1]!;
    if (text[index] === segment[matched]) matched++;
    if (matched === segment.length) return index - segment.length + 1;
  }
  return -1;
}

/** Case-insensitive glob match of the whole `text` against `pattern` (`*` any run, `?` one character). */
export function matchesWildcard(pattern: string, text: string): boolean {
  if (typeof pattern !== 'string' || typeof text !== 'string') return false;
  const chars = Array.from(text, fold);
  const segments: string[][] = [[]];
  for (const char of Array.from(pattern, fold)) {
    if (char === '*') segments.push([]);
    else segments[segments.length - 1]!.push(char);
  }
  const first = segments[0]!;
  if (segments.length === 1) return first.length === chars.length && matchesAt(first, chars, 0);

  const last = segments[segments.length - 1]!;
  const end = chars.length - last.length;
  if (first.length > end) return false;
  if (!matchesAt(first, chars, 0) || !matchesAt(last, chars, end)) return false;
  let position = first.length;
  for (let index = 1; index < segments.length - 1; index++) {
    const segment = segments[index]!;
    if (segment.length === 0) continue;
    const found = findSegment(segment, chars, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}
