/** Delivery status of notifications (the outbox), newest first, paged by a cursor on the row id. */
import type { FeatureHandlers } from '../http/handlers.ts';
import { notificationView, type NotifyOutbox } from '../state/notify-outbox.ts';

export function notificationRoutes({ outbox }: { outbox: NotifyOutbox }): FeatureHandlers<'listNotifications'> {
  return {
    listNotifications: async ({ query }) => {
      const rows = outbox.list({ status: query.status, channelId: query.channelId, ruleId: query.ruleId, before: query.before, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      return {
        notifications: page.map(notificationView),
        counts: outbox.counts(),
        nextCursor: rows.length > query.limit ? page.at(-1)!.seq : null,
      };
    },
  };
}
