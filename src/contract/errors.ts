import { z } from 'zod';

/** Machine-readable error codes used in the error envelope. */
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'mfa_required',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'conflict',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** A problem at a place in the input: a field path, and a character offset where one applies. */
export const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
  position: z.number().int().nonnegative().optional(),
});
export type InputIssue = z.infer<typeof issueSchema>;
