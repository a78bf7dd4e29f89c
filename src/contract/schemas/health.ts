import { z } from 'zod';
import { ingestStatusSchema } from './ingest.ts';
import { forwarderHealthSchema } from './forwarders.ts';

export const storeKind = z.enum(['embedded', 'otc']);

/** A region of a remote store (OTC), in failover order. */
export const regionStatusSchema = z.object({
  name: z.string(),
  primary: z.boolean(),
  /** Reads go to this region now. */
  serving: z.boolean(),
  /** Circuit breaker: open = failed, not used until a health check succeeds again. */
  circuit: z.enum(['closed', 'open', 'half_open']),
  /** Share of failed calls among the last 20. */
  errorRate: z.number().min(0).max(1),
  latencyMs: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
  lastCheckedAt: z.number().nullable(),
});
export type RegionStatusView = z.infer<typeof regionStatusSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  store: z.object({
    kind: storeKind,
    /** null: the store cannot tell (OTC: a stream's count is not known yet; CTS reports no totals). */
    lines: z.number().int().nonnegative().nullable(),
    traces: z.number().int().nonnegative().nullable(),
    /** OTC store: its regions; the serving one answers reads. */
    regions: z.array(regionStatusSchema).optional(),
  }),
  uptimeSeconds: z.number().nonnegative(),
  /** Live receivers (OTLP, LTS ingestion, syslog, file tail): counters and queue depth. */
  ingest: ingestStatusSchema.optional(),
  /** SIEM forwarders: state, delivered count, lag and last error. */
  forwarders: z.array(forwarderHealthSchema).optional(),
});
export type Health = z.infer<typeof healthSchema>;
