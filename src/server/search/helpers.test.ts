import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../query/ast.ts';
import { parseQuery } from '../../query/index.ts';
import { bucketCount, bucketGrid, chooseBucketSize } from './buckets.ts';
import { CursorError, decodeCursor, encodeCursor } from './cursor.ts';
import { fieldValue, parsedField } from './fields.ts';
import { highlightFinders, highlightLine } from './highlight.ts';

function ast(text: string): QueryNode {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
}

function marks(query: string, content: string): string[] {
  return highlightLine(highlightFinders(ast(query)), content).map((range) => content.slice(range.start, range.end));
}

describe('histogram buckets', () => {
  it('gives 60 to 120 buckets for every window from a minute to 400 days', () => {
    const start = Date.UTC(2026, 0, 1, 13, 7, 11);
    for (let range = 60_000; range <= 400 * 86_400_000; range = Math.ceil(range * 1.07)) {
      const size = chooseBucketSize(start, start + range);
      const count = bucketCount(start, start + range, size);
      expect(count, `range ${range} → size ${size}`).toBeGreaterThanOrEqual(60);
      expect(count, `range ${range} → size ${size}`).toBeLessThanOrEqual(120);
    }
  });

  it('lays the grid on multiples of the size, clipped to the window', () => {
    const grid = bucketGrid(1_000_500, 1_300_000, 100_000);
    expect(grid).toEqual([
      { start: 1_000_500, end: 1_100_000 },
      { start: 1_100_000, end: 1_200_000 },
      { start: 1_200_000, end: 1_300_000 },
    ]);
    expect(chooseBucketSize(0, 7 * 86_400_000)).toBe(2 * 3_600_000);
  });
});

describe('cursors', () => {
  const query = { q: 'failed', from: 1, to: 2, groups: ['b', 'a'], order: 'newest' as const };

  it('carry the position and window, for the same query only', () => {
    const cursor = encodeCursor(query, { position: '123', from: 10, to: 20 });
    expect(decodeCursor(cursor, { ...query, groups: ['a', 'b'] })).toEqual({ position: '123', from: 10, to: 20 });
    expect(() => decodeCursor(cursor, { ...query, q: 'other' })).toThrow(CursorError);
    expect(() => decodeCursor(cursor, { ...query, order: 'oldest' })).toThrow(/another query/);
    expect(() => decodeCursor('bm9wZQ', query)).toThrow(CursorError);
  });
});

describe('fields read from content', () => {
  it('finds JSON keys, key=value pairs and access-log fields, labels first', () => {
    expect(parsedField('{"level":"error","latency_ms":812,"msg":"a \\"b\\""}', 'latency_ms')).toBe('812');
    expect(parsedField('{"msg":"a \\"b\\""}', 'msg')).toBe('a "b"');
    expect(parsedField('sudo: x ; USER=root ; COMMAND=/bin/ls', 'USER')).toBe('root');
    expect(parsedField('GET /x rt=0.123 urt=-', 'rt')).toBe('0.123');
    const access = '1.2.3.4 - - [20/Nov/2026:10:00:00 +0000] "POST /api/v1/cart HTTP/1.1" 503 0 "-" "curl"';
    expect([parsedField(access, 'status'), parsedField(access, 'method'), parsedField(access, 'path'), parsedField(access, 'bytes')]).toEqual(['503', 'POST', '/api/v1/cart', '0']);
    expect(parsedField('no fields here', 'status')).toBeNull();
    expect(fieldValue({ status: '200' }, access, 'status')).toBe('200');
    expect(fieldValue({ hostName: 'web-1' }, '', 'HOSTNAME')).toBe('web-1');
  });
});

describe('highlights', () => {
  it('mark words, phrases, wildcards and regexes, not negated terms', () => {
    expect(marks('failed', 'Failed password; FAILED again, unfailed')).toEqual(['Failed', 'FAILED']);
    expect(marks('"failed password"', 'Failed  password for x')).toEqual(['Failed  password']);
    expect(marks('admin*', 'user=admin1 sysadmin Administrator')).toEqual(['admin1', 'Administrator']);
    expect(marks('*dmin*', 'sysadmin')).toEqual(['dmin']);
    expect(marks('/f[a-z]+d/i', 'Failed Fold')).toEqual(['Failed', 'Fold']);
    expect(marks('/F[a-z]+d/', 'Failed fold')).toEqual(['Failed']);
    expect(marks('error -timeout', 'error timeout')).toEqual(['error']);
    expect(marks('level:ERROR', 'ERROR')).toEqual([]);
  });

  it('merge overlapping ranges and keep offsets with case-changing characters', () => {
    expect(marks('pass* password', 'password')).toEqual(['password']);
    expect(marks('stanbul', 'İ stanbul')).toEqual(['stanbul']);
  });
});
