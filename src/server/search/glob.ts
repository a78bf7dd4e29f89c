/**
 * Wildcards on content (`admin*`, `*admin*`, `*.php`, `10.0.1.*`). `*` is any run of characters,
 * `?` one character, case-insensitive. A side without `*` is anchored at a token boundary, as a
 * word is: `admin*` matches "administrator" and "user=admin1" but not "sysadmin"; `*admin*`
 * matches inside words too. Token characters are ASCII letters and digits and every non-ASCII
 * character (the index's unicode61 tokenizer also treats non-ASCII punctuation as a separator;
 * that edge is the one place the two can differ).
 *
 * Field values use whole-value globbing instead (`matchesWildcard` from src/query).
 */
import { compileLinearRegex, foldCase } from './linear-regex.ts';

const TOKEN = '0-9a-z\\u0080-\\uffff';
const START_ANCHOR = `(?:^|[^${TOKEN}])`;
const END_ANCHOR = `(?:[^${TOKEN}]|$)`;
const TOKEN_CHAR = /^[0-9a-z\u0080-\uffff]$/;

function isTokenChar(char: string): boolean {
  return TOKEN_CHAR.test(char);
}

/** Collapses `**` and folds case: the canonical pattern every consumer works from. */
export function normalizeGlob(pattern: string): string {
  return foldCase(pattern).replace(/\*{2,}/g, '*');
}

function literal(char: string): string {
  const code = char.charCodeAt(0);
  if (code > 0x7e || code < 0x20) return `\\u${code.toString(16).padStart(4, '0')}`;
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

function anchors(glob: string): { start: boolean; end: boolean } {
  const first = glob[0] ?? '*';
  const last = glob[glob.length - 1] ?? '*';
  return { start: first === '?' || isTokenChar(first), end: last === '?' || isTokenChar(last) };
}

/** Regex source (for a folded subject) that finds the glob inside content. */
export function contentGlobSource(pattern: string): string {
  const glob = normalizeGlob(pattern);
  const anchor = anchors(glob);
  let body = '';
  for (const char of glob) body += char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : literal(char);
  return (anchor.start ? START_ANCHOR : '') + body + (anchor.end ? END_ANCHOR : '');
}

/** A matcher for content: true when the glob occurs in the text. */
export function contentGlobMatcher(pattern: string): (text: string) => boolean {
  const compiled = compileLinearRegex(contentGlobSource(pattern), false);
  if (!compiled.ok) throw new Error(`wildcard ${pattern} could not be compiled: ${compiled.message}`);
  const { regex } = compiled;
  return (text) => regex.test(foldCase(text));
}

/** `admin*`: a single ASCII word with one trailing star, which the full-text index answers itself. */
export function ftsPrefixOf(pattern: string): string | null {
  const match = /^([A-Za-z0-9]+)\*+$/.exec(pattern);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * A LIKE pattern every match must satisfy (the longest ASCII literal run, at least 3 characters),
 * so SQLite's C scan can reject most rows before the regex runs; null when there is none. LIKE
 * is case-insensitive for ASCII only, hence ASCII only.
 */
export function likePrefilter(pattern: string): string | null {
  let best = '';
  for (const run of normalizeGlob(pattern).split(/[*?]/)) {
    if (run.length > best.length && /^[\x20-\x7e]+$/.test(run)) best = run;
  }
  if (best.length < 3) return null;
  return `%${best.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Regex source for highlighting: the glob's core, without leading stars, to the end of the token. */
export function contentGlobHighlightSource(pattern: string): { source: string; startAnchor: boolean; endAnchor: boolean } | null {
  const glob = normalizeGlob(pattern);
  const core = glob.replace(/^\*+/, '');
  if (core === '' || core === '*') return null;
  const anchor = anchors(glob);
  const trailingStar = core.endsWith('*');
  const body = (trailingStar ? core.slice(0, -1) : core)
    .split('')
    .map((char) => (char === '*' ? '[\\s\\S]*?' : char === '?' ? '[\\s\\S]' : literal(char)))
    .join('');
  const source = (anchor.start ? START_ANCHOR : '') + body + (trailingStar ? `[${TOKEN}]*` : anchor.end ? END_ANCHOR : '');
  return { source, startAnchor: anchor.start, endAnchor: anchor.end && !trailingStar };
}

export { isTokenChar };
