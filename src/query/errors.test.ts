import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from './ast.ts';
import { parseQuery } from './parse.ts';

const longRegex = `/${'a'.repeat(300)}/`;
const hugeNumber = `status>${'9'.repeat(400)}`;

/** [input, message (exact, or a fragment when it ends with "…"), position, length] */
const cases: [string, string, number, number][] = [
  ['status:', 'expected a value after "status:"', 0, 7],
  ['status: 500', 'expected a value after "status:" (no space between a field and its value)', 0, 7],
  ['(level:)', 'expected a value after "level:"', 1, 6],
  ['status>=', 'expected a value after "status>="', 0, 8],
  ['status>=abc', 'expected a number after "status>=", found "abc"', 8, 3],
  ['status>="500"', 'expected a number after "status>=", found ""500""', 8, 5],
  ['level=error', 'expected a number after "level=", found "error" (to match text write level:error)', 6, 5],
  [hugeNumber, 'number too large: 9999…', 7, 400],
  ['"abc', 'unclosed quote: add a closing "', 0, 4],
  ['level:"abc', 'unclosed quote: add a closing "', 6, 4],
  ['""', 'empty quotes: there is nothing to search for', 0, 2],
  ['host:"  "', 'empty quotes: there is nothing to search for (to find lines without host, write NOT host:*)', 0, 9],
  ['a (b', 'missing closing parenthesis: this "(" is never closed', 2, 1],
  ['(', 'missing closing parenthesis: this "(" is never closed', 0, 1],
  ['a)', 'unexpected ")": there is no "(" to close', 1, 1],
  ['(a))', 'unexpected ")": there is no "(" to close', 3, 1],
  ['()', 'empty parentheses: put a term between them', 0, 2],
  ['a OR', 'expected a term after "OR"', 2, 2],
  ['OR a', 'expected a term before "OR"', 0, 2],
  ['a AND OR b', 'expected a term after "AND", found "OR"', 6, 2],
  ['(a and)', 'expected a term after "and", found ")"', 6, 1],
  ['error NOT', 'expected a term after "NOT"', 6, 3],
  ['- a', 'expected a term right after "-" (no space between, e.g. -debug)', 0, 1],
  ['a -', 'expected a term right after "-" (no space between, e.g. -debug)', 2, 1],
  ['a && b', 'use AND instead of "&&"', 2, 2],
  ['a || b', 'use OR instead of "||"', 2, 2],
  [':error', 'unexpected ":": a field name must come right before it…', 0, 1],
  ['>=500', 'unexpected ">=": a comparison needs a field before it, e.g. status>=500', 0, 2],
  ['12:30', 'invalid field name "12"…', 0, 3],
  ['*x:y', 'invalid field name "*x"…', 0, 3],
  ['/(a)\\1/', 'backreferences ("\\1") are not supported: regexes run on a linear-time engine', 4, 2],
  ['/(?<n>a)\\k<n>/', 'named backreferences ("\\k<name>") are not supported…', 8, 5],
  ['/(?=a)b/', 'lookahead ("(?=") is not supported…', 1, 3],
  ['x /a(?!b)/', 'lookahead ("(?!") is not supported…', 4, 3],
  ['/(?<=a)b/', 'lookbehind ("(?<=") is not supported…', 1, 4],
  ['/(?<!a)b/', 'lookbehind ("(?<!") is not supported…', 1, 4],
  ['/abc/g', 'unsupported regex flag "g": only "i" (ignore case) is allowed…', 5, 1],
  ['pathFile:/var/log/messages', 'unsupported regex flag "l"…', 14, 1],
  ['/abc/ii', 'regex flag "i" is given twice', 6, 1],
  ['/a(/', 'invalid regex: …', 0, 4],
  ['/a{2,1}/', 'invalid regex: …', 0, 8],
  ['//', 'empty regex: write a pattern between the slashes', 0, 2],
  ['/abc', 'unclosed regex: add a closing "/"', 0, 4],
  [longRegex, `regex too long (300 characters, limit ${QUERY_LIMITS.maxRegexLength})`, 0, 302],
  ['hostIP:10.0.0.0/33', 'invalid prefix length "/33": IPv4 networks take /0 to /32', 16, 2],
  ['hostIP:2001:db8::/129', 'invalid prefix length "/129": IPv6 networks take /0 to /128', 18, 3],
  ['hostIP:10.0.0.0/x', 'invalid prefix length "/x"…', 16, 1],
  ['hostIP:10.0.0.256/8', 'invalid IPv4 address "10.0.0.256" in network 10.0.0.256/8', 7, 10],
  ['hostIP:010.0.0.1/8', 'invalid IPv4 address "010.0.0.1"…', 7, 9],
  ['hostIP:2001:db8:::1/64', 'invalid IPv6 address "2001:db8:::1"…', 7, 12],
];

describe('parse errors', () => {
  const titled = cases.map(([input, ...rest]) => [input.length > 40 ? `${input.slice(0, 40)}…` : input, input, ...rest] as const);
  it.each(titled)('%j', (_title, input, message, position, length) => {
    const result = parseQuery(input);
    if (result.ok) throw new Error(`expected an error for ${JSON.stringify(input)}`);
    if (message.endsWith('…')) expect(result.error.message.startsWith(message.slice(0, -1))).toBe(true);
    else expect(result.error.message).toBe(message);
    expect({ position: result.error.position, length: result.error.length }).toEqual({ position, length });
  });

  it('reports the first problem from the left', () => {
    const result = parseQuery('a) "unclosed');
    expect(result.ok ? null : result.error.position).toBe(1);
  });
});
