import type { Role } from '../../contract/index.ts';

/** A verified caller: a signed-in user or an API token. Roles come only from verified credentials. */
export interface Principal {
  /** Stable subject identifier (token `sub`, or `token:<id>` for API tokens). */
  subject: string;
  name: string;
  roles: Role[];
  kind: 'user' | 'api-token';
  /** Signed in with a second factor (token `amr`/`acr`); API tokens never count as such. */
  multiFactor: boolean;
  /** Identifies one sign-in session (token `sid`, else subject + `auth_time`), when known. */
  sessionId?: string;
}

/** Why a request carries no usable identity; sent to the client as `details.reason` of a 401. */
export type AuthFailure =
  | 'missing_credentials'
  | 'malformed_authorization'
  | 'invalid_token'
  | 'token_expired'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'alg_not_allowed'
  | 'dpop_required'
  | 'dpop_invalid'
  | 'dpop_replayed'
  | 'dpop_key_mismatch'
  | 'unknown_api_token'
  | 'api_token_expired'
  | 'sign_in_not_configured';

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; reason: AuthFailure };

/** What the authenticator needs of a request: method, the URL the client used, headers. */
export interface AuthRequest {
  method: string;
  /** Absolute URL as the client addressed it (DPoP `htu`), without query or fragment. */
  url: string;
  headers: Headers;
}

/** Resolves the caller of a request from its credentials. */
export type Authenticator = (request: AuthRequest) => Promise<AuthOutcome>;
