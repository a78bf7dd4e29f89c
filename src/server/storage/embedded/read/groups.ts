/** Log groups with their streams and counters (reader worker). */
import type { LogGroup } from '../../../../contract/schemas/log-groups.ts';
import type { Database } from '../sqlite.ts';

interface Row {
  g_id: string;
  g_name: string;
  g_ttl: number;
  g_tags: string;
  g_created: number;
  s_id: string | null;
  s_name: string | null;
  s_ttl: number | null;
  s_tags: string | null;
  s_created: number | null;
  line_count: number | null;
  latest_time: number | null;
}

export function createGroupQueries(db: Database) {
  const all = db.prepare(`
    SELECT g.id AS g_id, g.name AS g_name, g.ttl_in_days AS g_ttl, g.tags AS g_tags, g.creation_time AS g_created,
           s.id AS s_id, s.name AS s_name, s.ttl_in_days AS s_ttl, s.tags AS s_tags, s.creation_time AS s_created,
           s.line_count, s.latest_time
      FROM log_groups g LEFT JOIN log_streams s ON s.group_id = g.id
     ORDER BY g.name, s.name`);

  return {
    /** Every group, ordered by name, streams ordered by name; line counts are kept counters. */
    listGroups(): LogGroup[] {
      const groups: LogGroup[] = [];
      let current: LogGroup | undefined;
      for (const row of all.all() as unknown as Row[]) {
        if (current?.log_group_id !== row.g_id) {
          current = {
            log_group_id: row.g_id,
            log_group_name: row.g_name,
            ttl_in_days: row.g_ttl,
            creation_time: row.g_created,
            tag: JSON.parse(row.g_tags) as Record<string, string>,
            line_count: 0,
            log_streams: [],
          };
          groups.push(current);
        }
        if (row.s_id === null) continue;
        const lineCount = row.line_count ?? 0;
        current.line_count = (current.line_count ?? 0) + lineCount;
        current.log_streams.push({
          log_stream_id: row.s_id,
          log_stream_name: row.s_name!,
          ttl_in_days: row.s_ttl,
          creation_time: row.s_created!,
          tag: JSON.parse(row.s_tags!) as Record<string, string>,
          line_count: lineCount,
          latest_time: row.latest_time,
        });
      }
      return groups;
    },
  };
}
