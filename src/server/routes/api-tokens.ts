import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { ApiTokens } from '../state/api-tokens.ts';

export function apiTokenRoutes({ tokens }: { tokens: ApiTokens }): FeatureHandlers<'listApiTokens' | 'createApiToken' | 'revokeApiToken'> {
  return {
    listApiTokens: async () => ({ tokens: tokens.list() }),
    createApiToken: async ({ body }, ctx) => {
      const created = tokens.create(body, ctx.principal?.name ?? 'unknown');
      // The audit record describes the token, never its secret.
      ctx.audit({
        action: 'createApiToken',
        resource: { type: 'apiToken', id: created.token.id, name: created.token.name },
        code: 201,
        request: { after: created.token },
      });
      return created;
    },
    revokeApiToken: async ({ params }, ctx) => {
      const before = tokens.revoke(params.tokenId);
      if (!before) throw new HttpError('not_found', `no API token ${params.tokenId}`);
      const after = tokens.get(params.tokenId);
      ctx.audit({
        action: 'revokeApiToken',
        resource: { type: 'apiToken', id: before.id, name: before.name },
        code: 200,
        request: { before, after },
      });
      return after ?? before;
    },
  };
}
