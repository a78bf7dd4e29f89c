import { SignJWT, generateKeyPair, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from './authenticator.ts';
import type { AuthRequest } from './principal.ts';
import { createDpopKey, createTestIssuer, dpopProof, issueAccessToken, TEST_ORIGIN } from '../testing/tokens.ts';

const URL_ME = `${TEST_ORIGIN}/api/me`;

function request(headers: Record<string, string>, method = 'GET', url = URL_ME): AuthRequest {
  return { method, url, headers: new Headers(headers) };
}

describe('authenticator', async () => {
  const issuer = await createTestIssuer();
  const authenticate = createAuthenticator(issuer.policy, null);
  const key = await createDpopKey();

  async function signedIn(options: Parameters<typeof issueAccessToken>[1] = {}) {
    const token = await issueAccessToken(issuer, { dpop: key, ...options });
    return { token, headers: { authorization: `DPoP ${token}`, dpop: await dpopProof(key, 'GET', URL_ME, token) } };
  }

  it('accepts a DPoP-bound token with a valid proof and reads roles and MFA from claims', async () => {
    const { headers } = await signedIn({ roles: ['admin', 'not-a-vigil-role'], amr: ['pwd', 'otp'], name: 'Ada' });
    const outcome = await authenticate(request(headers));
    expect(outcome).toEqual({
      ok: true,
      principal: { subject: 'u-test', name: 'Ada', roles: ['admin'], kind: 'user', multiFactor: true },
    });
  });

  it('reports missing and malformed credentials', async () => {
    expect(await authenticate(request({}))).toEqual({ ok: false, reason: 'missing_credentials' });
    expect(await authenticate(request({ authorization: 'Basic abc def' }))).toEqual({ ok: false, reason: 'malformed_authorization' });
  });

  it('refuses a token signed by another key (forged)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const { headers } = await signedIn({ signingKey: privateKey });
    expect(await authenticate(request(headers))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses expired, wrong-audience and wrong-issuer tokens', async () => {
    expect(await authenticate(request((await signedIn({ expiresInSeconds: -60 })).headers))).toEqual({ ok: false, reason: 'token_expired' });
    expect(await authenticate(request((await signedIn({ audience: 'other-api' })).headers))).toEqual({ ok: false, reason: 'wrong_audience' });
    expect(await authenticate(request((await signedIn({ issuer: 'https://evil.example' })).headers))).toEqual({ ok: false, reason: 'wrong_issuer' });
  });

  it('refuses alg "none" tokens', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(
      JSON.stringify({ sub: 'u-test', iss: issuer.policy.issuer, aud: issuer.policy.audience, exp: now + 600, roles: ['admin'] }),
    );
    const outcome = await authenticate(request({ authorization: `Bearer ${header}.${payload}.` }));
    expect(outcome.ok).toBe(false);
  });

  it('refuses a token with the wrong typ header', async () => {
    const { headers } = await signedIn({ typ: 'JWT' });
    expect(await authenticate(request(headers))).toEqual({ ok: false, reason: 'invalid_token' });
  });

  it('refuses a DPoP-bound token sent as a plain bearer token (a stolen token string alone does not work)', async () => {
    const { token } = await signedIn();
    expect(await authenticate(request({ authorization: `Bearer ${token}` }))).toEqual({ ok: false, reason: 'dpop_required' });
  });

  it('refuses an unbound token when DPoP is required', async () => {
    const token = await issueAccessToken(issuer, { dpop: null });
    expect(await authenticate(request({ authorization: `Bearer ${token}` }))).toEqual({ ok: false, reason: 'dpop_required' });
  });

  it('refuses a replayed DPoP proof', async () => {
    const { headers } = await signedIn();
    expect((await authenticate(request(headers))).ok).toBe(true);
    expect(await authenticate(request(headers))).toEqual({ ok: false, reason: 'dpop_replayed' });
  });

  it('refuses a proof for another method, URL or token, or from another key', async () => {
    const { token } = await signedIn();
    const withProof = async (proof: string) => authenticate(request({ authorization: `DPoP ${token}`, dpop: proof }));
    expect(await withProof(await dpopProof(key, 'POST', URL_ME, token))).toEqual({ ok: false, reason: 'dpop_invalid' });
    expect(await withProof(await dpopProof(key, 'GET', `${TEST_ORIGIN}/api/other`, token))).toEqual({ ok: false, reason: 'dpop_invalid' });
    expect(await withProof(await dpopProof(key, 'GET', URL_ME, 'another-token'))).toEqual({ ok: false, reason: 'dpop_invalid' });
    expect(await withProof(await dpopProof(await createDpopKey(), 'GET', URL_ME, token))).toEqual({ ok: false, reason: 'dpop_key_mismatch' });
  });

  it('refuses a stale proof', async () => {
    const { token } = await signedIn();
    const stale = await new SignJWT({ htm: 'GET', htu: URL_ME, jti: 'stale-proof-1', ath: 'x' })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .sign(key.privateKey);
    expect(await authenticate(request({ authorization: `DPoP ${token}`, dpop: stale }))).toEqual({ ok: false, reason: 'dpop_invalid' });
  });

  it('ignores the query string of the request URL in the proof check', async () => {
    const token = await issueAccessToken(issuer, { dpop: key });
    const proof = await dpopProof(key, 'GET', `${URL_ME}?a=1`, token);
    expect((await authenticate(request({ authorization: `DPoP ${token}`, dpop: proof }))).ok).toBe(true);
  });
});
