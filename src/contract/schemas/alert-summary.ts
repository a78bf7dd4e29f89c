import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';

/**
 * Alerting in counts, for managers: no rule queries, no labels or groups (they can hold addresses
 * and user names), no channel targets. Days are UTC.
 */
export const alertSummaryQuerySchema = z.strictObject({
  from: timeInput.optional(),
  to: timeInput.optional(),
});

const count = z.number().int().nonnegative();
export const severityCountsSchema = z.object({ critical: count, major: count, minor: count, info: count });
export type SeverityCounts = z.infer<typeof severityCountsSchema>;

export const alertSummarySchema = z.object({
  from: epochMs,
  to: epochMs,
  rules: z.object({
    total: count,
    enabled: count,
    /** Enabled rules by severity. */
    bySeverity: severityCountsSchema,
    byType: z.object({ query: count, ratio: count, absence: count, audit: count, anomaly: count }),
  }),
  /** Alerts firing now, by severity. */
  firingNow: severityCountsSchema,
  /** Per UTC day: alerts that started that day by severity; of them, how many are resolved and acknowledged by now. */
  days: z.array(z.object({ day: epochMs, started: severityCountsSchema, resolved: count, acknowledged: count })),
  /** Notifications created in the range by delivery status. */
  notifications: z.object({ delivered: count, failed: count, pending: count, silenced: count }),
});
export type AlertSummary = z.infer<typeof alertSummarySchema>;
