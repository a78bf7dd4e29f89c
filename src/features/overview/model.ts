import type { LogGroup } from '../../contract/schemas/log-groups.ts';

/**
 * Groups whose name matches keep all their streams; otherwise a group stays with only the
 * streams whose name matches. Case-insensitive, because LTS names mix cases freely.
 */
export function filterLogGroups(groups: readonly LogGroup[], filter: string): LogGroup[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return [...groups];
  const result: LogGroup[] = [];
  for (const group of groups) {
    if (group.log_group_name.toLowerCase().includes(needle)) {
      result.push(group);
      continue;
    }
    const streams = group.log_streams.filter((stream) => stream.log_stream_name.toLowerCase().includes(needle));
    if (streams.length > 0) result.push({ ...group, log_streams: streams });
  }
  return result;
}

/** Lines in all groups; null when the store could not count some of them. */
export function totalLines(groups: readonly LogGroup[]): number | null {
  let sum = 0;
  for (const group of groups) {
    if (group.line_count === null) return null;
    sum += group.line_count;
  }
  return sum;
}
