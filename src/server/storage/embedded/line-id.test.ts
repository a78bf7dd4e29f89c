import { describe, expect, it } from 'vitest';
import { MAX_LINE_TIME, SEQ_PER_MS, idOfLineNum, lineNumOf } from './line-id.ts';

describe('line numbers', () => {
  it('are 19-digit, nanosecond-like strings that round-trip to the id', () => {
    const time = Date.UTC(2024, 10, 26, 9, 12, 3, 456);
    const id = time * SEQ_PER_MS + 12;
    expect(lineNumOf(id)).toBe(`${time}000012`);
    expect(idOfLineNum(lineNumOf(id))).toBe(id);
    expect(lineNumOf(5 * SEQ_PER_MS)).toBe('0000000000005000000');
    expect(lineNumOf(MAX_LINE_TIME * SEQ_PER_MS + 1023)).toMatch(/^\d{19}$/);
  });

  it('sort as strings in id order', () => {
    const ids = [1_000 * SEQ_PER_MS + 1023, 1_001 * SEQ_PER_MS, 999_999_999_999 * SEQ_PER_MS, 1_000_000_000_000 * SEQ_PER_MS];
    const nums = ids.map(lineNumOf);
    expect([...nums].sort()).toEqual(nums);
  });

  it('rejects strings that are not line numbers', () => {
    expect(() => idOfLineNum('12')).toThrow(/expected 19 digits/);
    expect(() => idOfLineNum('1732609123456999999')).toThrow(/sequence out of range/);
  });
});
