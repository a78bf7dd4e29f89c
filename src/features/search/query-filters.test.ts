import { describe, expect, it } from 'vitest';
import { addFilter, extraFacetFields, filterClause, filterState, removeFilter } from './query-filters.ts';

describe('filterClause', () => {
  it('writes a field filter, quoting values that are not plain words', () => {
    expect(filterClause('level', 'ERROR', 'include')).toBe('level:ERROR');
    expect(filterClause('hostName', 'ecs-bastion-01', 'exclude')).toBe('NOT hostName:ecs-bastion-01');
    expect(filterClause('user', 'John Doe', 'include')).toBe('user:"John Doe"');
    expect(filterClause('path', 'a"b', 'include')).toBe('path:"a\\"b"');
  });
});

describe('addFilter', () => {
  it('starts a query or appends to one in the analyst’s own words', () => {
    expect(addFilter('', 'level', 'WARN', 'include')).toBe('level:WARN');
    expect(addFilter('"Failed password"   185.220.101.47', 'hostName', 'ecs-bastion-01', 'include')).toBe(
      '"Failed password"   185.220.101.47 hostName:ecs-bastion-01',
    );
    expect(addFilter('error', 'level', 'DEBUG', 'exclude')).toBe('error NOT level:DEBUG');
  });

  it('wraps a top-level OR, which juxtaposition would otherwise split', () => {
    expect(addFilter('timeout OR refused', 'level', 'ERROR', 'include')).toBe('(timeout OR refused) level:ERROR');
  });

  it('leaves a filter that is already there, and switches its mode in place', () => {
    expect(addFilter('error level:ERROR', 'level', 'error', 'include')).toBe('error level:ERROR');
    expect(addFilter('error AND level:ERROR AND sshd', 'level', 'ERROR', 'exclude')).toBe('error AND NOT level:ERROR AND sshd');
    expect(addFilter('-level:ERROR', 'level', 'ERROR', 'include')).toBe('level:ERROR');
  });

  it('appends to a query that does not parse, so the error stays visible', () => {
    expect(addFilter('level:', 'app', 'sshd', 'include')).toBe('level: app:sshd');
  });
});

describe('removeFilter', () => {
  it('cuts the clause and the AND that joined it', () => {
    expect(removeFilter('error AND level:ERROR AND sshd', 'level', 'ERROR')).toBe('error AND sshd');
    expect(removeFilter('level:ERROR AND error', 'level', 'ERROR')).toBe('error');
    expect(removeFilter('error NOT level:DEBUG', 'level', 'DEBUG')).toBe('error');
    expect(removeFilter('level:ERROR', 'level', 'ERROR')).toBe('');
  });

  it('leaves queries without that filter as they are', () => {
    expect(removeFilter('level:ERROR OR level:WARN', 'level', 'ERROR')).toBe('level:ERROR OR level:WARN');
    expect(removeFilter('(broken', 'level', 'ERROR')).toBe('(broken');
  });
});

describe('filterState', () => {
  it('tells included from excluded values at the top level', () => {
    expect(filterState('error level:ERROR', 'level', 'ERROR')).toBe('include');
    expect(filterState('error NOT hostName:"web 1"', 'hostName', 'web 1')).toBe('exclude');
    expect(filterState('level:ERROR OR x', 'level', 'ERROR')).toBeNull();
    expect(filterState('', 'level', 'ERROR')).toBeNull();
  });
});

describe('extraFacetFields', () => {
  it('counts the fields a query names beyond the usual ones', () => {
    expect(extraFacetFields('status>=500 AND level:ERROR AND method:POST AND hostname:x')).toEqual(['status', 'method']);
    expect(extraFacetFields('(broken')).toEqual([]);
  });
});
