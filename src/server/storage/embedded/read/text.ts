/** Full-text lookups on the FTS5 index (reader worker). */
import { lineNumOf } from '../line-id.ts';
import type { Database } from '../sqlite.ts';

const MAX_LIMIT = 10_000;

export function createTextQueries(db: Database) {
  const match = db.prepare('SELECT rowid AS id FROM logs_fts WHERE logs_fts MATCH ? ORDER BY rowid DESC LIMIT ?');
  return {
    /** line_nums of lines matching an FTS5 expression, newest first. */
    matchLineNums(expression: string, limit = 1_000): string[] {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Error(`limit must be 1..${MAX_LIMIT}`);
      const rows = match.all(String(expression), BigInt(limit)) as { id: number }[];
      return rows.map((row) => lineNumOf(row.id));
    },
  };
}
