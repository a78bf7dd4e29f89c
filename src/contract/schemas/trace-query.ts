import { z } from 'zod';
import { epochMs, queryInt, timeInput } from './common.ts';
import { ctsTraceSchema, TRACE_RATINGS, TRACE_TYPES } from './traces.ts';

/** A repeatable query parameter: `?user=a&user=b` arrives as an array, `?user=a` as a string. */
const many = <T extends z.ZodType<string>>(item: T) =>
  z
    .union([item, z.array(item).max(50, 'at most 50 values per filter')])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[])
    .optional();

const text = (max: number) => z.string().min(1).max(max);

/** Pseudonyms stand for a person or address where personal data is masked (managers' views). */
export const userPseudonym = /^user-[0-9a-f]{8}$/;
export const ipPseudonym = /^ip-[0-9a-f]{8}$/;

/** Exact address, network in CIDR notation (IPv4 or IPv6), or an address pseudonym. */
export const sourceIpFilter = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.string().regex(ipPseudonym)], {
  error: 'an IPv4/IPv6 address, a network in CIDR notation (10.0.0.0/8) or an address pseudonym (ip-…)',
});

/** A status code (`404`) or a class of them (`4xx`). */
export const codeFilter = z.string().regex(/^[1-5](xx|\d\d)$/, 'a status code like 404 or a class like 2xx, 4xx, 5xx');

/**
 * Filters shared by the trace list, timeline and facets. Names follow the CTS query parameters;
 * every filter is repeatable: values of one filter are alternatives (OR), different filters all
 * apply (AND). Without `from`/`to` the last 7 days up to now are searched; `to` is exclusive.
 * Callers who see masked data (managers) may filter by user and source_ip only with pseudonyms,
 * and not by resource or request ids, resource names or free text (which searches resource names).
 */
export const traceFilterShape = {
  from: timeInput.optional(),
  to: timeInput.optional(),
  service_type: many(text(64)),
  resource_type: many(text(128)),
  trace_name: many(text(64)),
  trace_rating: many(z.enum(TRACE_RATINGS)),
  trace_type: many(z.enum(TRACE_TYPES)),
  /** User name or user id, exact, or a user pseudonym (user-…). */
  user: many(text(256)),
  source_ip: many(sourceIpFilter),
  /** Part of the resource id, case-insensitive. */
  resource_id: many(text(256)),
  /** Part of the resource name, case-insensitive. */
  resource_name: many(text(256)),
  /**
   * Free text: part of the operation (trace_name) or of the resource name, case-insensitive; a
   * trace matches a value when either contains it. Like resource_name, refused for masked callers.
   */
  text: many(text(256)),
  request_id: many(text(128)),
  code: many(codeFilter),
};

export const traceListQuerySchema = z.strictObject({
  ...traceFilterShape,
  limit: queryInt(z.number().int().min(1).max(500)).default(50),
  /** Opaque cursor from the previous page: the next page holds the traces older than it. */
  cursor: z.string().max(128).optional(),
});

export const traceTimelineQuerySchema = z.strictObject(traceFilterShape);

export const traceFacetsQuerySchema = z.strictObject({
  ...traceFilterShape,
  /** How many values per facet, most frequent first. */
  top: queryInt(z.number().int().min(1).max(50)).default(10),
});

export const traceIdParamsSchema = z.strictObject({ traceId: z.string().min(1).max(64) });

/** Badges computed on the server; `history_days` says how far back the store could look. */
export const traceSignalSchema = z.discriminatedUnion('kind', [
  /** The user's first action from this address within the last 30 days, or within a day after it. */
  z.object({ kind: z.literal('new_source_ip'), first_seen: epochMs, history_days: z.number().int().nonnegative() }),
  /** The first time the user called this operation in the stored history. */
  z.object({ kind: z.literal('first_operation'), history_days: z.number().int().nonnegative() }),
  /** Under 5 % of the user's actions in the 30 days before fell in this UTC hour of day. */
  z.object({
    kind: z.literal('unusual_hour'),
    hour_utc: z.number().int().min(0).max(23),
    share: z.number().min(0).max(1),
    traces: z.number().int().nonnegative(),
  }),
]);
export type TraceSignal = z.infer<typeof traceSignalSchema>;

/** One row of the trace list: the record without its bodies, plus its signals. */
export const traceSummarySchema = ctsTraceSchema
  .omit({ request: true, response: true, message: true, location_info: true, endpoint: true, resource_url: true, record_time: true })
  .extend({ signals: z.array(traceSignalSchema) });
export type TraceSummary = z.infer<typeof traceSummarySchema>;

const rangeShape = { from: epochMs, to: epochMs };

/**
 * Where a remote store's (OTC) answer came from: the region, whether a failed region's read was
 * retried on another, and a retention limit that cut the window (CTS answers the last 7 days
 * only: `reachable_from` is where the answer begins, `limit` says why). Absent for the embedded store.
 */
export const traceRemoteSchema = z.object({
  region: z.string(),
  retried: z.boolean(),
  reachable_from: epochMs.nullable(),
  limit: z.string().nullable(),
});
export type TraceRemote = z.infer<typeof traceRemoteSchema>;

export const traceListSchema = z.object({
  ...rangeShape,
  traces: z.array(traceSummarySchema),
  /**
   * Pass as `cursor` for the next page; null when this page is the last. A page that had to
   * walk many non-matching traces (networks, substrings) stops after a moment and may hold fewer
   * than `limit` traces, even none, while `cursor` says where to go on.
   */
  cursor: z.string().nullable(),
  /** False also when the store could not reach back to `from` (see `remote.reachable_from`). */
  complete: z.boolean(),
  remote: traceRemoteSchema.optional(),
});
export type TraceList = z.infer<typeof traceListSchema>;

/** The log search that finds what the systems logged around a trace. */
export const traceCorrelationSchema = z.object({ query: z.string(), ...rangeShape });
export type TraceCorrelation = z.infer<typeof traceCorrelationSchema>;

export const traceDetailSchema = z.object({
  /** The full record; secrets in bodies and headers are replaced by "[REDACTED]". */
  trace: ctsTraceSchema,
  /** Where something was redacted, e.g. `request.auth.identity.password.user.password`. */
  redactions: z.array(z.string()),
  signals: z.array(traceSignalSchema),
  correlation: traceCorrelationSchema,
});
export type TraceDetail = z.infer<typeof traceDetailSchema>;

export const timelineBucketSchema = z.object({
  start: epochMs,
  normal: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  incident: z.number().int().nonnegative(),
});

/** A single trace on the timeline; `user` and `source_ip` are left out for callers who see masked data. */
export const timelinePointSchema = z.object({
  time: epochMs,
  trace_id: z.string(),
  service_type: z.string(),
  trace_name: z.string(),
  trace_rating: z.enum(TRACE_RATINGS),
  user: z.string().optional(),
  source_ip: z.string().optional(),
});

export const traceTimelineSchema = z.object({
  ...rangeShape,
  bucket_ms: z.number().int().positive(),
  buckets: z.array(timelineBucketSchema),
  total: z.number().int().nonnegative(),
  /** `points` when `total` is at most `max_points` (then `points` holds every match), else `counts`. */
  detail: z.enum(['points', 'counts']),
  max_points: z.number().int().positive(),
  points: z.array(timelinePointSchema),
  /** Personal data is masked for this caller (managers): points carry no user or address. */
  masked: z.boolean(),
  /**
   * Set when the counts cover only [covered_from, to): a resource_id/resource_name/text substring
   * has no index, and its search stopped after a moment. Absent or null: the whole range.
   */
  covered_from: epochMs.nullable().optional(),
  remote: traceRemoteSchema.optional(),
});
export type TraceTimeline = z.infer<typeof traceTimelineSchema>;

export const facetValueSchema = z.object({ value: z.string(), count: z.number().int().positive() });

const facetSchema = z.object({
  values: z.array(facetValueSchema),
  /** How many different values matched; more than `values.length` means the list was cut at `top`. */
  distinct: z.number().int().nonnegative(),
});

export const TRACE_FACETS = ['user', 'source_ip', 'service_type', 'trace_name', 'resource_type'] as const;
export type TraceFacetName = (typeof TRACE_FACETS)[number];

/**
 * Value counts per facet. Each facet applies every filter except its own, so the values next to
 * a selected one stay visible for adding; `total` applies them all.
 */
export const traceFacetsSchema = z.object({
  ...rangeShape,
  total: z.number().int().nonnegative(),
  /** As for the timeline: when set, the counts cover only [covered_from, to). */
  covered_from: epochMs.nullable().optional(),
  remote: traceRemoteSchema.optional(),
  facets: z.object({
    user: facetSchema,
    source_ip: facetSchema,
    service_type: facetSchema,
    trace_name: facetSchema,
    resource_type: facetSchema,
  }),
});
export type TraceFacets = z.infer<typeof traceFacetsSchema>;
