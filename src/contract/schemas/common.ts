import { z } from 'zod';

/** Epoch milliseconds (UTC). The API also accepts ISO-8601 strings on input. */
export const epochMs = z.number().int().nonnegative();

/** Accepts epoch milliseconds (number or digits) or an ISO-8601 date-time, yields epoch ms. */
export const timeInput = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const ms = Number(value);
    if (Number.isSafeInteger(ms) && ms >= 0) return ms;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO-8601 date-time with zone' });
  return z.NEVER;
});

/** LTS resource names: 1–64 of letters, digits, _ - . ; not starting with . or _, not ending with . */
export const ltsName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^(?![._])[A-Za-z0-9_.-]*[A-Za-z0-9_-]$|^[A-Za-z0-9-]$/, 'letters, digits, _ - . ; may not start with . or _ nor end with .');

export const tags = z.record(z.string().max(128), z.string().max(255));

/**
 * An integer query parameter: decimal digits only. z.coerce.number() would also take "0x10",
 * "1e1" or " 16" (Number() semantics); a query string is text and says what it means.
 */
export function queryInt(inner: z.ZodNumber) {
  return z.preprocess((value) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value), inner);
}
