import { z } from 'zod';
import { epochMs } from './common.ts';
import { ROLES } from '../roles.ts';

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** First characters of the secret, to recognise it; the rest is never shown again. */
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: epochMs,
  expiresAt: epochMs,
  revokedAt: epochMs.nullable(),
  lastUsedAt: epochMs.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const createApiTokenSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'a name is required')
    .max(64)
    .regex(/^[\p{L}\p{N} _.:-]+$/u, 'letters, digits, spaces and _ . : - only'),
  role: z.enum(ROLES),
  expiresInDays: z.number().int().min(1).max(365),
});
export type CreateApiToken = z.infer<typeof createApiTokenSchema>;

/** The created token with its secret, shown once. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
