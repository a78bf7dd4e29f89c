import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';

export const SILENCE_LIMITS = { maxMatchers: 20, maxComment: 500, maxActive: 1000 } as const;

const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'a label name');

/** Equality matchers on alert labels (plus alertname, severity, ruleId). */
export const labelMatcherSchema = z.strictObject({
  label: labelName,
  op: z.enum(['=', '!=']),
  value: z.string().max(256),
});
export type LabelMatcher = z.infer<typeof labelMatcherSchema>;

/** A weekly recurring window (maintenance); absent: active the whole time between start and end. */
export const recurrenceSchema = z.strictObject({
  /** 0 = Sunday … 6 = Saturday, in `timeZone`. */
  weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  startMinute: z.number().int().min(0).max(1439),
  durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
  timeZone: z.string().min(1).max(64),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const createSilenceSchema = z
  .strictObject({
    kind: z.enum(['silence', 'maintenance']).default('silence'),
    matchers: z.array(labelMatcherSchema).min(1, 'at least one matcher').max(SILENCE_LIMITS.maxMatchers),
    startsAt: timeInput,
    endsAt: timeInput,
    comment: z.string().trim().min(1, 'a comment saying why is required').max(SILENCE_LIMITS.maxComment),
    recurrence: recurrenceSchema.optional(),
  })
  .refine((s) => s.startsAt < s.endsAt, { message: '"startsAt" must be before "endsAt"', path: ['endsAt'] })
  .refine((s) => s.kind === 'maintenance' || !s.recurrence, { message: 'only maintenance windows recur', path: ['recurrence'] });

export const silenceIdParamsSchema = z.strictObject({ id: z.string().uuid() });

export const silenceSchema = z.object({
  id: z.string(),
  kind: z.enum(['silence', 'maintenance']),
  matchers: z.array(labelMatcherSchema),
  startsAt: epochMs,
  endsAt: epochMs,
  comment: z.string(),
  recurrence: recurrenceSchema.optional(),
  createdBy: z.string(),
  createdAt: epochMs,
  /** Set when someone expired it before its end. */
  expiredBy: z.string().optional(),
  expiredAt: epochMs.optional(),
  /** Derived at read time. */
  status: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof silenceSchema>;

export const silenceListQuerySchema = z.strictObject({ include: z.enum(['current', 'all']).default('current') });
export const silenceListSchema = z.object({ silences: z.array(silenceSchema) });
