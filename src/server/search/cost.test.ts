import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../query/index.ts';
import { isHeavyQuery } from './cost.ts';

function heavy(text: string): boolean {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return isHeavyQuery(parsed.ast);
}

describe('isHeavyQuery', () => {
  it('calls index-driven queries light', () => {
    for (const q of ['', 'error', '"Failed password"', 'admin*', 'error AND /time.?out/', 'error OR warn', 'error AND level:ERROR', 'sshd -root']) {
      expect(heavy(q), q).toBe(false);
    }
  });

  it('calls whole-window scans heavy', () => {
    for (const q of ['/fail(ed)?/', '*admin*', 'status>=500', 'level:ERROR', 'error OR /x+y/', 'NOT error', 'hostIP:10.0.0.0/8']) {
      expect(heavy(q), q).toBe(true);
    }
  });
});
