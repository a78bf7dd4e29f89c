import type { Health } from '../contract/schemas/health.ts';
import type { LogGroup, LogGroupList, LogStream } from '../contract/schemas/log-groups.ts';

/**
 * Factories for contract-shaped test data. Every factory takes overrides so a test states only
 * what it is about. Times are fixed, not `Date.now()`, so rendered text is stable.
 */
export const FIXED_NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

export function makeHealth(overrides: Partial<Health> = {}): Health {
  return {
    status: 'ok',
    version: '0.1.0',
    store: { kind: 'embedded', lines: 1_284_311, traces: 48_902 },
    uptimeSeconds: 93_784,
    ...overrides,
  };
}

let streamSeq = 0;
export function makeLogStream(overrides: Partial<LogStream> = {}): LogStream {
  streamSeq += 1;
  return {
    log_stream_id: `stream-${streamSeq}`,
    log_stream_name: `stream-${streamSeq}`,
    ttl_in_days: null,
    creation_time: FIXED_NOW - 30 * 86_400_000,
    tag: {},
    line_count: 1_000,
    latest_time: FIXED_NOW - 60_000,
    ...overrides,
  };
}

let groupSeq = 0;
export function makeLogGroup(overrides: Partial<LogGroup> = {}): LogGroup {
  groupSeq += 1;
  const log_streams = overrides.log_streams ?? [makeLogStream()];
  return {
    log_group_id: `group-${groupSeq}`,
    log_group_name: `group-${groupSeq}`,
    ttl_in_days: 30,
    creation_time: FIXED_NOW - 90 * 86_400_000,
    tag: {},
    line_count: log_streams.reduce((sum, stream) => sum + (stream.line_count ?? 0), 0),
    ...overrides,
    log_streams,
  };
}

/** A small, realistic set: hosts' system logs and a web tier, with one stream overriding retention. */
export function makeLogGroupList(): LogGroupList {
  return {
    log_groups: [
      makeLogGroup({
        log_group_id: 'a1f0c2d4-0001',
        log_group_name: 'ecs-linux-hosts',
        ttl_in_days: 30,
        tag: { env: 'prod' },
        log_streams: [
          makeLogStream({ log_stream_id: 'b7e1-0001', log_stream_name: 'sshd', line_count: 655_147, latest_time: FIXED_NOW - 42_000 }),
          makeLogStream({
            log_stream_id: 'b7e1-0002',
            log_stream_name: 'syslog',
            ttl_in_days: 7,
            line_count: 412_004,
            latest_time: FIXED_NOW - 5 * 60_000,
          }),
        ],
      }),
      makeLogGroup({
        log_group_id: 'a1f0c2d4-0002',
        log_group_name: 'web-tier',
        ttl_in_days: 90,
        log_streams: [
          makeLogStream({ log_stream_id: 'b7e1-0003', log_stream_name: 'apache-access', line_count: 217_160, latest_time: FIXED_NOW - 3_600_000 }),
          makeLogStream({ log_stream_id: 'b7e1-0004', log_stream_name: 'apache-error', line_count: 0, latest_time: null }),
        ],
      }),
    ],
  };
}
