import { describe, expect, it } from 'vitest';
import { compileLinearRegex, foldCase, foldPattern, testLinear } from './linear-regex.ts';

const SUBJECTS = [
  'Failed password for ADMIN from 10.0.0.1',
  'GET /API/v1/Cart HTTP/1.1',
  'user=Root uid=0',
  'Ünïcödé CAFÉ café',
  'x-Request-ID: AbC123',
  'tab\tseparated\nNEW line',
  'Q.E.D. [brackets] (parens) {braces}',
  '',
];

describe('case folding for the linear-time engine', () => {
  it('keeps lengths, so offsets in the folded text index the original', () => {
    for (const text of [...SUBJECTS, 'İstanbul', 'ﬁle ẞ']) expect(foldCase(text)).toHaveLength(text.length);
    expect(foldCase('Failed ADMIN')).toBe('failed admin');
  });

  it('matches exactly what the same pattern with the i flag matches', () => {
    const patterns = [
      'admin', 'ADMIN', 'Fail(ed|ure)', '[A-Z]{3}', '[a-z]+', '[^A-Z ]+', '[A-Fa-f0-9]{6}', '\\bGET\\b', 'api/V1',
      'CAFÉ', '[À-Þ]', 'uid=\\d', '\\x41\\u0042C', '\\Q\\.E', '[\\w-]+: [A-Z]', '\\S+\\s+\\S+', '(?<Name>ROOT)', '[\\]\\[]', '^$',
      'new LINE', '[A-Z-]', 'x-r', '\\W\\D', '[\\d-z]',
    ];
    for (const pattern of patterns) {
      const compiled = compileLinearRegex(pattern, true);
      expect(compiled.ok, pattern).toBe(true);
      if (!compiled.ok) continue;
      const reference = new RegExp(pattern, 'i');
      for (const subject of SUBJECTS) {
        expect(testLinear(compiled, subject), `${pattern} on ${JSON.stringify(subject)} (folded ${foldPattern(pattern)})`).toBe(reference.test(subject));
      }
    }
  });

  it('leaves case-sensitive patterns as written', () => {
    const compiled = compileLinearRegex('ADMIN', false);
    expect(compiled.ok && testLinear(compiled, 'Failed password for ADMIN')).toBe(true);
    expect(compiled.ok && testLinear(compiled, 'failed password for admin')).toBe(false);
  });

  it('refuses what the linear engine cannot run, with a reason', () => {
    for (const pattern of ['(a)\\1', 'a(?=b)', 'a{1,100}']) {
      const compiled = compileLinearRegex(pattern, false);
      expect(compiled.ok, pattern).toBe(false);
      if (!compiled.ok) expect(compiled.message).toMatch(/linear-time engine/);
    }
    const broken = compileLinearRegex('(', false);
    expect(broken.ok).toBe(false);
  });

  it('turns catastrophic backtracking into linear time', () => {
    const compiled = compileLinearRegex('(x+x+)+y', true);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const started = performance.now();
    expect(testLinear(compiled, 'x'.repeat(5_000))).toBe(false);
    // Backtracking would take longer than the age of the universe; the fallback takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
