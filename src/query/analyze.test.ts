import { describe, expect, it } from 'vitest';
import type { QueryNode } from './ast.ts';
import { ipInCidr, isMatchAll, matchesWildcard, parseIpAddress, positiveTerms, queryFields } from './analyze.ts';
import { parseQuery } from './parse.ts';

function parsed(input: string): QueryNode {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

describe('queryFields', () => {
  it('lists each referenced field once, in order, including negated ones', () => {
    expect(queryFields(parsed('level:error status>=500 (hostIP:10.0.0.0/8 OR -level:warn) msg:/x/ "free text"'))).toEqual([
      'level',
      'status',
      'hostIP',
      'msg',
    ]);
    expect(queryFields(parsed('just words'))).toEqual([]);
  });
});

describe('isMatchAll', () => {
  it('is true only for the empty query', () => {
    expect(isMatchAll(parsed(''))).toBe(true);
    expect(isMatchAll(parsed('  '))).toBe(true);
    expect(isMatchAll(parsed('*'))).toBe(false);
    expect(isMatchAll(parsed('a'))).toBe(false);
    const span = { start: 0, end: 0 };
    const all: QueryNode = { kind: 'all', span };
    const term: QueryNode = { kind: 'term', field: null, value: 'a', span };
    expect(isMatchAll({ kind: 'or', children: [term, all], span })).toBe(true);
    expect(isMatchAll({ kind: 'and', children: [term, all], span })).toBe(false);
  });
});

describe('positiveTerms', () => {
  it('collects terms, phrases and wildcards outside NOT, once each', () => {
    const ast = parsed('error "Failed password" admin* level:error -debug NOT (x OR y) /re/ status>=500 error');
    expect(positiveTerms(ast)).toEqual([
      { field: null, kind: 'term', value: 'error' },
      { field: null, kind: 'phrase', value: 'Failed password' },
      { field: null, kind: 'wildcard', value: 'admin*' },
      { field: 'level', kind: 'term', value: 'error' },
    ]);
  });
});

describe('matchesWildcard', () => {
  it.each([
    ['admin*', 'administrator', true],
    ['admin*', 'admin', true],
    ['admin*', 'xadmin', false],
    ['*admin*', 'sysadmins', true],
    ['*admin', 'sysadmin', true],
    ['*admin', 'sysadmins', false],
    ['ADMIN*', 'Administrator', true],
    ['P?T', 'PUT', true],
    ['P?T', 'PT', false],
    ['P?T', 'POST', false],
    ['?', '日', true],
    ['?', '😀', true],
    ['a?c', 'a😀c', true],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['**', 'anything', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['*ab*ab*', 'xabyab', true],
    ['*aab', 'aaab', true],
    ['*a?b*', 'xxaQbyy', true],
    ['*a?b', 'ab', false],
    ['*.log', '/var/log/syslog.LOG', true],
    ['ab*ba', 'aba', false],
  ])('%j ~ %j → %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('stays fast on inputs that make backtracking matchers explode', () => {
    const text = 'a'.repeat(100_000);
    const started = performance.now();
    expect(matchesWildcard(`${'*a'.repeat(50)}*b`, text)).toBe(false);
    expect(matchesWildcard(`*${'a'.repeat(1000)}b*`, text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('ipInCidr', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0', 8, true],
    ['11.1.2.3', '10.0.0.0', 8, false],
    ['192.168.1.255', '192.168.1.0', 24, true],
    ['192.168.2.0', '192.168.1.0', 24, false],
    ['10.0.0.1', '10.0.0.1', 32, true],
    ['10.0.0.2', '10.0.0.1', 32, false],
    ['1.2.3.4', '0.0.0.0', 0, true],
    ['172.31.255.255', '172.16.0.0', 12, true],
    ['172.32.0.0', '172.16.0.0', 12, false],
    ['10.1.2.3', '10.9.9.9', 8, true],
    ['2001:db8::1', '2001:db8::', 32, true],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::', 32, true],
    ['2001:db9::1', '2001:db8::', 32, false],
    ['::1', '::1', 128, true],
    ['::2', '::1', 128, false],
    ['fe80::1%eth0', 'fe80::', 10, true],
    ['::', '::', 0, true],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::', 0, true],
    ['2001:db8::7f', '2001:db8::', 121, true],
    ['2001:db8::80', '2001:db8::', 121, false],
    ['::ffff:10.1.2.3', '10.0.0.0', 8, true],
    ['10.1.2.3', '::ffff:10.0.0.0', 104, true],
    ['::ffff:11.1.2.3', '10.0.0.0', 8, false],
    ['2001:db8::1', '10.0.0.0', 8, false],
    ['10.1.2.3', '2001:db8::', 32, false],
    ['1:2:3:4:5:6:7.8.9.10', '1:2:3:4:5:6::', 96, true],
    ['not an ip', '10.0.0.0', 8, false],
    ['10.0.0.1', 'nope', 8, false],
    ['10.0.0.1', '10.0.0.0', 33, false],
    ['10.0.0.1', '10.0.0.0', -1, false],
    ['10.0.0.1', '10.0.0.0', 8.5, false],
    ['010.0.0.1', '10.0.0.0', 8, false],
    ['10.0.0', '10.0.0.0', 8, false],
    ['10.0.0.256', '10.0.0.0', 8, false],
    ['1::2::3', '::', 0, false],
    ['1:2:3:4:5:6:7:8:9', '::', 0, false],
    ['12345::', '::', 0, false],
  ])('%s in %s/%d → %s', (ip, address, prefix, expected) => {
    expect(ipInCidr(ip, address, prefix)).toBe(expected);
  });

  it('parses addresses to bytes', () => {
    expect(parseIpAddress('10.0.0.1')).toEqual([10, 0, 0, 1]);
    expect(parseIpAddress('::1')).toEqual([...new Array<number>(15).fill(0), 1]);
    expect(parseIpAddress('1:2:3:4:5:6:7::')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]);
    expect(parseIpAddress('::ffff:1.2.3.4')?.slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    for (const bad of ['', ':', ':::', '1:2', ':1::', '1::2:', '1.2.3.4::', 'g::', '1.2.3', '1.2.3.4.5', '1.2.3.-4']) {
      expect(parseIpAddress(bad)).toBeNull();
    }
  });
});
