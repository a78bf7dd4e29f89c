import type { FeatureHandlers } from '../http/handlers.ts';
import type { AuditTrail } from '../state/audit-trail.ts';

export function auditRoutes({ audit }: { audit: AuditTrail }): FeatureHandlers<'listAudit' | 'verifyAudit'> {
  return {
    listAudit: async ({ query }) => {
      const page = audit.list({
        from: query.from,
        to: query.to,
        users: query.user,
        actions: query.action,
        rating: query.rating,
        beforeSeq: query.cursor === undefined ? undefined : Number(query.cursor),
        limit: query.limit,
      });
      return { records: page.records, cursor: page.nextBeforeSeq === null ? null : String(page.nextBeforeSeq), complete: page.nextBeforeSeq === null };
    },
    verifyAudit: async () => audit.verify(),
  };
}
