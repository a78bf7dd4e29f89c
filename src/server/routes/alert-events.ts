import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { AlertEvents } from '../state/alert-events.ts';

export function alertEventRoutes({ events }: { events: AlertEvents }): FeatureHandlers<'listAlertEvents' | 'ackAlertEvent'> {
  return {
    listAlertEvents: async ({ query }) => {
      let beforeSeq: number | undefined;
      if (query.cursor !== undefined) {
        if (!/^\d{1,15}$/.test(query.cursor)) {
          throw new HttpError('validation_failed', 'invalid cursor', { issues: [{ path: 'query.cursor', message: 'not a cursor of this list' }] });
        }
        beforeSeq = Number(query.cursor);
      }
      const page = events.list({
        ...(query.state ? { state: query.state } : {}),
        ...(query.severity ? { severity: query.severity } : {}),
        ...(query.ruleId ? { ruleId: query.ruleId } : {}),
        ...(query.acknowledged !== undefined ? { acknowledged: query.acknowledged } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
        limit: query.limit,
      });
      return { events: page.events, next: page.next === null ? null : String(page.next) };
    },
    ackAlertEvent: async ({ params, body }, ctx) => {
      const before = events.get(params.id);
      if (!before) throw new HttpError('not_found', `no alert event ${params.id}`);
      const after = events.acknowledge(params.id, ctx.principal?.name ?? 'unknown', body.note);
      if (!after) throw new HttpError('not_found', `no alert event ${params.id}`);
      ctx.audit({ action: 'ackAlertEvent', resource: { type: 'alertEvent', id: after.id, name: after.ruleName }, code: 200, request: { before: before.ack, after: after.ack } });
      return after;
    },
  };
}
