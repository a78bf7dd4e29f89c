import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS, type QueryNode } from './ast.ts';
import { parseQuery } from './parse.ts';
import { stripSpans, type BareQueryNode } from './print.ts';

const term = (value: string, field: string | null = null): BareQueryNode => ({ kind: 'term', field, value });
const phrase = (value: string, field: string | null = null): BareQueryNode => ({ kind: 'phrase', field, value });
const wild = (pattern: string, field: string | null = null): BareQueryNode => ({ kind: 'wildcard', field, pattern });
const and = (...children: BareQueryNode[]): BareQueryNode => ({ kind: 'and', children });
const or = (...children: BareQueryNode[]): BareQueryNode => ({ kind: 'or', children });
const not = (child: BareQueryNode): BareQueryNode => ({ kind: 'not', child });
const regex = (pattern: string, caseInsensitive = false, field: string | null = null): BareQueryNode => ({
  kind: 'regex',
  field,
  pattern,
  caseInsensitive,
});

function parsed(input: string): QueryNode {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`${JSON.stringify(input)}: ${result.error.message} at ${result.error.position}`);
  return result.ast;
}

const cases: [string, BareQueryNode][] = [
  // empty and blank
  ['', { kind: 'all' }],
  [' \t\n ', { kind: 'all' }],
  // terms keep their case; matching is case-insensitive in the compilers
  ['error', term('error')],
  ['ERROR', term('ERROR')],
  ['Müller 日本', and(term('Müller'), term('日本'))],
  ['a-b', term('a-b')],
  ['var/log', term('var/log')],
  ['10.0.0.0/8', term('10.0.0.0/8')],
  ['ANDROID ornament notice', and(term('ANDROID'), term('ornament'), term('notice'))],
  ['C:\\', { kind: 'term', field: 'C', value: '\\' }],
  // phrases
  ['"Failed password"', phrase('Failed password')],
  ['"say \\"hi\\" \\\\ now"', phrase('say "hi" \\ now')],
  ['"C:\\Windows\\System32"', phrase('C:\\Windows\\System32')],
  ['"a*b?"', phrase('a*b?')],
  ['a"b"', and(term('a'), phrase('b'))],
  // boolean operators, case-insensitive
  ['a b', and(term('a'), term('b'))],
  ['a AND b', and(term('a'), term('b'))],
  ['a and b', and(term('a'), term('b'))],
  ['a OR b', or(term('a'), term('b'))],
  ['a Or b', or(term('a'), term('b'))],
  ['NOT a', not(term('a'))],
  ['not a', not(term('a'))],
  ['-a', not(term('a'))],
  ['a -b', and(term('a'), not(term('b')))],
  ['a NOT b', and(term('a'), not(term('b')))],
  ['--a', not(not(term('a')))],
  ['NOT -a', not(not(term('a')))],
  ['a(b)', and(term('a'), term('b'))],
  ['(a)OR(b)', or(term('a'), term('b'))],
  // precedence: NOT > AND > OR
  ['a b OR c', or(and(term('a'), term('b')), term('c'))],
  ['a OR b c', or(term('a'), and(term('b'), term('c')))],
  ['a OR b AND c', or(term('a'), and(term('b'), term('c')))],
  ['NOT a b', and(not(term('a')), term('b'))],
  ['NOT a OR b', or(not(term('a')), term('b'))],
  ['(a OR b) c', and(or(term('a'), term('b')), term('c'))],
  ['-(a OR b) c', and(not(or(term('a'), term('b'))), term('c'))],
  ['NOT (a b)', not(and(term('a'), term('b')))],
  // flattening of same-kind nesting
  ['a (b c)', and(term('a'), term('b'), term('c'))],
  ['(a b) (c d)', and(term('a'), term('b'), term('c'), term('d'))],
  ['(a OR b) OR c', or(term('a'), term('b'), term('c'))],
  ['a OR (b OR (c OR d))', or(term('a'), term('b'), term('c'), term('d'))],
  ['a (b OR c)', and(term('a'), or(term('b'), term('c')))],
  ['((a))', term('a')],
  // fields
  ['level:error', term('error', 'level')],
  ['level:"warn now"', phrase('warn now', 'level')],
  ['request.method:GET', term('GET', 'request.method')],
  ['x-request-id:abc', term('abc', 'x-request-id')],
  ['level:and', term('and', 'level')],
  ['a:b:c', term('b:c', 'a')],
  ['url:http://x/y', term('http://x/y', 'url')],
  ['pathFile:var/log', term('var/log', 'pathFile')],
  ['level:-x', term('-x', 'level')],
  ['-level:debug', not(term('debug', 'level'))],
  ['AND:x', term('x', 'AND')],
  // numeric comparisons
  ['status>=500', { kind: 'compare', field: 'status', op: '>=', value: 500 }],
  ['status>500', { kind: 'compare', field: 'status', op: '>', value: 500 }],
  ['status<500', { kind: 'compare', field: 'status', op: '<', value: 500 }],
  ['status<=500', { kind: 'compare', field: 'status', op: '<=', value: 500 }],
  ['status=404', { kind: 'compare', field: 'status', op: '=', value: 404 }],
  ['status:>=500', { kind: 'compare', field: 'status', op: '>=', value: 500 }],
  ['status:=404', { kind: 'compare', field: 'status', op: '=', value: 404 }],
  ['status>=0500', { kind: 'compare', field: 'status', op: '>=', value: 500 }],
  ['latency_ms>1000.25', { kind: 'compare', field: 'latency_ms', op: '>', value: 1000.25 }],
  ['temp<-5', { kind: 'compare', field: 'temp', op: '<', value: -5 }],
  ['temp=-0', { kind: 'compare', field: 'temp', op: '=', value: 0 }],
  ['status:500', term('500', 'status')],
  // CIDR networks (address kept as written)
  ['hostIP:10.0.0.0/8', { kind: 'cidr', field: 'hostIP', address: '10.0.0.0', prefixLength: 8 }],
  ['hostIP:0.0.0.0/0', { kind: 'cidr', field: 'hostIP', address: '0.0.0.0', prefixLength: 0 }],
  ['hostIP:10.1.2.3/32', { kind: 'cidr', field: 'hostIP', address: '10.1.2.3', prefixLength: 32 }],
  ['hostIP:2001:DB8::/32', { kind: 'cidr', field: 'hostIP', address: '2001:DB8::', prefixLength: 32 }],
  ['hostIP:::/0', { kind: 'cidr', field: 'hostIP', address: '::', prefixLength: 0 }],
  ['hostIP:::ffff:10.0.0.0/104', { kind: 'cidr', field: 'hostIP', address: '::ffff:10.0.0.0', prefixLength: 104 }],
  ['hostIP:fe80::1/128', { kind: 'cidr', field: 'hostIP', address: 'fe80::1', prefixLength: 128 }],
  ['hostIP:10.0.0.1', term('10.0.0.1', 'hostIP')],
  // wildcards
  ['admin*', wild('admin*')],
  ['*admin*', wild('*admin*')],
  ['P?T', wild('P?T')],
  ['*', wild('*')],
  ['hostName:web-*', wild('web-*', 'hostName')],
  ['level:*', wild('*', 'level')],
  ['-level:*', not(wild('*', 'level'))],
  // regexes
  ['/err(or)?/', regex('err(or)?')],
  ['/Err/i', regex('Err', true)],
  ['msg:/a\\/b/', regex('a/b', false, 'msg')],
  ['/[/]x/', regex('[/]x')],
  ['/(?<user>\\w+)@/', regex('(?<user>\\w+)@')],
  ['/\\d+ ms/ slow', and(regex('\\d+ ms'), term('slow'))],
  ['/\\\\/', regex('\\\\')],
];

describe('parseQuery', () => {
  it.each(cases)('%j', (input, expected) => {
    expect(stripSpans(parsed(input))).toEqual(expected);
  });

  it('recognises real analyst queries', () => {
    const ast = parsed('level:error AND (hostName:web-* OR hostIP:10.0.0.0/8) NOT "health check" status>=500');
    expect(stripSpans(ast)).toEqual(
      and(
        term('error', 'level'),
        or(wild('web-*', 'hostName'), { kind: 'cidr', field: 'hostIP', address: '10.0.0.0', prefixLength: 8 }),
        not(phrase('health check')),
        { kind: 'compare', field: 'status', op: '>=', value: 500 },
      ),
    );
  });
});

describe('spans', () => {
  it('cover each leaf with its field', () => {
    expect(parsed('level:error').span).toEqual({ start: 0, end: 11 });
    expect(parsed('status>=500').span).toEqual({ start: 0, end: 11 });
    expect(parsed('  a  ').span).toEqual({ start: 2, end: 3 });
    expect(parsed('   ').span).toEqual({ start: 0, end: 3 });
  });

  it('run from the first to the last token of compound nodes', () => {
    const ast = parsed('x "p q" /r/i');
    expect(ast.span).toEqual({ start: 0, end: 12 });
    if (ast.kind !== 'and') throw new Error('expected and');
    expect(ast.children.map((child) => child.span)).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 7 },
      { start: 8, end: 12 },
    ]);
  });

  it('include the parentheses of a group, but a lone leaf keeps its own span', () => {
    const negated = parsed('NOT (a b)');
    expect(negated.span).toEqual({ start: 0, end: 9 });
    if (negated.kind !== 'not') throw new Error('expected not');
    expect(negated.child.span).toEqual({ start: 4, end: 9 });
    expect(parsed('(a)').span).toEqual({ start: 1, end: 2 });
    const grouped = parsed('(a OR b) c');
    expect(grouped.span).toEqual({ start: 0, end: 10 });
    if (grouped.kind !== 'and') throw new Error('expected and');
    expect(grouped.children[0]!.span).toEqual({ start: 0, end: 8 });
    expect(parsed('-a').span).toEqual({ start: 0, end: 2 });
  });
});

describe('limits', () => {
  it('accepts exactly maxTerms terms and refuses one more at its position', () => {
    const words = Array.from({ length: QUERY_LIMITS.maxTerms }, (_, index) => `w${index}`);
    expect(parseQuery(words.join(' ')).ok).toBe(true);
    const tooMany = [...words, 'extra'].join(' ');
    expect(parseQuery(tooMany)).toEqual({
      ok: false,
      error: { message: `too many terms (limit ${QUERY_LIMITS.maxTerms})`, position: tooMany.indexOf('extra'), length: 5 },
    });
  });

  it('accepts maxDepth levels of parentheses and refuses the next at the "("', () => {
    const depth = QUERY_LIMITS.maxDepth;
    expect(parseQuery(`${'('.repeat(depth)}a${')'.repeat(depth)}`).ok).toBe(true);
    const result = parseQuery(`${'('.repeat(depth + 1)}a${')'.repeat(depth + 1)}`);
    expect(result.ok ? null : result.error).toMatchObject({ message: expect.stringContaining('nested too deeply'), position: depth });
  });

  it('counts NOT as a level of nesting', () => {
    const depth = QUERY_LIMITS.maxDepth;
    expect(parseQuery(`${'-'.repeat(depth)}a`).ok).toBe(true);
    const result = parseQuery(`${'NOT '.repeat(depth + 1)}a`);
    expect(result.ok ? null : result.error).toMatchObject({ message: expect.stringContaining('nested too deeply'), position: depth * 4 });
  });

  it('refuses over-long queries, pointing past the limit', () => {
    const atLimit = 'a'.repeat(QUERY_LIMITS.maxQueryLength);
    expect(parseQuery(atLimit).ok).toBe(true);
    expect(parseQuery(`${atLimit}bcd`)).toEqual({
      ok: false,
      error: { message: `query too long (${QUERY_LIMITS.maxQueryLength + 3} characters, limit ${QUERY_LIMITS.maxQueryLength})`, position: QUERY_LIMITS.maxQueryLength, length: 3 },
    });
  });

  it('accepts a regex of exactly maxRegexLength characters', () => {
    expect(parseQuery(`/${'a'.repeat(QUERY_LIMITS.maxRegexLength)}/`).ok).toBe(true);
    expect(parseQuery(`/${'a'.repeat(QUERY_LIMITS.maxRegexLength + 1)}/`).ok).toBe(false);
  });

  it('never throws, even on hostile or non-string input', () => {
    const hostile = ['('.repeat(2000), '-'.repeat(1999) + 'a', '\u0000\uD800"', 'NOT '.repeat(500), `/${'('.repeat(300)}/`];
    for (const input of hostile) expect(() => parseQuery(input)).not.toThrow();
    expect(parseQuery(undefined as unknown as string)).toMatchObject({ ok: false });
    expect(parseQuery(42 as unknown as string)).toMatchObject({ ok: false });
  });
});
