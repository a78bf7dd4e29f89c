import { createRemoteJWKSet } from 'jose';
import type { AuthConfig } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import { DEFAULT_DEMO_TOTP_SECRET, demoUsers } from '../idp/demo-users.ts';
import { startEmbeddedIdp, type EmbeddedIdp } from '../idp/index.ts';
import type { UserLock } from '../idp/login-throttle.ts';
import type { Logger } from '../logger.ts';
import type { AuditTrail } from '../state/audit-trail.ts';
import { createAuthenticator, type ApiTokenVerifier, type TokenPolicy } from './authenticator.ts';
import type { Authenticator } from './principal.ts';

const ACCESS_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export interface AuthSetup {
  authenticate: Authenticator;
  /** What GET /api/auth/config tells the SPA. */
  clientConfig: AuthConfig;
  /** The embedded provider when no external issuer is configured. */
  idp: EmbeddedIdp | null;
}

/**
 * Wires sign-in: the embedded provider (default) or an external OpenID provider found through its
 * discovery document, and the authenticator that verifies their access tokens.
 */
/** An account locked by the sign-in throttle, reported in Vigil's audit trail for admins. */
export function auditUserLock(audit: AuditTrail): (lock: UserLock) => void {
  return (lock) =>
    audit.append({
      action: 'signInAccountLocked',
      rating: 'incident',
      actor: { id: 'anonymous', name: 'anonymous', kind: 'anonymous' },
      sourceIp: lock.lastAddress,
      userAgent: '',
      resource: { type: 'account', id: lock.username, name: lock.username },
      code: 429,
      message: `sign-in locked until ${new Date(lock.until).toISOString()} after ${lock.failures} failed attempts from ${lock.addresses} addresses`,
      request: { failures: lock.failures, addresses: lock.addresses, lockedUntil: lock.until },
    });
}

export async function setUpAuth(config: Config, apiTokens: ApiTokenVerifier | null, logger: Logger, audit?: AuditTrail): Promise<AuthSetup> {
  const auth = config.auth;
  let idp: EmbeddedIdp | null = null;
  let policy: TokenPolicy;
  const common = {
    audience: auth.audience,
    algorithms: ACCESS_TOKEN_ALGORITHMS,
    tokenType: auth.tokenType,
    rolesClaim: auth.rolesClaim,
    mfa: { amrValues: auth.mfaAmr, acrValue: auth.mfaAcr },
    requireDpop: auth.requireDpop,
    clockToleranceSeconds: 5,
  };

  if (auth.externalIssuer === null) {
    idp = await startEmbeddedIdp({
      publicUrl: config.publicUrl,
      apiAudience: auth.audience,
      appOrigins: [config.publicUrl, ...auth.devOrigins],
      dataDir: config.dataDir,
      users: demoUsers(auth.demoTotpSecret ?? DEFAULT_DEMO_TOTP_SECRET),
      demoPassword: auth.demoPassword,
      accessTokenSeconds: auth.accessTokenSeconds,
      logger,
      ...(audit ? { onUserLocked: auditUserLock(audit) } : {}),
    });
    policy = { ...common, issuer: idp.issuer, jwks: idp.jwks };
  } else {
    const jwksUri = await discoverJwksUri(auth.externalIssuer);
    // jose caches the key set and refetches it when a token names an unknown key (rotation).
    policy = { ...common, issuer: auth.externalIssuer, jwks: createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000 }) };
  }

  return {
    idp,
    authenticate: createAuthenticator(policy, apiTokens),
    clientConfig: {
      issuer: policy.issuer,
      clientId: idp?.clientId ?? (auth.clientId as string),
      scope: auth.scope,
      resource: auth.sendResourceIndicator ? auth.audience : null,
      dpop: auth.requireDpop,
      mfaAcrValue: auth.mfaAcr,
      embeddedProvider: idp !== null,
    },
  };
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`OpenID discovery failed: ${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (document.issuer !== issuer) {
    throw new Error(`OpenID discovery: issuer mismatch (configured ${issuer}, provider says ${document.issuer})`);
  }
  if (!document.jwks_uri) throw new Error(`OpenID discovery: ${url} has no jwks_uri`);
  return document.jwks_uri;
}
