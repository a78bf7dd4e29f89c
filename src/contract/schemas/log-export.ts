import { z } from 'zod';
import { epochMs, queryInt } from './common.ts';
import { logHistogramQuerySchema, logLineSchema } from './log-search.ts';

/** Bounds of exports and live tails; the BFF enforces them and the SPA states them. */
export const LOG_EXPORT_LIMITS = {
  defaultRowCap: 100_000,
  maxRowCap: 1_000_000,
  /** An export that runs this long stops and says so in the file. */
  maxSeconds: 600,
  /** Live tails one user may hold open at once. */
  maxTailsPerUser: 3,
} as const;

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The search scope (q, from, to, group, stream) plus the file format and the row cap. */
export const logExportQuerySchema = logHistogramQuerySchema.extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Most rows written; when reached, the file ends with a truncation marker. */
  limit: queryInt(z.number().int().min(1).max(LOG_EXPORT_LIMITS.maxRowCap)).default(LOG_EXPORT_LIMITS.defaultRowCap),
});

/**
 * What the export stream holds, for the OpenAPI document: one row per line, newest first (CSV
 * columns in this order, or one JSON object per NDJSON line), then, only when a bound stopped it,
 * a last row naming the bound: `# truncated: row cap 100000 reached` (CSV) or
 * `{"truncated":true,"rowCap":100000}` (NDJSON).
 */
export const logExportRowSchema = z.union([
  z.object({
    time: z.string().describe('ISO-8601 UTC in CSV; epoch ms in NDJSON'),
    id: z.string(),
    group: z.string(),
    stream: z.string(),
    level: z.string(),
    hostName: z.string(),
    appName: z.string(),
    content: z.string(),
    labels: z.record(z.string(), z.string()),
  }),
  z.object({ truncated: z.literal(true), rowCap: z.number().int().optional(), timeLimitSeconds: z.number().int().optional() }),
]);

/** Live tail: the query and where; the tail starts now (or after Last-Event-ID). */
export const logTailQuerySchema = logHistogramQuerySchema.omit({ from: true, to: true });

/**
 * What the event stream holds: `event: line` with `id: <line id>` and a log line as data;
 * `event: notice` with a message (e.g. a resume point that no longer exists); `event: pace`,
 * `event: throttled` and `event: resumed` on stores with read quotas; `: heartbeat` comments
 * every 15 seconds.
 */
export const logTailEventSchema = z.union([
  logLineSchema.describe('event: line'),
  z.object({ message: z.string(), time: epochMs }).describe('event: notice'),
  /** A store with read quotas (OTC) polls this often, and why. */
  z.object({ pollMs: z.number().int().positive(), reason: z.string(), time: epochMs }).describe('event: pace'),
  /** A poll was refused by the read quota for these streams: the tail reads the same window again after `retryAt`. */
  z.object({ retryAt: epochMs, streams: z.array(z.string()), time: epochMs }).describe('event: throttled'),
  /** Reads succeed again after `throttled`; the lines of the waiting time follow. */
  z.object({ time: epochMs }).describe('event: resumed'),
]);
