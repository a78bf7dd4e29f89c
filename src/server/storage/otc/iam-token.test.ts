/**
 * IAM token authentication: the token request as the IAM reference documents it, caching,
 * renewal before expiry, one retry after a 401, and no token or password in any error. Unit
 * tests over a recorded transport; the simulator tests at the end run the whole path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionConfig } from './config.ts';
import { OtcError } from './errors.ts';
import type { OutboundCall, Send } from './http.ts';
import { IamTokenSource, refreshAt } from './iam-token.ts';
import { parseSearchQuery } from '../../search/scope.ts';
import { StoreError } from '../store-error.ts';
import { SIM_IAM_USER, startSimPair, type SimPair } from './testing/sim-pair.ts';

const region: RegionConfig = {
  name: 'eu-de',
  projectId: '0123456789abcdef0123456789abcdef',
  endpoints: { lts: 'https://lts.example', cts: 'https://cts.example', smn: 'https://smn.example', iam: 'https://iam.eu-de.example' },
};
const iam = { user: 'reader', password: 'pw-not-to-be-seen', domain: 'OTC-EU-DE-1' };
const HOUR = 3_600_000;

function fakeIam(lifetimeMs: number, clock: { now: number }) {
  const calls: OutboundCall[] = [];
  let n = 0;
  const send: Send = (call) => {
    calls.push(call);
    n++;
    const headers = new Headers({ 'x-subject-token': `token-${n}` });
    const issued = clock.now;
    return Promise.resolve({ status: 201, headers, text: JSON.stringify({ token: { issued_at: new Date(issued).toISOString(), expires_at: new Date(issued + lifetimeMs).toISOString() } }) });
  };
  return { send, calls };
}

describe('IamTokenSource', () => {
  it('asks IAM for a project-scoped token with the password method and reads X-Subject-Token', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const { send, calls } = fakeIam(24 * HOUR, clock);
    const source = new IamTokenSource({ region, iam, send, timeoutMs: 1000, now: () => clock.now });
    expect(await source.get()).toBe('token-1');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://iam.eu-de.example/v3/auth/tokens?nocatalog=true' });
    expect(JSON.parse(calls[0]!.body!)).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'reader', password: 'pw-not-to-be-seen', domain: { name: 'OTC-EU-DE-1' } } } },
        scope: { project: { id: region.projectId } },
      },
    });
    expect(source.expiresAt()).toBe(clock.now + 24 * HOUR);
  });

  it('caches the token, renews it an hour before a 24 h token expires, and shares one renewal', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const { send, calls } = fakeIam(24 * HOUR, clock);
    const source = new IamTokenSource({ region, iam, send, timeoutMs: 1000, now: () => clock.now });
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect([a, b]).toEqual(['token-1', 'token-1']);
    clock.now += 22 * HOUR;
    expect(await source.get()).toBe('token-1');
    clock.now += HOUR + 1;
    expect(await source.get()).toBe('token-2');
    expect(calls).toHaveLength(2);
    expect(refreshAt({ issuedAt: 0, expiresAt: 10 * 60_000 })).toBe(9 * 60_000);
  });

  it('keeps a still-valid token when renewal fails, and drops a token a service refused', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const ok = fakeIam(24 * HOUR, clock);
    let down = false;
    const send: Send = (call) => (down ? Promise.resolve({ status: 503, headers: new Headers(), text: '' }) : ok.send(call));
    const source = new IamTokenSource({ region, iam, send, timeoutMs: 1000, now: () => clock.now });
    expect(await source.get()).toBe('token-1');
    clock.now += 23.5 * HOUR;
    down = true;
    expect(await source.get()).toBe('token-1');
    down = false;
    source.invalidate('token-1');
    expect(await source.get()).toBe('token-2');
    source.invalidate('token-1'); // already replaced: no effect
    expect(await source.get()).toBe('token-2');
  });

  it('says why IAM refused, without the password', async () => {
    const send: Send = () => Promise.resolve({ status: 401, headers: new Headers(), text: '{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}' });
    const source = new IamTokenSource({ region, iam, send, timeoutMs: 1000, now: Date.now });
    const error = await source.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OtcError);
    expect((error as OtcError).kind).toBe('auth');
    expect((error as OtcError).message).toBe('IAM eu-de: no token for user reader of OTC-EU-DE-1 (401 The username or password is wrong.)');
    expect(JSON.stringify(error) + String(error)).not.toContain(iam.password);
  });

  it('refuses an answer without a token or an expiry', async () => {
    const send: Send = () => Promise.resolve({ status: 201, headers: new Headers(), text: '{"token":{}}' });
    const source = new IamTokenSource({ region, iam, send, timeoutMs: 1000, now: Date.now });
    await expect(source.get()).rejects.toThrow('answered without X-Subject-Token or a valid token.expires_at');
  });
});

describe('token authentication against the simulated regions', () => {
  let pair: SimPair;
  beforeAll(async () => {
    pair = await startSimPair({ lines: 5000, days: 2, iam: SIM_IAM_USER });
  }, 60_000);
  afterAll(async () => {
    await pair?.close();
  });
  const now = Date.now();
  const request = (q: string) => ({
    query: parseSearchQuery(q), from: now - 2 * 86_400_000, to: now + 60_000, streamIds: null, order: 'newest' as const, limit: 20, position: null,
    budget: { maxRows: 1e6, maxMs: 30_000 },
  });

  it('searches with one token per region, renews it once after the service refuses it (401), and never signs', async () => {
    const store = pair.open();
    const page = await store.search.searchLines(request('sshd'));
    expect(page.lines.length).toBeGreaterThan(0);
    expect(pair.primary.stats.tokensIssued).toBe(1);
    expect(pair.primary.stats.refusedSignatures).toBe(0);
    const calls = pair.primary.stats.requests;
    await store.search.searchLines(request('sudo'));
    expect(pair.primary.stats.tokensIssued).toBe(1);
    expect(pair.primary.stats.requests).toBeGreaterThan(calls);

    // IAM revokes every token (a password change): the next call gets 401, renews, and succeeds.
    const revoked = await fetch(`${pair.primary.url}/__sim/revoke-tokens`, { method: 'POST' });
    expect(revoked.ok).toBe(true);
    const again = await store.search.searchLines(request('Accepted'));
    expect(again.lines.length).toBeGreaterThan(0);
    expect(pair.primary.stats.tokensIssued).toBe(2);
    expect(pair.primary.stats.refusedTokens).toBeGreaterThan(0);
    await store.close();
  }, 30_000);

  it('refuses with the reason when the password is wrong, naming neither password nor token', async () => {
    const store = pair.open({ config: { ...pair.config, auth: { kind: 'token', iam: { ...SIM_IAM_USER, password: 'wrong-password-xyz' } } } });
    const error = await store.logs.listGroups().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('refused');
    expect((error as StoreError).message).toContain('The username or password is wrong.');
    expect((error as StoreError).message).not.toContain('wrong-password-xyz');
    await store.close();
  });
});
