import { z } from 'zod';
import { epochMs, ltsName, tags } from './common.ts';

/** A log stream as LTS models it; a stream's own ttl_in_days overrides its group's when set. */
export const logStreamSchema = z.object({
  log_stream_id: z.string(),
  log_stream_name: ltsName,
  ttl_in_days: z.number().int().min(1).max(365).nullable(),
  creation_time: epochMs,
  tag: tags,
  /**
   * Lines in the stream; null when the store cannot tell (OTC: LTS has not been asked yet, refused
   * the count or reported it incomplete). Then `latest_time` null means unknown too, not empty.
   */
  line_count: z.number().int().nonnegative().nullable(),
  /** Time of the newest line in the stream, null when empty (or, with `line_count` null, unknown). */
  latest_time: epochMs.nullable(),
  /** Remote stores count periodically: when this stream's count was taken. Absent: counted live. */
  counted_at: epochMs.optional(),
});
export type LogStream = z.infer<typeof logStreamSchema>;

export const logGroupSchema = z.object({
  log_group_id: z.string(),
  log_group_name: ltsName,
  ttl_in_days: z.number().int().min(1).max(365),
  creation_time: epochMs,
  tag: tags,
  /** Sum over the streams; null when any stream's count is unknown. */
  line_count: z.number().int().nonnegative().nullable(),
  log_streams: z.array(logStreamSchema),
});
export type LogGroup = z.infer<typeof logGroupSchema>;

export const logGroupListSchema = z.object({ log_groups: z.array(logGroupSchema) });
export type LogGroupList = z.infer<typeof logGroupListSchema>;
