import { z } from 'zod';
import { epochMs, queryInt, timeInput } from './common.ts';

/** Bounds of the log search API; the BFF enforces them and the SPA can show them. */
export const LOG_SEARCH_LIMITS = {
  maxQueryLength: 2_000,
  maxLimit: 1_000,
  defaultLimit: 100,
  /** Longest time window one request may cover. */
  maxRangeDays: 400,
  /** Default window when `from` is omitted: the last 24 hours before `to`. */
  defaultRangeMs: 86_400_000,
  maxContextLines: 200,
  defaultContextLines: 20,
  /** Facets count over at most this many matching lines (the newest). */
  facetSampleLines: 200_000,
  maxFacetFields: 8,
  maxStreamFilters: 100,
} as const;

const repeatable = (item: z.ZodString) =>
  z
    .union([item, z.array(item).max(LOG_SEARCH_LIMITS.maxStreamFilters)])
    .transform((value) => (Array.isArray(value) ? value : [value]));

const scopeName = z.string().min(1).max(128);

/** What to search: the query and where. Shared by search, histogram and facets. */
const scopeFields = {
  /** Query in the Vigil query language; empty matches every line. */
  q: z.string().max(LOG_SEARCH_LIMITS.maxQueryLength).default(''),
  /** Inclusive start; default `to` minus 24 hours. */
  from: timeInput.optional(),
  /** Exclusive end; default now. */
  to: timeInput.optional(),
  /** Log group name or id; repeatable. */
  group: repeatable(scopeName).optional(),
  /** Log stream name or id; repeatable (within the given groups when both are set). */
  stream: repeatable(scopeName).optional(),
};

export const logSearchQuerySchema = z.strictObject({
  ...scopeFields,
  order: z.enum(['newest', 'oldest']).default('newest'),
  limit: queryInt(z.number().int().min(1).max(LOG_SEARCH_LIMITS.maxLimit)).default(LOG_SEARCH_LIMITS.defaultLimit),
  /** Opaque cursor from the previous page of the same query. */
  cursor: z.string().max(512).optional(),
});

export const logHistogramQuerySchema = z.strictObject(scopeFields);

export const logFacetsQuerySchema = z.strictObject({
  ...scopeFields,
  /** Extra label or parsed field to count values of (level, hostName, appName and stream always are). */
  field: z
    .union([z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a label name'), z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a label name')).max(LOG_SEARCH_LIMITS.maxFacetFields)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
});

export const logContextQuerySchema = z.strictObject({
  /** line_num (id) of the line to show the surroundings of. */
  line: z.string().regex(/^\d{19}$/, 'a line id (19 digits)'),
  before: queryInt(z.number().int().min(0).max(LOG_SEARCH_LIMITS.maxContextLines)).default(LOG_SEARCH_LIMITS.defaultContextLines),
  after: queryInt(z.number().int().min(0).max(LOG_SEARCH_LIMITS.maxContextLines)).default(LOG_SEARCH_LIMITS.defaultContextLines),
});

/**
 * Why a result is not complete: a bound on the work of one request was reached (rows scanned,
 * time spent), the client went away, or (facets) only the newest lines were counted.
 */
export const truncatedReasonSchema = z.enum(['scan_limit', 'time_limit', 'cancelled', 'sample_limit']);
export type TruncatedReason = z.infer<typeof truncatedReasonSchema>;

/**
 * Where a remote store's (OTC) answer came from and what limited it; absent for the embedded store.
 */
export const remoteInfoSchema = z.object({
  /** Region that answered. */
  region: z.string(),
  /** A region failed during the request and the read was retried on another one. */
  retried: z.boolean(),
  /** Part of the query was applied by Vigil to the lines LTS returned. */
  localFilter: z.boolean(),
  /** Lines LTS returned for this answer, before Vigil's own filtering. */
  remoteLines: z.number().int().nonnegative(),
  /** Reads refused by LTS's read quota: these streams are missing; retry after `retryAt`. */
  throttled: z.object({ retryAt: epochMs, streams: z.array(z.string()) }).nullable(),
  /** Why LTS said its answer is incomplete, else null. */
  incomplete: z.string().nullable(),
  /**
   * The cursor came from another region (after a failover): line numbers differ between regions,
   * so this page restarted at the cursor's time and left out the lines already shown; `mayRepeat`
   * when more lines shared that millisecond than the cursor remembers.
   */
  cursorFrom: z.object({ region: z.string(), time: epochMs, mayRepeat: z.boolean() }).nullable().optional(),
});
export type RemoteInfo = z.infer<typeof remoteInfoSchema>;

/** Half-open character range [start, end) in a line's content. */
export const highlightSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const logLineSchema = z.object({
  /** line_num: 19 digits, time-ordered, unique. */
  id: z.string(),
  time: epochMs,
  group: z.string(),
  stream: z.string(),
  content: z.string(),
  labels: z.record(z.string(), z.string()),
  /** Where the query's terms, phrases, wildcards and regexes matched the content. */
  highlights: z.array(highlightSchema),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logSearchPageSchema = z.object({
  lines: z.array(logLineSchema),
  /** Continue with this cursor for the next page; null when there is nothing more. */
  cursor: z.string().nullable(),
  /** True when the pages so far hold every match in the window. */
  complete: z.boolean(),
  /** Set when this page stopped early because of a bound; the cursor resumes where it stopped. */
  truncatedReason: truncatedReasonSchema.optional(),
  /** Exact number of matches in the window, when it was cheap to know. */
  total: z.number().int().nonnegative().optional(),
  /** Lines examined for this page (index candidates or rows of a scan). */
  scanned: z.number().int().nonnegative(),
  /** Field names and substrings no index could answer here, so the lines were scanned (bounded). */
  notIndexed: z.array(z.string()).optional(),
  /** The window searched, [from, to). */
  from: epochMs,
  to: epochMs,
  remote: remoteInfoSchema.optional(),
});
export type LogSearchPage = z.infer<typeof logSearchPageSchema>;

export const logHistogramSchema = z.object({
  from: epochMs,
  to: epochMs,
  bucketMs: z.number().int().positive(),
  /** Buckets on a grid of bucketMs, clipped to [from, to); newest last. */
  buckets: z.array(
    z.object({
      start: epochMs,
      end: epochMs,
      count: z.number().int().nonnegative(),
      /** Counts per level label; lines without one count under "NONE". */
      byLevel: z.record(z.string(), z.number().int().nonnegative()),
    }),
  ),
  /** Matching lines in the buckets listed. */
  total: z.number().int().nonnegative(),
  complete: z.boolean(),
  truncatedReason: truncatedReasonSchema.optional(),
  /** When incomplete: buckets from here to `to` are exact, older ones were not counted (and are left out). */
  coveredFrom: epochMs.optional(),
  /** Field names and substrings no index could answer here, so the lines were scanned (bounded). */
  notIndexed: z.array(z.string()).optional(),
  remote: remoteInfoSchema.optional(),
});
export type LogHistogram = z.infer<typeof logHistogramSchema>;

export const logFacetsSchema = z.object({
  facets: z.array(
    z.object({
      field: z.string(),
      /** Top values, most frequent first. For `stream`, `group` names the stream's log group. */
      values: z.array(z.object({ value: z.string(), count: z.number().int().positive(), group: z.string().optional() })),
      /** Counted lines with a value outside the top list. */
      other: z.number().int().nonnegative(),
      /** Counted lines without this field. */
      missing: z.number().int().nonnegative(),
    }),
  ),
  /** Number of matching lines the counts are over. */
  lines: z.number().int().nonnegative(),
  /** Time of the oldest line counted (the counts cover it up to `to`). */
  oldestCounted: epochMs.optional(),
  complete: z.boolean(),
  truncatedReason: truncatedReasonSchema.optional(),
  from: epochMs,
  to: epochMs,
  remote: remoteInfoSchema.optional(),
});
export type LogFacets = z.infer<typeof logFacetsSchema>;

const contextLineSchema = logLineSchema.omit({ highlights: true });

export const logContextSchema = z.object({
  line: contextLineSchema,
  /** Lines just before it in its stream, oldest first. */
  before: z.array(contextLineSchema),
  /** Lines just after it, oldest first. */
  after: z.array(contextLineSchema),
  moreBefore: z.boolean(),
  moreAfter: z.boolean(),
});
export type LogContext = z.infer<typeof logContextSchema>;
