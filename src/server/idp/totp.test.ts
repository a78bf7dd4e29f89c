import { describe, expect, it } from 'vitest';
import { base32Decode, totpCode, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: secret "12345678901234567890" (ASCII), SHA-1, 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('decodes base32', () => {
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
    expect(() => base32Decode('not base32!')).toThrow(/invalid base32/);
  });
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCode(RFC_SECRET, 59_000, 30, 8)).toBe('94287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000, 30, 8)).toBe('07081804');
    expect(totpCode(RFC_SECRET, 2_000_000_000_000, 30, 8)).toBe('69279037');
  });
  it('accepts the current code and one step of drift, nothing else', () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(true);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now)).toBe(true);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 90_000), now)).toBe(false);
    expect(verifyTotp(RFC_SECRET, 'abcdef', now)).toBe(false);
  });
});
