import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOtcConfig } from './config.ts';

const base = { VIGIL_OTC_REGIONS: 'eu-de', VIGIL_OTC_PROJECT_ID_EU_DE: '0123456789abcdef0123456789abcdef' };

describe('OTC configuration', () => {
  it('signs with AK/SK by default and derives the IAM endpoint from the region', () => {
    const config = readOtcConfig({ ...base, VIGIL_OTC_AK: 'AK1', VIGIL_OTC_SK: 'SK1' });
    expect(config.auth).toEqual({ kind: 'aksk', credentials: { ak: 'AK1', sk: 'SK1' } });
    expect(config.regions[0]!.endpoints.iam).toBe('https://iam.eu-de.otc.t-systems.com');
  });

  it('uses IAM tokens with VIGIL_OTC_AUTH=token, from the environment or a file', () => {
    const env = { ...base, VIGIL_OTC_AUTH: 'token', VIGIL_OTC_USER: 'reader', VIGIL_OTC_PASSWORD: 'pw', VIGIL_OTC_DOMAIN: 'OTC-EU-DE-1', VIGIL_OTC_ENDPOINT_EU_DE: 'http://127.0.0.1:9/' };
    const config = readOtcConfig(env);
    expect(config.auth).toEqual({ kind: 'token', iam: { user: 'reader', password: 'pw', domain: 'OTC-EU-DE-1' } });
    expect(config.regions[0]!.endpoints.iam).toBe('http://127.0.0.1:9');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-otc-config-'));
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ user: 'u2', password: 'p2', domain: 'd2' }));
    writeFileSync(path.join(dir, 'c.env'), 'USER=u3\nPASSWORD=p3\nDOMAIN=d3\n');
    expect(readOtcConfig({ ...base, VIGIL_OTC_AUTH: 'token', VIGIL_OTC_CREDENTIALS_FILE: path.join(dir, 'c.json') }).auth).toEqual({ kind: 'token', iam: { user: 'u2', password: 'p2', domain: 'd2' } });
    expect(readOtcConfig({ ...base, VIGIL_OTC_AUTH: 'token', VIGIL_OTC_CREDENTIALS_FILE: path.join(dir, 'c.env') }).auth).toEqual({ kind: 'token', iam: { user: 'u3', password: 'p3', domain: 'd3' } });
  });

  it('says what is missing, never echoing a secret', () => {
    expect(() => readOtcConfig({ ...base, VIGIL_OTC_AUTH: 'token', VIGIL_OTC_USER: 'reader', VIGIL_OTC_PASSWORD: 'secret-pw' })).toThrow(/VIGIL_OTC_DOMAIN/);
    expect(() => readOtcConfig({ ...base, VIGIL_OTC_AUTH: 'token', VIGIL_OTC_USER: 'reader', VIGIL_OTC_PASSWORD: 'secret-pw' })).not.toThrow(/secret-pw/);
    expect(() => readOtcConfig({ ...base, VIGIL_OTC_AUTH: 'oauth' })).toThrow('VIGIL_OTC_AUTH must be aksk or token');
  });
});
