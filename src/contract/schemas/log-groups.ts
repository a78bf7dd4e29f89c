import { z } from 'zod';
import { epochMs, ltsName, tags } from './common.ts';

/** A log stream as LTS models it; a stream's own ttl_in_days overrides its group's when set. */
export const logStreamSchema = z.object({
  log_stream_id: z.string(),
  log_stream_name: ltsName,
  ttl_in_days: z.number().int().min(1).max(365).nullable(),
  creation_time: epochMs,
  tag: tags,
  line_count: z.number().int().nonnegative(),
  /** Time of the newest line in the stream, null when empty. */
  latest_time: epochMs.nullable(),
});
export type LogStream = z.infer<typeof logStreamSchema>;

export const logGroupSchema = z.object({
  log_group_id: z.string(),
  log_group_name: ltsName,
  ttl_in_days: z.number().int().min(1).max(365),
  creation_time: epochMs,
  tag: tags,
  line_count: z.number().int().nonnegative(),
  log_streams: z.array(logStreamSchema),
});
export type LogGroup = z.infer<typeof logGroupSchema>;

export const logGroupListSchema = z.object({ log_groups: z.array(logGroupSchema) });
export type LogGroupList = z.infer<typeof logGroupListSchema>;
