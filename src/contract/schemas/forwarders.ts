import { z } from 'zod';
import { TRACE_RATINGS, TRACE_TYPES } from './traces.ts';

const count = z.number().int().nonnegative();
const text = (max: number) => z.string().trim().min(1).max(max);
const list = (item: z.ZodType<string>) => z.array(item).max(50, 'at most 50 values').default([]);

/** "group" (every stream of it) or "group/stream". */
const streamRef = z.string().min(1).max(129).regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.:${}-]+)?$/, 'a log group, or group/stream');

/** What a forwarder reads: log lines matching a query, or CTS traces matching CTS filters. */
export const forwardSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('logs'),
    /** Vigil query language; empty forwards every line. */
    query: z.string().max(2000).default(''),
    /** Empty: every stream. */
    streams: z.array(streamRef).max(50).default([]),
  }),
  z.strictObject({
    kind: z.literal('traces'),
    service_type: list(text(64)),
    trace_name: list(text(64)),
    trace_rating: z.array(z.enum(TRACE_RATINGS)).max(3).default([]),
    trace_type: z.array(z.enum(TRACE_TYPES)).max(3).default([]),
    resource_type: list(text(128)),
    user: list(text(256)),
  }),
]);
export type ForwardSource = z.infer<typeof forwardSourceSchema>;

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);
const hecName = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_:.\-/]+$/, 'letters, digits and _ : . - / only');

/** Where and how to send. Secrets (the HEC token) are write-only: never in the view. */
export const forwardDestinationInputSchema = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('hec'),
    /** Base URL of the HTTP Event Collector, e.g. https://splunk.example.com:8088 */
    url: z.string().trim().min(1).max(2048),
    /** Write-only; omitted on update keeps the stored one. */
    token: z.string().min(1).max(256).optional(),
    index: hecName.optional(),
    sourcetype: hecName.optional(),
    /** Indexer acknowledgement: the cursor moves only when Splunk reports the events indexed. */
    ack: z.boolean().default(false),
  }),
  z.strictObject({
    format: z.literal('gelf'),
    host,
    port,
    /** UDP: gzip, chunked (no acknowledgement possible); TCP: null-delimited frames. */
    transport: z.enum(['udp', 'tcp']),
  }),
  z.strictObject({
    format: z.literal('cef'),
    host,
    port,
    /** RFC 5424 with octet-counting framing (RFC 6587) over TCP, or over TLS (RFC 5425). */
    transport: z.enum(['tcp', 'tls']),
    /** PEM of the CA that signed the receiver's certificate; omitted: the system's CAs. */
    caPem: z.string().max(20_000).optional(),
  }),
]);
export type ForwardDestinationInput = z.infer<typeof forwardDestinationInputSchema>;

export const forwardDestinationViewSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('hec'), url: z.string(), index: z.string().optional(), sourcetype: z.string().optional(), ack: z.boolean(), tokenSet: z.boolean() }),
  z.object({ format: z.literal('gelf'), host: z.string(), port, transport: z.enum(['udp', 'tcp']) }),
  z.object({ format: z.literal('cef'), host: z.string(), port, transport: z.enum(['tcp', 'tls']), caSet: z.boolean() }),
]);
export type ForwardDestinationView = z.infer<typeof forwardDestinationViewSchema>;

export const FORWARD_LIMITS = { batchSize: { min: 1, max: 5000 }, settleSeconds: { min: 0, max: 3600 } } as const;

const forwarderFields = {
  name: z.string().trim().min(1, 'a name is required').max(64).regex(/^[\p{L}\p{N} _.:()-]+$/u, 'letters, digits, spaces and _ . : ( ) - only'),
  enabled: z.boolean().default(true),
  source: forwardSourceSchema,
  destination: forwardDestinationInputSchema,
  /** Events per request / connection. */
  batchSize: z.number().int().min(FORWARD_LIMITS.batchSize.min).max(FORWARD_LIMITS.batchSize.max).default(500),
  /**
   * Lines are forwarded once they are this old, so lines committed a moment late (queue, clock
   * skew between senders) are not passed by the cursor.
   */
  settleSeconds: z.number().int().min(FORWARD_LIMITS.settleSeconds.min).max(FORWARD_LIMITS.settleSeconds.max).default(30),
};

export const createForwarderSchema = z.strictObject({
  ...forwarderFields,
  /** Forward what arrived from this time on (epoch ms); default: from now. At most 30 days back. */
  startAt: z.number().int().nonnegative().optional(),
});
export type CreateForwarder = z.infer<typeof createForwarderSchema>;

export const updateForwarderSchema = z.strictObject(forwarderFields);
export type UpdateForwarder = z.infer<typeof updateForwarderSchema>;

export const forwarderStatusSchema = z.object({
  /** ok: caught up or sending; retrying: the last attempt failed; disabled; unavailable: cannot run here. */
  state: z.enum(['ok', 'retrying', 'disabled', 'unavailable']),
  /** Events the destination acknowledged since the forwarder was created. */
  delivered: count,
  lastDeliveredAt: z.number().nullable(),
  /** Everything up to this time (epoch ms) was acknowledged. */
  cursorTime: z.number(),
  /** Seconds between now and the cursor (settle delay included); null while disabled. */
  lagSeconds: z.number().nonnegative().nullable(),
  /** Failed attempts in a row; the next one is due at `nextAttemptAt`. */
  failures: count,
  nextAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
});
export type ForwarderStatus = z.infer<typeof forwarderStatusSchema>;

export const forwarderSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  source: forwardSourceSchema,
  destination: forwardDestinationViewSchema,
  batchSize: z.number().int(),
  settleSeconds: z.number().int(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedBy: z.string(),
  updatedAt: z.number(),
  status: forwarderStatusSchema,
});
export type Forwarder = z.infer<typeof forwarderSchema>;

export const forwarderListSchema = z.object({ forwarders: z.array(forwarderSchema) });
export type ForwarderList = z.infer<typeof forwarderListSchema>;

export const forwarderIdParamsSchema = z.strictObject({ id: z.string().uuid() });

/** What /api/health shows per forwarder. */
export const forwarderHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(['hec', 'gelf', 'cef']),
  state: forwarderStatusSchema.shape.state,
  delivered: count,
  lagSeconds: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
});
