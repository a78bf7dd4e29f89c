import { z } from 'zod';
import { ROLES } from '../roles.ts';

/** What the SPA needs to sign in; served at runtime so one build fits every deployment. */
export const authConfigSchema = z.object({
  issuer: z.string().url(),
  clientId: z.string(),
  scope: z.string(),
  /** Resource indicator (RFC 8707) naming the Vigil API, sent on the authorization request. */
  resource: z.string().nullable(),
  /** Bind tokens to a browser-held key (DPoP, RFC 9449). */
  dpop: z.boolean(),
  /** acr value to request for a step-up (multi-factor) sign-in. */
  mfaAcrValue: z.string(),
  /** True when Vigil runs its embedded demo provider. */
  embeddedProvider: z.boolean(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const roleSchema = z.enum(ROLES);

export const meSchema = z.object({
  subject: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  kind: z.enum(['user', 'api-token']),
  multiFactor: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;
