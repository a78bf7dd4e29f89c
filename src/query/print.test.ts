import { describe, expect, it } from 'vitest';
import type { QueryNode } from './ast.ts';
import { formatNumber } from './leaf.ts';
import { parseQuery } from './parse.ts';
import { printQuery, stripSpans } from './print.ts';

const span = { start: 0, end: 0 };

function canonical(input: string): string {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(result.error.message);
  return printQuery(result.ast);
}

describe('printQuery', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['error', 'error'],
    ['a b', 'a AND b'],
    ['a and b or c', 'a AND b OR c'],
    ['a (b OR c)', 'a AND (b OR c)'],
    ['-a', 'NOT a'],
    ['--a', 'NOT NOT a'],
    ['-(a b)', 'NOT (a AND b)'],
    ['not (a or b)', 'NOT (a OR b)'],
    ['(a b) OR c', 'a AND b OR c'],
    ['((a))', 'a'],
    ['"say \\"hi\\"" "C:\\dir"', '"say \\"hi\\"" AND "C:\\\\dir"'],
    ['level:"a b"', 'level:"a b"'],
    ['status:>=500', 'status>=500'],
    ['status:=404', 'status=404'],
    ['x>00012.50', 'x>12.5'],
    ['hostIP:2001:DB8::/032', 'hostIP:2001:DB8::/32'],
    ['msg:/a\\/b/i', 'msg:/a\\/b/i'],
    ['/[/]/', '/[\\/]/'],
    ['level:and', 'level:and'],
  ])('%j prints as %j', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it('prints a term that cannot be a bare word as the closest phrase', () => {
    const node = (value: string, field: string | null = null): QueryNode => ({ kind: 'term', field, value, span });
    expect(printQuery(node('AND'))).toBe('"AND"');
    expect(printQuery(node('a b'))).toBe('"a b"');
    expect(printQuery(node('-x'))).toBe('"-x"');
    expect(printQuery(node('a*'))).toBe('"a*"');
    expect(printQuery(node('-x', 'level'))).toBe('level:-x');
    expect(printQuery(node('>5', 'level'))).toBe('level:">5"');
    expect(printQuery(node('10.0.0.0/8', 'hostIP'))).toBe('hostIP:"10.0.0.0/8"');
  });

  it('prints hand-built shapes the parser never makes as the closest query', () => {
    const a: QueryNode = { kind: 'term', field: null, value: 'a', span };
    const b: QueryNode = { kind: 'term', field: null, value: 'b', span };
    expect(printQuery({ kind: 'and', children: [a, { kind: 'and', children: [a, b], span }], span })).toBe('a AND (a AND b)');
    expect(printQuery({ kind: 'or', children: [a, { kind: 'all', span }], span })).toBe('a OR *');
    expect(printQuery({ kind: 'and', children: [a], span })).toBe('a');
  });

  it('writes numbers without exponents so they parse back exactly', () => {
    for (const value of [0, 1, -1, 0.5, -0.25, 1e21, 1.5e300, -2.5e-7, 5e-324, Number.MAX_SAFE_INTEGER, 123456789.123]) {
      const text = formatNumber(value);
      expect(text).not.toMatch(/e/i);
      expect(Number(text)).toBe(value);
      const ast: QueryNode = { kind: 'compare', field: 'n', op: '<', value, span };
      const again = parseQuery(printQuery(ast));
      expect(again.ok && stripSpans(again.ast)).toEqual(stripSpans(ast));
    }
  });
});

describe('stripSpans', () => {
  it('removes spans at every depth and copies the tree', () => {
    const result = parseQuery('a (b OR -c)');
    if (!result.ok) throw new Error(result.error.message);
    const bare = stripSpans(result.ast);
    expect(JSON.stringify(bare)).not.toContain('span');
    expect(bare).toEqual(stripSpans(result.ast));
    expect(stripSpans({ kind: 'all', span })).toEqual({ kind: 'all' });
  });
});
