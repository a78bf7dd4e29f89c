import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isMultiFactor, rolesFromClaims, type MfaPolicy } from './claims.ts';
import { verifyDpopProof } from './dpop.ts';
import type { AuthFailure, AuthOutcome, Authenticator, AuthRequest } from './principal.ts';
import { ReplayCache } from './replay-cache.ts';

/** API tokens start with this prefix, so they are told apart from JWTs without parsing. */
export const API_TOKEN_PREFIX = 'vgl_';

export type ApiTokenVerifier = (token: string) => Promise<AuthOutcome>;

export interface TokenPolicy {
  issuer: string;
  audience: string;
  jwks: JWTVerifyGetKey;
  /** Signature algorithms accepted for access tokens; anything else (and `none`) is refused. */
  algorithms: readonly string[];
  /** Required JWT `typ` header, e.g. `at+jwt` (RFC 9068); undefined when the provider sends another. */
  tokenType?: string;
  rolesClaim: string;
  mfa: MfaPolicy;
  /** Refuse plain bearer JWTs: access tokens must be DPoP-bound and presented with a proof. */
  requireDpop: boolean;
  clockToleranceSeconds: number;
}

export function createAuthenticator(policy: TokenPolicy, apiTokens: ApiTokenVerifier | null, now: () => number = Date.now): Authenticator {
  const replays = new ReplayCache();

  return async (request: AuthRequest): Promise<AuthOutcome> => {
    const authorization = request.headers.get('authorization');
    if (!authorization) return fail('missing_credentials');
    const match = /^(Bearer|DPoP) +([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim());
    if (!match) return fail('malformed_authorization');
    const scheme = (match[1] as string).toLowerCase();
    const token = match[2] as string;

    if (token.startsWith(API_TOKEN_PREFIX)) {
      if (scheme !== 'bearer' || !apiTokens) return fail('unknown_api_token');
      return apiTokens(token);
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, policy.jwks, {
        issuer: policy.issuer,
        audience: policy.audience,
        algorithms: [...policy.algorithms],
        clockTolerance: policy.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now()),
        ...(policy.tokenType ? { typ: policy.tokenType } : {}),
      }));
    } catch (error) {
      return fail(tokenFailure(error));
    }

    const boundThumbprint = (payload.cnf as { jkt?: unknown } | undefined)?.jkt;
    if (typeof boundThumbprint === 'string') {
      // A DPoP-bound token is useless without a proof from the key it is bound to.
      const proof = request.headers.get('dpop');
      if (scheme !== 'dpop' || !proof) return fail('dpop_required');
      const problem = await verifyDpopProof({
        proof,
        method: request.method,
        url: request.url,
        accessToken: token,
        boundThumbprint,
        nowMs: now(),
        replays,
      });
      if (problem) return fail(problem);
    } else if (policy.requireDpop || scheme === 'dpop') {
      return fail('dpop_required');
    }

    const claims = payload as Record<string, unknown>;
    return {
      ok: true,
      principal: {
        subject: payload.sub as string,
        name: stringClaim(claims.name) ?? stringClaim(claims.preferred_username) ?? (payload.sub as string),
        roles: rolesFromClaims(claims, policy.rolesClaim),
        kind: 'user',
        multiFactor: isMultiFactor(claims, policy.mfa),
        ...sessionIdOf(claims),
      },
    };
  };
}

function sessionIdOf(claims: Record<string, unknown>): { sessionId?: string } {
  if (typeof claims.sid === 'string') return { sessionId: claims.sid };
  if (typeof claims.auth_time === 'number') return { sessionId: `${String(claims.sub)}@${claims.auth_time}` };
  return {};
}

function fail(reason: AuthFailure): AuthOutcome {
  return { ok: false, reason };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function tokenFailure(error: unknown): AuthFailure {
  if (error instanceof errors.JWTExpired) return 'token_expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    return 'invalid_token';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg_not_allowed';
  return 'invalid_token';
}
