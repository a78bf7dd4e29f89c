/** Fetching stored lines by line_num (reader worker): the row shape search results build on. */
import type { LogLabels } from '../../ports.ts';
import { idOfLineNum, lineNumOf } from '../line-id.ts';
import type { Database } from '../sqlite.ts';

export interface StoredLine {
  line_num: string;
  time: number;
  log_stream_id: string;
  content: string;
  labels: LogLabels;
}

interface Row {
  id: number;
  ts: number;
  stream_id: string;
  level: string | null;
  host_name: string | null;
  host_ip: string | null;
  app_name: string | null;
  labels: string | null;
  content: string;
}

const MAX_LINES = 5_000;

/** Puts the labels stored as columns back next to the ones stored as JSON. */
export function labelsOf(row: Pick<Row, 'level' | 'host_name' | 'host_ip' | 'app_name' | 'labels'>): LogLabels {
  const labels: LogLabels = row.labels === null ? {} : (JSON.parse(row.labels) as LogLabels);
  if (row.level !== null) labels.level = row.level;
  if (row.host_name !== null) labels.hostName = row.host_name;
  if (row.host_ip !== null) labels.hostIP = row.host_ip;
  if (row.app_name !== null) labels.appName = row.app_name;
  return labels;
}

export function createLineQueries(db: Database) {
  const byId = db.prepare(`
    SELECT l.id, l.ts, s.id AS stream_id, l.level, l.host_name, l.host_ip, l.app_name, l.labels, l.content
      FROM logs l JOIN log_streams s ON s.sid = l.stream
     WHERE l.id = ?`);
  return {
    /** The lines with these line_nums, in the order asked; unknown ones are left out. */
    linesByNum(lineNums: readonly string[]): StoredLine[] {
      if (!Array.isArray(lineNums) || lineNums.length > MAX_LINES) throw new Error(`lineNums must be an array of at most ${MAX_LINES}`);
      const lines: StoredLine[] = [];
      for (const lineNum of lineNums) {
        const row = byId.get(BigInt(idOfLineNum(lineNum))) as Row | undefined;
        if (!row) continue;
        lines.push({ line_num: lineNumOf(row.id), time: row.ts, log_stream_id: row.stream_id, content: row.content, labels: labelsOf(row) });
      }
      return lines;
    },
  };
}
