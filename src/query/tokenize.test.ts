import { describe, expect, it } from 'vitest';
import { isBareWord, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('lexes a field value in value mode, so colons and slashes stay inside it', () => {
    expect(tokenize('hostIP:2001:db8::/32 (x)')).toEqual([
      { kind: 'field', start: 0, end: 7, name: 'hostIP', op: ':' },
      { kind: 'word', start: 7, end: 20, text: '2001:db8::/32' },
      { kind: 'lparen', start: 21, end: 22 },
      { kind: 'word', start: 22, end: 23, text: 'x' },
      { kind: 'rparen', start: 23, end: 24 },
    ]);
  });

  it('reads comparison operators with or without a colon', () => {
    expect(tokenize('a:>=1 b<2 c=-3').filter((token) => token.kind === 'field')).toEqual([
      { kind: 'field', start: 0, end: 4, name: 'a', op: '>=' },
      { kind: 'field', start: 6, end: 8, name: 'b', op: '<' },
      { kind: 'field', start: 10, end: 12, name: 'c', op: '=' },
    ]);
  });

  it('keeps escapes of quotes and backslashes only, and escaped slashes in regexes', () => {
    expect(tokenize('"a\\"b\\\\c\\d" /x\\/y[/]/i')).toEqual([
      { kind: 'phrase', start: 0, end: 11, value: 'a"b\\c\\d' },
      { kind: 'regex', start: 12, end: 22, raw: 'x\\/y[/]', flags: 'i', flagsStart: 21 },
    ]);
  });

  it('treats "-" as negation only at the start of a term, and operator words only whole', () => {
    expect(tokenize('-a b-c AND android').map((token) => token.kind)).toEqual(['minus', 'word', 'word', 'and', 'word']);
  });
});

describe('isBareWord', () => {
  it.each([
    ['error', 'content', true],
    ['var/log', 'content', true],
    ['-x', 'content', false],
    ['/x', 'content', false],
    ['a:b', 'content', false],
    ['OR', 'content', false],
    ['a b', 'content', false],
    ['', 'content', false],
    ['a:b', 'value', true],
    ['-x', 'value', true],
    ['OR', 'value', true],
    ['>5', 'value', false],
    ['/x', 'value', false],
    ['a"b', 'value', false],
  ] as const)('%j in %s mode → %s', (text, mode, expected) => {
    expect(isBareWord(text, mode)).toBe(expected);
  });
});
