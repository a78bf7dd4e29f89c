import { z } from 'zod';

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
});
export type Health = z.infer<typeof healthSchema>;
