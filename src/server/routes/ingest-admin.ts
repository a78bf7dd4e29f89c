import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { IngestQueue } from '../ingest/pipeline/queue.ts';
import type { IngestTokens } from '../state/ingest-tokens.ts';

export function ingestAdminRoutes({ tokens, queue }: { tokens: IngestTokens; queue: IngestQueue | undefined }): FeatureHandlers<'ingestOverview' | 'createIngestToken' | 'revokeIngestToken'> {
  return {
    ingestOverview: async () => ({ status: queue ? queue.status() : null, tokens: tokens.list() }),
    createIngestToken: async ({ body }, ctx) => {
      const created = tokens.create({ name: body.name, groups: body.groups, days: body.expiresInDays, ratePerSecond: body.ratePerSecond }, ctx.principal?.name ?? 'unknown');
      ctx.audit({ action: 'createIngestToken', resource: { type: 'ingestToken', id: created.token.id, name: created.token.name }, code: 201, request: { after: created.token } });
      return created;
    },
    revokeIngestToken: async ({ params }, ctx) => {
      const before = tokens.revoke(params.tokenId);
      if (!before) throw new HttpError('not_found', `no ingest token ${params.tokenId}`);
      const after = tokens.list().find((t) => t.id === before.id) ?? before;
      ctx.audit({ action: 'revokeIngestToken', resource: { type: 'ingestToken', id: before.id, name: before.name }, code: 200, request: { before, after } });
      return after;
    },
  };
}
