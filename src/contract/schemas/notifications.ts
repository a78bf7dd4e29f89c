import { z } from 'zod';
import { epochMs } from './common.ts';

export const notificationStatuses = ['pending', 'sending', 'delivered', 'failed', 'silenced'] as const;

export const notificationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  groupKey: z.string(),
  /** firing, resolved or repeat (still firing after the repeat interval); report: a scheduled compliance evidence pack. */
  reason: z.enum(['firing', 'resolved', 'repeat', 'test', 'report']),
  alertCount: z.number(),
  status: z.enum(notificationStatuses),
  attempts: z.number(),
  nextAttemptAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  idempotencyKey: z.string(),
  silenceId: z.string().nullable(),
  createdAt: epochMs,
  deliveredAt: epochMs.nullable(),
  title: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.strictObject({
  status: z.enum(notificationStatuses).optional(),
  channelId: z.string().uuid().optional(),
  ruleId: z.string().max(128).optional(),
  /** Rows created before this id's row (cursor of the previous page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  /** Counts per status over all notifications (not only this page). */
  counts: z.record(z.string(), z.number()),
  nextCursor: z.number().nullable(),
});
