import { z } from 'zod';
import { ingestStatusSchema } from './ingest.ts';

export const storeKind = z.enum(['embedded', 'otc']);

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  store: z.object({
    kind: storeKind,
    lines: z.number().int().nonnegative(),
    traces: z.number().int().nonnegative(),
  }),
  uptimeSeconds: z.number().nonnegative(),
  /** Live receivers (OTLP, LTS ingestion, syslog, file tail): counters and queue depth. */
  ingest: ingestStatusSchema.optional(),
});
export type Health = z.infer<typeof healthSchema>;
