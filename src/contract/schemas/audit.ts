import { z } from 'zod';
import { epochMs, queryInt, timeInput } from './common.ts';
import { ctsTraceSchema } from './traces.ts';

/**
 * One record of Vigil's own audit trail, in CTS trace shape (service_type "VIGIL") so it can be
 * searched like any other trace source, plus its place in the hash chain.
 */
export const auditRecordSchema = ctsTraceSchema.extend({
  seq: z.number().int().positive(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

const multi = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

export const auditQuerySchema = z.strictObject({
  from: timeInput.optional(),
  to: timeInput.optional(),
  /** Subject or user name (exact). */
  user: multi.optional(),
  /** Action, e.g. createApiToken, searchLogs, refusedRequest. */
  action: multi.optional(),
  rating: z.enum(['normal', 'warning', 'incident']).optional(),
  limit: queryInt(z.number().int().min(1).max(500)).default(100),
  /** Opaque cursor from the previous page (records older than it). */
  cursor: z.string().regex(/^\d+$/, 'cursor from a previous page').optional(),
});

export const auditPageSchema = z.object({
  records: z.array(auditRecordSchema),
  cursor: z.string().nullable(),
  complete: z.boolean(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditVerificationSchema = z.object({
  intact: z.boolean(),
  /** Records checked, from the first. */
  checked: z.number().int().nonnegative(),
  /** The last record of the intact prefix of the chain (0 when empty or the first is broken). */
  intactUpTo: z.number().int().nonnegative(),
  firstBroken: z
    .object({ seq: z.number().int().positive(), reason: z.string() })
    .nullable(),
  verifiedAt: epochMs,
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
