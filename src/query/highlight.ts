/**
 * Token classes for syntax highlighting in the search box. Works on any text, parsable or not:
 * the lexer never fails, and a parse error handed in is painted over the tokens it covers.
 */

import type { QueryError } from './ast.ts';
import { parseNumber } from './leaf.ts';
import { tokenize, type Token } from './tokenize.ts';

export type HighlightKind = 'field' | 'operator' | 'term' | 'phrase' | 'wildcard' | 'number' | 'regex' | 'paren' | 'error';

/** Half-open range [start, end) of the query text and how to colour it. */
export interface HighlightToken {
  start: number;
  end: number;
  kind: HighlightKind;
}

function classify(token: Token, previous: Token | undefined): HighlightKind {
  switch (token.kind) {
    case 'field':
      return 'field';
    case 'and':
    case 'or':
    case 'not':
    case 'minus':
      return 'operator';
    case 'lparen':
    case 'rparen':
      return 'paren';
    case 'phrase':
      return 'phrase';
    case 'regex':
      return 'regex';
    case 'error':
      return 'error';
    case 'word': {
      const compared = previous?.kind === 'field' && previous.op !== ':' && previous.end === token.start;
      if (compared) return parseNumber(token.text) === null ? 'error' : 'number';
      return /[*?]/.test(token.text) ? 'wildcard' : 'term';
    }
  }
}

/**
 * Sorted, non-overlapping ranges covering every non-whitespace character of `query` (whitespace
 * between tokens is left uncoloured). Pass the error from `parseQuery` to have its span marked
 * `error`, splitting the tokens it overlaps.
 */
export function highlightTokens(query: string, error?: QueryError): HighlightToken[] {
  if (typeof query !== 'string') return [];
  const tokens = tokenize(query);
  const ranges = tokens.map((token, index): HighlightToken => ({ start: token.start, end: token.end, kind: classify(token, tokens[index - 1]) }));
  if (!error) return ranges;

  const start = Math.max(0, Math.min(error.position, query.length));
  const end = Math.min(query.length, start + Math.max(1, error.length));
  if (start >= end) return ranges;
  const result: HighlightToken[] = [];
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) {
      result.push(range);
      continue;
    }
    if (range.start < start) result.push({ ...range, end: start });
    if (range.end > end) result.push({ ...range, start: end });
  }
  result.push({ start, end, kind: 'error' });
  return result.sort((a, b) => a.start - b.start);
}
