import { z } from 'zod';

const count = z.number().int().nonnegative();

/** One receiver's counters since Vigil started. */
export const ingestReceiverStatusSchema = z.object({
  /** otlp, lts, syslog-udp, syslog-tcp, syslog-tls, file:<path> */
  name: z.string(),
  /** Lines that arrived (parsed into entries), accepted or not. */
  received: count,
  /** Lines durably in the store. */
  committed: count,
  /** Lines refused, by reason (queue_full, rate_limited, forbidden_group, store_error, …). */
  rejected: z.record(z.string(), count),
  /** Kept, but cut to the size limit (marker and original length in the line). */
  truncated: count,
  /** Kept with the receive time; the claimed time was too far in the future (label `claimedTime`). */
  futureTimes: count,
  /** Syslog messages that matched neither RFC 5424 nor RFC 3164: kept as raw lines. */
  malformed: count,
  /** UDP only: messages missing by sequence number (RFC 5424 meta sequenceId) and kernel drops. */
  sequenceGaps: count.optional(),
  kernelDrops: count.optional(),
  lastCommitAt: z.number().nullable(),
});
export type IngestReceiverStatus = z.infer<typeof ingestReceiverStatusSchema>;

export const ingestStatusSchema = z.object({
  queue: z.object({ lines: count, bytes: count, maxLines: count, maxBytes: count }),
  receivers: z.array(ingestReceiverStatusSchema),
});
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

/** A token that may only push lines to the named log groups (its secret is never listed). */
export const ingestTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  groups: z.array(z.string()),
  /** Lines per second; null: Vigil's default. */
  ratePerSecond: z.number().int().positive().nullable(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
export type IngestTokenView = z.infer<typeof ingestTokenSchema>;

export const ingestOverviewSchema = z.object({
  /** null when this Vigil runs no receivers (e.g. the OTC store). */
  status: ingestStatusSchema.nullable(),
  tokens: z.array(ingestTokenSchema),
});
export type IngestOverview = z.infer<typeof ingestOverviewSchema>;

const groupName = z.string().min(1).max(64).regex(/^(?![._])[A-Za-z0-9_.-]*[A-Za-z0-9_-]$|^[A-Za-z0-9-]$/, 'a log group name: letters, digits, _ - .');

export const createIngestTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'a name is required').max(64).regex(/^[\p{L}\p{N} _.:-]+$/u, 'letters, digits, spaces and _ . : - only'),
  groups: z.array(groupName).min(1, 'at least one log group').max(50),
  expiresInDays: z.number().int().min(1).max(365),
  ratePerSecond: z.number().int().min(1).max(10_000_000).nullable().default(null),
});
export type CreateIngestToken = z.infer<typeof createIngestTokenSchema>;

export const createdIngestTokenSchema = z.object({ token: ingestTokenSchema, secret: z.string() });
