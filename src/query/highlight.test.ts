import { describe, expect, it } from 'vitest';
import { highlightTokens, type HighlightToken } from './highlight.ts';
import { parseQuery } from './parse.ts';

function pieces(query: string, tokens: HighlightToken[]): [string, string][] {
  return tokens.map((token) => [query.slice(token.start, token.end), token.kind]);
}

describe('highlightTokens', () => {
  it('classifies every kind of token', () => {
    const query = 'level:error AND (admin* OR "a b") -x status>=500 /re/i';
    expect(pieces(query, highlightTokens(query))).toEqual([
      ['level:', 'field'],
      ['error', 'term'],
      ['AND', 'operator'],
      ['(', 'paren'],
      ['admin*', 'wildcard'],
      ['OR', 'operator'],
      ['"a b"', 'phrase'],
      [')', 'paren'],
      ['-', 'operator'],
      ['x', 'term'],
      ['status>=', 'field'],
      ['500', 'number'],
      ['/re/i', 'regex'],
    ]);
  });

  it('covers text that does not parse', () => {
    const query = 'a :b status>=x "open';
    expect(pieces(query, highlightTokens(query))).toEqual([
      ['a', 'term'],
      [':', 'error'],
      ['b', 'term'],
      ['status>=', 'field'],
      ['x', 'error'],
      ['"open', 'error'],
    ]);
  });

  it('paints a parse error over the tokens it covers, splitting them', () => {
    const query = 'a OR';
    const result = parseQuery(query);
    if (result.ok) throw new Error('expected an error');
    expect(pieces(query, highlightTokens(query, result.error))).toEqual([
      ['a', 'term'],
      ['OR', 'error'],
    ]);
    const split = highlightTokens('abcdef', { message: 'x', position: 2, length: 2 });
    expect(pieces('abcdef', split)).toEqual([
      ['ab', 'term'],
      ['cd', 'error'],
      ['ef', 'term'],
    ]);
    expect(highlightTokens('ab', { message: 'at the end', position: 2, length: 1 })).toEqual(highlightTokens('ab'));
  });
});
