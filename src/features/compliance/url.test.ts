import { describe, expect, it } from 'vitest';
import { readComplianceState, writeComplianceState } from './url.ts';

describe('compliance URL state', () => {
  it('reads defaults and ignores unknown values', () => {
    expect(readComplianceState(new URLSearchParams('framework=sox&check=nope&days=7'))).toEqual({ framework: 'iso27001', check: null, days: 30 });
  });

  it('round-trips framework, check and window and keeps other parameters', () => {
    const next = writeComplianceState(new URLSearchParams('tz=utc'), { framework: 'gdpr', check: 'clock', days: 90 });
    expect(next.toString()).toBe('tz=utc&framework=gdpr&check=clock&days=90');
    expect(readComplianceState(next)).toEqual({ framework: 'gdpr', check: 'clock', days: 90 });
    expect(writeComplianceState(next, { framework: 'iso27001', check: null, days: 30 }).toString()).toBe('tz=utc');
  });
});
