import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';

export const ANOMALY_KINDS = ['log_volume', 'log_error_ratio', 'audit_behaviour', 'audit_volume'] as const;
export const anomalyKindSchema = z.enum(ANOMALY_KINDS);
export type AnomalyKind = z.infer<typeof anomalyKindSchema>;

export const anomalySubjectSchema = z.union([
  z.object({ group: z.string(), stream: z.string() }),
  z.object({ user: z.string() }),
  z.object({ service: z.string() }),
]);
export type AnomalySubject = z.infer<typeof anomalySubjectSchema>;

export const anomalyFeedbackSchema = z.object({
  verdict: z.enum(['expected', 'confirmed']),
  note: z.string(),
  by: z.string(),
  at: epochMs,
});
export type AnomalyFeedback = z.infer<typeof anomalyFeedbackSchema>;

/**
 * One anomaly: a window of adjacent unusual buckets of one series. `actual` and `expected` are
 * sums over the window (ratios for log_error_ratio), `lower`/`upper` the band of the sum
 * (expected -/+ 3 sigma), `deviation` = (actual - expected) / sigma of the sum, `peakScore` the
 * worst bucket's score. score = 100 x (1 - exp(-(|z| - 3) / 4)) of the worst bucket's z (rises),
 * or of the larger of it and `deviation` (drops).
 */
export const anomalySchema = z.object({
  id: z.string(),
  kind: anomalyKindSchema,
  subject: anomalySubjectSchema,
  start: epochMs,
  end: epochMs,
  bucketMs: z.number().int().positive(),
  unit: z.enum(['lines', 'ratio', 'operations', 'rated traces', 'points']),
  actual: z.number(),
  expected: z.number(),
  lower: z.number(),
  upper: z.number(),
  deviation: z.number(),
  score: z.number().int().min(0).max(100),
  direction: z.enum(['up', 'down']),
  basis: z.enum(['hour_of_week', 'hour_of_day', 'history']),
  /** One line for lists; the detail has the full explanation. */
  summary: z.string(),
  feedback: anomalyFeedbackSchema.nullable(),
});
export type Anomaly = z.infer<typeof anomalySchema>;

const subjectFilters = {
  group: z.string().max(64).optional(),
  stream: z.string().max(64).optional(),
  user: z.string().max(256).optional(),
  service: z.string().max(64).optional(),
};

export const anomalyListQuerySchema = z.strictObject({
  from: timeInput.optional(),
  to: timeInput.optional(),
  kind: anomalyKindSchema.optional(),
  ...subjectFilters,
  minScore: z.coerce.number().int().min(0).max(100).default(0),
  sort: z.enum(['time', 'score']).default('time'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

export const anomalyListSchema = z.object({
  from: epochMs,
  to: epochMs,
  anomalies: z.array(anomalySchema),
  cursor: z.string().nullable(),
  complete: z.boolean(),
  /** Buckets are judged only once complete: nothing after this time is evaluated yet. */
  evaluatedUntil: epochMs,
});
export type AnomalyList = z.infer<typeof anomalyListSchema>;

export const anomalySeriesQuerySchema = z.strictObject({
  kind: anomalyKindSchema,
  ...subjectFilters,
  from: timeInput.optional(),
  to: timeInput.optional(),
});

export const anomalySeriesPointSchema = z.object({
  time: epochMs,
  /** null: no data in the bucket (no lines for a ratio). */
  actual: z.number().nullable(),
  /** null: not evaluable (too little history). */
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  score: z.number().int().min(0).max(100),
});

export const anomalySeriesSchema = z.object({
  kind: anomalyKindSchema,
  subject: anomalySubjectSchema,
  from: epochMs,
  to: epochMs,
  bucketMs: z.number().int().positive(),
  unit: anomalySchema.shape.unit,
  points: z.array(anomalySeriesPointSchema),
  evaluatedUntil: epochMs,
});
export type AnomalySeries = z.infer<typeof anomalySeriesSchema>;

export const anomalyIdParamsSchema = z.strictObject({ id: z.string().min(1).max(600) });
export const anomalyDetailQuerySchema = z.strictObject({
  /** Minutes before the anomaly in which CTS changes are listed. */
  changesWindow: z.coerce.number().int().min(5).max(1440).default(60),
});

export const anomalyContributorSchema = z.object({
  field: z.string(),
  value: z.string(),
  /** In the anomaly's window, and in a baseline window of the same length. */
  actual: z.number(),
  baseline: z.number(),
});

export const anomalyChangeSchema = z.object({
  trace_id: z.string(),
  time: epochMs,
  trace_name: z.string(),
  service_type: z.string(),
  resource_type: z.string(),
  resource_name: z.string(),
  resource_id: z.string(),
  user: z.string(),
  source_ip: z.string(),
  trace_rating: z.enum(['normal', 'warning', 'incident']),
  /** Why it is ranked where it is: same_host, same_resource, same_user; empty when only near in time. */
  relation: z.array(z.enum(['same_host', 'same_resource', 'same_user'])),
});

export const anomalyDetailSchema = z.object({
  anomaly: anomalySchema,
  explanation: z.object({
    sentence: z.string(),
    contributors: z.array(anomalyContributorSchema),
    /** The baseline window the contributors are compared with. */
    baselineFrom: epochMs.nullable(),
    baselineTo: epochMs.nullable(),
    /** Lines or traces examined in the window, and whether that was all of them. */
    examined: z.number().int().nonnegative(),
    complete: z.boolean(),
  }),
  changes: z.object({
    from: epochMs,
    to: epochMs,
    traces: z.array(anomalyChangeSchema),
    complete: z.boolean(),
  }),
  /** Search and audit-trail queries that show what is behind the anomaly. */
  links: z.object({
    search: z.object({ q: z.string(), group: z.string(), stream: z.string(), from: epochMs, to: epochMs }).nullable(),
    audit: z.object({ user: z.string().nullable(), service: z.string().nullable(), from: epochMs, to: epochMs }).nullable(),
  }),
});
export type AnomalyDetail = z.infer<typeof anomalyDetailSchema>;

export const anomalyFeedbackBodySchema = z.strictObject({
  verdict: z.enum(['expected', 'confirmed']),
  note: z.string().max(1000).default(''),
});

export const anomalySummaryQuerySchema = z.strictObject({
  from: timeInput.optional(),
  to: timeInput.optional(),
});

export const anomalySummarySchema = z.object({
  from: epochMs,
  to: epochMs,
  /** Per UTC day: anomalies by severity (high: score >= 80, medium: 50-79, low: below 50). */
  days: z.array(z.object({ day: epochMs, high: z.number().int(), medium: z.number().int(), low: z.number().int() })),
  /** Subjects x days with the highest score; empty when masked (managers). */
  cells: z.array(z.object({ subject: z.string(), kind: anomalyKindSchema, day: epochMs, maxScore: z.number().int(), count: z.number().int(), anomalyId: z.string() })),
  masked: z.boolean(),
  evaluatedUntil: epochMs,
});
export type AnomalySummary = z.infer<typeof anomalySummarySchema>;
