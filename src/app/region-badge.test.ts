import { describe, expect, it } from 'vitest';
import type { Health } from '../contract/schemas/health.ts';
import { regionBadge } from './region-badge.tsx';

const region = (name: string, primary: boolean, serving: boolean, circuit: 'closed' | 'open' = 'closed') => ({
  name, primary, serving, circuit, errorRate: 0, latencyMs: 12, lastError: circuit === 'open' ? 'no answer within 10000 ms' : null, lastCheckedAt: 1,
});
const health = (regions?: ReturnType<typeof region>[]): Health => ({
  status: 'ok', version: '1', uptimeSeconds: 1, store: { kind: regions ? 'otc' : 'embedded', lines: 0, traces: 0, ...(regions ? { regions } : {}) },
});

describe('regionBadge', () => {
  it('is silent for the embedded store and while the primary serves', () => {
    expect(regionBadge(health())).toBeNull();
    expect(regionBadge(health([region('eu-de', true, true), region('eu-nl', false, false)]))).toBeNull();
  });

  it('says when a secondary serves, and when no region answers', () => {
    expect(regionBadge(health([region('eu-de', true, false, 'open'), region('eu-nl', false, true)]))).toMatchObject({ text: 'Failover: eu-nl', tone: 'warning' });
    expect(regionBadge(health([region('eu-de', true, true, 'open'), region('eu-nl', false, false, 'open')]))).toMatchObject({ text: 'OTC unavailable', tone: 'danger' });
  });
});
