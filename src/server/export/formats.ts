/** How an export writes lines and its closing marker, per format. */
import type { ExportFormat } from '../../contract/index.ts';
import type { FoundLine } from '../storage/ports.ts';
import { csvRow } from './csv.ts';
import type { ExportStop } from './rows.ts';

export interface ExportWriter {
  contentType: string;
  extension: string;
  header: string;
  rows(lines: readonly FoundLine[]): string;
  /** A last row saying which bound stopped the export: it must be in the file, not only a header. */
  truncated(stop: ExportStop): string;
}

const CSV_COLUMNS = ['time', 'id', 'group', 'stream', 'level', 'hostName', 'appName', 'content', 'labels'];

function stopText(stop: ExportStop): string {
  return stop.kind === 'row_cap' ? `row cap ${stop.rowCap} reached` : `time limit ${stop.seconds} s reached`;
}

const csv: ExportWriter = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  header: csvRow(CSV_COLUMNS),
  rows: (lines) =>
    lines
      .map((line) =>
        csvRow([
          new Date(line.time).toISOString(),
          line.lineNum,
          line.groupName,
          line.streamName,
          line.labels.level ?? '',
          line.labels.hostName ?? '',
          line.labels.appName ?? '',
          line.content,
          JSON.stringify(line.labels),
        ]),
      )
      .join(''),
  // A single cell starting with '#', so a reader may skip it as a comment.
  truncated: (stop) => `# truncated: ${stopText(stop)}\r\n`,
};

const ndjson: ExportWriter = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  header: '',
  rows: (lines) =>
    lines
      .map(
        (line) =>
          `${JSON.stringify({
            time: line.time,
            id: line.lineNum,
            group: line.groupName,
            stream: line.streamName,
            level: line.labels.level ?? '',
            hostName: line.labels.hostName ?? '',
            appName: line.labels.appName ?? '',
            content: line.content,
            labels: line.labels,
          })}\n`,
      )
      .join(''),
  truncated: (stop) =>
    `${JSON.stringify(stop.kind === 'row_cap' ? { truncated: true, rowCap: stop.rowCap } : { truncated: true, timeLimitSeconds: stop.seconds })}\n`,
};

export const EXPORT_WRITERS: Record<ExportFormat, ExportWriter> = { csv, ndjson };
