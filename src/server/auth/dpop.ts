import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import type { AuthFailure } from './principal.ts';
import type { ReplayCache } from './replay-cache.ts';

const PROOF_ALGORITHMS = ['ES256', 'ES384', 'EdDSA', 'Ed25519', 'RS256', 'PS256'];
/** How far a proof's `iat` may be from the server clock. */
const PROOF_WINDOW_SECONDS = 60;

export interface DpopCheck {
  proof: string;
  method: string;
  url: string;
  accessToken: string;
  /** `cnf.jkt` of the access token: the thumbprint of the key the token is bound to. */
  boundThumbprint: string;
  nowMs: number;
  replays: ReplayCache;
}

/** Verifies a DPoP proof (RFC 9449 §4.3) for a request carrying a DPoP-bound access token. */
export async function verifyDpopProof(check: DpopCheck): Promise<AuthFailure | null> {
  let header;
  try {
    header = decodeProtectedHeader(check.proof);
  } catch {
    return 'dpop_invalid';
  }
  const jwk = header.jwk as JWK | undefined;
  if (header.typ !== 'dpop+jwt' || !jwk || 'd' in jwk) return 'dpop_invalid';
  let payload;
  try {
    ({ payload } = await jwtVerify(check.proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: PROOF_ALGORITHMS }));
  } catch {
    return 'dpop_invalid';
  }
  const nowSeconds = check.nowMs / 1000;
  if (
    payload.htm !== check.method ||
    typeof payload.htu !== 'string' ||
    stripQuery(payload.htu) !== check.url ||
    typeof payload.iat !== 'number' ||
    Math.abs(nowSeconds - payload.iat) > PROOF_WINDOW_SECONDS ||
    typeof payload.jti !== 'string' ||
    payload.jti.length < 8 ||
    payload.ath !== sha256Base64Url(check.accessToken)
  ) {
    return 'dpop_invalid';
  }
  if ((await calculateJwkThumbprint(jwk, 'sha256')) !== check.boundThumbprint) return 'dpop_key_mismatch';
  const key = `${check.boundThumbprint}:${payload.jti}`;
  if (!check.replays.remember(key, check.nowMs + 2 * PROOF_WINDOW_SECONDS * 1000, check.nowMs)) return 'dpop_replayed';
  return null;
}

function stripQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

function sha256Base64Url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
