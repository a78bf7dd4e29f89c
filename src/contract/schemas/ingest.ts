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
