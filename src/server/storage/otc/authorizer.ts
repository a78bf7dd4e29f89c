/**
 * How a region's calls prove who they are: AK/SK signatures (signing.ts) or an IAM token
 * (iam-token.ts). A 401 to a token means it expired or was revoked early (IAM invalidates tokens
 * within about 30 minutes of a password or permission change): the token is dropped and the call
 * may be sent once more with a new one. A 401 to a signature is final.
 */
import type { OtcAuth, RegionConfig } from './config.ts';
import type { Send } from './http.ts';
import { IamTokenSource } from './iam-token.ts';
import { signRequest } from './signing.ts';

export interface Authorizer {
  readonly kind: OtcAuth['kind'];
  /** The request's headers plus those that authenticate it. */
  authorize(request: { method: string; url: string; headers: Record<string, string>; body: string }): Promise<Record<string, string>>;
  /** The service answered 401 to `headers`: true when a retry with fresh credentials may succeed. */
  rejected(headers: Record<string, string>): boolean;
}

export function createAuthorizer(auth: OtcAuth, region: RegionConfig, deps: { send: Send; timeoutMs: number; now: () => number }): Authorizer & { tokens?: IamTokenSource } {
  if (auth.kind === 'aksk') {
    return {
      kind: 'aksk',
      authorize: (request) => Promise.resolve(signRequest(request, auth.credentials, new Date(deps.now())).headers),
      rejected: () => false,
    };
  }
  const tokens = new IamTokenSource({ region, iam: auth.iam, ...deps });
  return {
    kind: 'token',
    tokens,
    authorize: async (request) => ({ ...request.headers, 'X-Auth-Token': await tokens.get() }),
    rejected: (headers) => {
      const used = headers['X-Auth-Token'];
      if (used === undefined) return false;
      tokens.invalidate(used);
      return true;
    },
  };
}
