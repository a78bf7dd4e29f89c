import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';
import { ALERT_SEVERITIES } from './alert-rules.ts';

export const ALERT_EVENT_STATES = ['firing', 'resolved'] as const;

export const alertEventSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  ruleVersion: z.number().int().positive(),
  severity: z.enum(ALERT_SEVERITIES),
  labels: z.record(z.string(), z.string()),
  groupKey: z.string(),
  state: z.enum(ALERT_EVENT_STATES),
  startsAt: epochMs,
  endsAt: epochMs.nullable(),
  value: z.number(),
  peak: z.number(),
  threshold: z.number().nullable(),
  summary: z.string(),
  /** Path in Vigil's SPA to the lines or traces behind the alert. */
  evidencePath: z.string(),
  ack: z.object({ by: z.string(), at: epochMs, note: z.string() }).nullable(),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const alertEventQuerySchema = z.strictObject({
  state: z.enum(ALERT_EVENT_STATES).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  ruleId: z.string().max(64).optional(),
  acknowledged: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: timeInput.optional(),
  to: timeInput.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `next` of the previous page. */
  cursor: z.string().max(128).optional(),
});

export const alertEventPageSchema = z.object({
  events: z.array(alertEventSchema),
  next: z.string().nullable(),
});

export const ackAlertEventSchema = z.strictObject({ note: z.string().max(1_000).default('') });
export const alertEventIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
