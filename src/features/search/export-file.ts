import { endpoints } from '../../contract/endpoints.ts';
import type { ExportFormat } from '../../contract/schemas/log-export.ts';
import { openStream } from '../../lib/api-stream.ts';
import type { SearchScope } from './api.ts';

/** The bound that stopped an export, as the file's last row states it. */
export type ExportTruncation = { kind: 'row_cap'; rowCap: number } | { kind: 'time_limit'; seconds: number };

export interface ExportedFile {
  blob: Blob;
  filename: string;
  bytes: number;
  truncated: ExportTruncation | null;
}

/** Reads the truncation marker the server writes as the file's last row, if there is one. */
export function truncationOf(tail: string, format: ExportFormat): ExportTruncation | null {
  const last = tail.replace(/\r?\n$/, '').split(/\r?\n/).at(-1) ?? '';
  if (format === 'csv') {
    const cap = /^# truncated: row cap (\d+) reached$/.exec(last);
    if (cap) return { kind: 'row_cap', rowCap: Number(cap[1]) };
    const time = /^# truncated: time limit (\d+) s reached$/.exec(last);
    return time ? { kind: 'time_limit', seconds: Number(time[1]) } : null;
  }
  try {
    const marker = JSON.parse(last) as { truncated?: unknown; rowCap?: unknown; timeLimitSeconds?: unknown };
    if (marker.truncated !== true) return null;
    if (typeof marker.rowCap === 'number') return { kind: 'row_cap', rowCap: marker.rowCap };
    if (typeof marker.timeLimitSeconds === 'number') return { kind: 'time_limit', seconds: marker.timeLimitSeconds };
  } catch {
    // A line of data, not a marker.
  }
  return null;
}

function filenameOf(disposition: string | null, format: ExportFormat): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? `vigil-logs.${format}`;
}

/** Downloads an export of the frozen window as it streams in; `onBytes` reports progress. */
export async function fetchExport(
  scope: SearchScope,
  format: ExportFormat,
  rowCap: number,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<ExportedFile> {
  const response = await openStream(
    endpoints.exportLogs,
    {
      query: {
        q: scope.q,
        from: scope.from,
        to: scope.to,
        format,
        limit: rowCap,
        ...(scope.group?.length ? { group: scope.group } : {}),
        ...(scope.stream?.length ? { stream: scope.stream } : {}),
      },
    },
    { signal },
  );
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    onBytes(bytes);
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
  const tail = await blob.slice(Math.max(0, blob.size - 200)).text();
  return { blob, filename: filenameOf(response.headers.get('content-disposition'), format), bytes, truncated: truncationOf(tail, format) };
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
