// Test kit: an in-memory token issuer and DPoP client, to exercise the real verification code.
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { TokenPolicy } from '../auth/authenticator.ts';

export const TEST_ISSUER = 'http://127.0.0.1:8080/idp';
export const TEST_AUDIENCE = 'http://127.0.0.1:8080/api';
export const TEST_ORIGIN = 'http://127.0.0.1:8080';

export interface TestIssuer {
  policy: TokenPolicy;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createTestIssuer(overrides: Partial<TokenPolicy> = {}): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256' };
  return {
    privateKey,
    publicJwk,
    policy: {
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: createLocalJWKSet({ keys: [publicJwk] }),
      algorithms: ['RS256'],
      tokenType: 'at+jwt',
      rolesClaim: 'roles',
      mfa: { amrValues: ['otp', 'mfa'], acrValue: 'urn:vigil:mfa' },
      requireDpop: true,
      clockToleranceSeconds: 5,
      ...overrides,
    },
  };
}

export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  thumbprint: string;
}

export async function createDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export interface AccessTokenOptions {
  sub?: string;
  roles?: string[];
  amr?: string[];
  name?: string;
  dpop?: DpopKey | null;
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
  signingKey?: CryptoKey;
  typ?: string;
}

export async function issueAccessToken(issuer: TestIssuer, options: AccessTokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    roles: options.roles ?? ['analyst'],
    amr: options.amr ?? ['pwd'],
    name: options.name ?? 'Test User',
    ...(options.dpop ? { cnf: { jkt: options.dpop.thumbprint } } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: options.typ ?? 'at+jwt' })
    .setSubject(options.sub ?? 'u-test')
    .setIssuer(options.issuer ?? issuer.policy.issuer)
    .setAudience(options.audience ?? issuer.policy.audience)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresInSeconds ?? 600))
    .setJti(randomUUID())
    .sign(options.signingKey ?? issuer.privateKey);
}

export async function dpopProof(key: DpopKey, method: string, url: string, accessToken: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({
    htm: method,
    htu: url,
    jti: randomUUID(),
    ath: createHash('sha256').update(accessToken).digest('base64url'),
    ...overrides,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt()
    .sign(key.privateKey);
}

/** Headers for an API call the way the SPA makes it: DPoP-bound token plus a fresh proof. */
export async function dpopHeaders(issuer: TestIssuer, method: string, path: string, token: AccessTokenOptions = {}): Promise<Record<string, string>> {
  const key = token.dpop ?? (await createDpopKey());
  const accessToken = await issueAccessToken(issuer, { ...token, dpop: key });
  return { authorization: `DPoP ${accessToken}`, dpop: await dpopProof(key, method, `${TEST_ORIGIN}${path}`, accessToken) };
}
