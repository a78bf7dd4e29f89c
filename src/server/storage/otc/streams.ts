/**
 * Log groups and streams across regions. Each region has its own group and stream ids, so Vigil
 * names them region-independently: a group's id is its name and a stream's id is
 * `group/stream` (LTS names cannot contain '/'). Every call resolves those to the serving
 * region's ids.
 */
import type { LogGroup } from '../../../contract/index.ts';
import { OtcError } from './errors.ts';
import type { RegionClient, RemoteGroup } from './region-client.ts';

export interface ScopedStream {
  /** Vigil's id: `group/stream`. */
  id: string;
  groupName: string;
  streamName: string;
  /** Ids in the region at hand. */
  groupId: string;
  streamId: string;
}

export const streamKey = (group: string, stream: string) => `${group}/${stream}`;

/** Known line count of a stream (stream-counts.ts), or null when LTS has not told. */
export type CountOf = (group: string, stream: string) => { lines: number; latestTime: number | null; countedAt: number } | null;

export function toLogGroups(groups: readonly RemoteGroup[], countOf: CountOf = () => null): LogGroup[] {
  return [...groups]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((g) => {
      const streams = [...g.streams]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => {
          const count = countOf(g.name, s.name);
          return {
            log_stream_id: streamKey(g.name, s.name),
            log_stream_name: s.name,
            ttl_in_days: s.ttlInDays,
            creation_time: s.creationTime,
            tag: s.tags,
            // LTS lists streams without sizes: null until a count query answered.
            line_count: count?.lines ?? null,
            latest_time: count?.latestTime ?? null,
            ...(count ? { counted_at: count.countedAt } : {}),
          };
        });
      return {
        log_group_id: g.name,
        log_group_name: g.name,
        ttl_in_days: Math.min(365, Math.max(1, g.ttlInDays)),
        creation_time: g.creationTime,
        tag: g.tags,
        line_count: streams.some((s) => s.line_count === null) ? null : streams.reduce((sum, s) => sum + (s.line_count ?? 0), 0),
        log_streams: streams,
      };
    });
}

/** The streams to search in this region, sorted by Vigil id (stable order for merging). */
export async function resolveStreams(client: RegionClient, ids: readonly string[] | null): Promise<ScopedStream[]> {
  const groups = await client.listGroups();
  const all: ScopedStream[] = groups.flatMap((g) =>
    g.streams.map((s) => ({ id: streamKey(g.name, s.name), groupName: g.name, streamName: s.name, groupId: g.id, streamId: s.id })),
  );
  all.sort((a, b) => (a.id < b.id ? -1 : 1));
  if (ids === null) return all;
  const wanted = new Set(ids);
  const found = all.filter((s) => wanted.has(s.id));
  if (found.length < wanted.size) {
    const missing = [...wanted].filter((id) => !found.some((s) => s.id === id));
    throw new OtcError({ kind: 'client', region: client.name, message: `streams not in ${client.name}: ${missing.join(', ')}` });
  }
  return found;
}
