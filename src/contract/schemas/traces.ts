import { z } from 'zod';
import { epochMs } from './common.ts';

export const TRACE_RATINGS = ['normal', 'warning', 'incident'] as const;
export const TRACE_TYPES = ['ConsoleAction', 'ApiCall', 'SystemAction'] as const;

/** A CTS v3 trace record with every documented field (see the CTS trace structure). */
export const ctsTraceSchema = z.object({
  trace_id: z.string().min(1).max(64),
  trace_name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'operation name: 1–64 chars starting with a letter'),
  trace_rating: z.enum(TRACE_RATINGS),
  trace_type: z.enum(TRACE_TYPES),
  service_type: z.string().min(1).max(64),
  resource_type: z.string().max(128),
  resource_id: z.string().max(256),
  resource_name: z.string().max(256),
  user: z.object({
    id: z.string(),
    name: z.string(),
    domain: z.object({ id: z.string(), name: z.string() }),
  }),
  source_ip: z.string().max(64),
  request: z.string(),
  response: z.string(),
  code: z.string().max(8),
  message: z.string(),
  time: epochMs,
  record_time: epochMs,
  request_id: z.string().max(128),
  api_version: z.string().max(32),
  endpoint: z.string().max(256),
  resource_url: z.string().max(1024),
  location_info: z.string(),
});
export type CtsTrace = z.infer<typeof ctsTraceSchema>;
export type TraceRating = CtsTrace['trace_rating'];
