/**
 * Validation of `/regex/` terms. Regexes are run by a linear-time engine (RE2-style automata)
 * so a hostile pattern cannot stall a search; that rules out the two JavaScript features that
 * need backtracking: backreferences and lookaround. Syntax is checked with the host's own
 * `RegExp` (available in browsers and Node alike), which accepts a superset of what is left.
 */

import { QUERY_LIMITS, type QueryError } from './ast.ts';

export type RegexResult = { ok: true; pattern: string; caseInsensitive: boolean } | { ok: false; error: QueryError };

interface RegexToken {
  start: number;
  end: number;
  /** The text between the slashes as typed. */
  raw: string;
  flags: string;
  flagsStart: number;
}

const LINEAR_ONLY = 'regexes run on a linear-time engine';

/** `\/` is only needed to keep a slash from ending the literal; the pattern itself holds a plain `/`. */
export function unescapeSlashes(raw: string): string {
  let pattern = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char === '\\' && raw[index + 1] === '/') {
      pattern += '/';
      index++;
    } else if (char === '\\' && index + 1 < raw.length) {
      pattern += char + raw[index + 1];
      index++;
    } else {
      pattern += char;
    }
  }
  return pattern;
}

/** The inverse of `unescapeSlashes`: every `/` not already escaped gets a backslash. */
export function escapeSlashes(pattern: string): string {
  let raw = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) {
      raw += char + pattern[index + 1];
      index++;
    } else {
      raw += char === '/' ? '\\/' : char;
    }
  }
  return raw;
}

function error(message: string, position: number, length: number): RegexResult {
  return { ok: false, error: { message, position, length: Math.max(1, length) } };
}

/** The first construct a linear-time engine cannot run, with its offset in `raw`. */
function findUnsupported(raw: string): { message: string; offset: number; length: number } | null {
  let inClass = false;
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char === '\\') {
      const next = raw[index + 1] ?? '';
      if (!inClass && next >= '1' && next <= '9') {
        return { message: `backreferences ("\\${next}") are not supported: ${LINEAR_ONLY}`, offset: index, length: 2 };
      }
      if (!inClass && next === 'k' && raw[index + 2] === '<') {
        const close = raw.indexOf('>', index);
        const length = close < 0 ? 3 : close - index + 1;
        return { message: `named backreferences ("\\k<name>") are not supported: ${LINEAR_ONLY}`, offset: index, length };
      }
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(' && raw[index + 1] === '?') {
      const rest = raw.slice(index + 2, index + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) {
        return { message: `lookahead ("(?${rest[0]}") is not supported: ${LINEAR_ONLY}`, offset: index, length: 3 };
      }
      if (rest === '<=' || rest === '<!') {
        return { message: `lookbehind ("(?${rest}") is not supported: ${LINEAR_ONLY}`, offset: index, length: 4 };
      }
    }
  }
  return null;
}

export function checkRegex(token: RegexToken): RegexResult {
  const span = token.end - token.start;
  for (let index = 0; index < token.flags.length; index++) {
    const flag = token.flags[index]!;
    if (flag !== 'i') {
      return error(`unsupported regex flag "${flag}": only "i" (ignore case) is allowed; quote text that starts with "/"`, token.flagsStart + index, 1);
    }
    if (index > 0) return error('regex flag "i" is given twice', token.flagsStart + index, 1);
  }

  const pattern = unescapeSlashes(token.raw);
  if (pattern.length === 0) return error('empty regex: write a pattern between the slashes', token.start, span);
  if (pattern.length > QUERY_LIMITS.maxRegexLength) {
    return error(`regex too long (${pattern.length} characters, limit ${QUERY_LIMITS.maxRegexLength})`, token.start, span);
  }

  const unsupported = findUnsupported(token.raw);
  if (unsupported) return error(unsupported.message, token.start + 1 + unsupported.offset, unsupported.length);

  try {
    new RegExp(pattern, token.flags);
  } catch (cause) {
    // Engines phrase this as "Invalid regular expression: /(/: Unterminated group"; keep the reason.
    const text = cause instanceof Error ? cause.message : String(cause);
    const reason = text.slice(text.lastIndexOf(': ') + 1).trim() || 'syntax error';
    return error(`invalid regex: ${reason}`, token.start, span);
  }
  return { ok: true, pattern, caseInsensitive: token.flags === 'i' };
}
