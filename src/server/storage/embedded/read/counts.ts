/** Store totals from kept counters: constant cost however many lines are stored (reader worker). */
import type { StoreCounts } from '../../ports.ts';
import type { Database } from '../sqlite.ts';

export function createCountQueries(db: Database) {
  // One row per stream, not per line: cheap at any data size.
  const totals = db.prepare(`
    SELECT (SELECT coalesce(sum(line_count), 0) FROM log_streams) AS lines,
           (SELECT n FROM counters WHERE name = 'traces') AS traces`);
  return {
    counts(): StoreCounts {
      const row = totals.get() as { lines: number; traces: number };
      return { lines: row.lines, traces: row.traces };
    },
  };
}
