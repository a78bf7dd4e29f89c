import { useId, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { LOG_EXPORT_LIMITS, type ExportFormat } from '../../contract/schemas/log-export.ts';
import { formatCount } from '../../lib/format.ts';
import type { SearchScope } from './api.ts';
import { fetchExport, saveFile, type ExportTruncation } from './export-file.ts';
import { usePopover } from '../../components/use-popover.ts';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; bytes: number }
  | { kind: 'done'; filename: string; bytes: number; truncated: ExportTruncation | null }
  | { kind: 'failed'; message: string };

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${formatCount(Math.ceil(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function truncationText(truncated: ExportTruncation): string {
  return truncated.kind === 'row_cap'
    ? `The row cap of ${formatCount(truncated.rowCap)} lines was reached: the file holds the newest ${formatCount(truncated.rowCap)} matches. Narrow the query or the time range to export the rest.`
    : `The export stopped after its time limit of ${formatCount(truncated.seconds)} s: the file holds the newest matches only.`;
}

export interface ExportMenuProps {
  /** The search as it ran, over its frozen window; null while nothing can be searched. */
  scope: SearchScope | null;
  rangeLabel: string;
}

/** Downloads the matching lines of the frozen window as CSV or NDJSON, and says when a bound cut the file short. */
export function ExportMenu({ scope, rangeLabel }: ExportMenuProps) {
  const { open, setOpen, rootRef, buttonRef, onPanelKeyDown } = usePopover();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [rowCap, setRowCap] = useState<number>(LOG_EXPORT_LIMITS.defaultRowCap);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);
  const panelId = useId();
  const capValid = Number.isInteger(rowCap) && rowCap >= 1 && rowCap <= LOG_EXPORT_LIMITS.maxRowCap;

  const start = async () => {
    if (!scope || !capValid) return;
    const controller = new AbortController();
    running.current = controller;
    setStatus({ kind: 'running', bytes: 0 });
    try {
      const file = await fetchExport(scope, format, rowCap, controller.signal, (bytes) => setStatus({ kind: 'running', bytes }));
      saveFile(file);
      setStatus({ kind: 'done', filename: file.filename, bytes: file.bytes, truncated: file.truncated });
    } catch (error) {
      setStatus(controller.signal.aborted ? { kind: 'idle' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      running.current = null;
    }
  };

  return (
    <div className="search-tool" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        disabled={scope === null}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div id={panelId} className="search-tool__panel" role="dialog" aria-label="Export matching lines" onKeyDown={onPanelKeyDown}>
          <p className="search-tool__note">
            Exports the lines matching the current query over <strong>{rangeLabel}</strong>, newest first. A relative range is fixed when the search ran.
          </p>
          <fieldset className="search-tool__row">
            <legend>Format</legend>
            {(['csv', 'ndjson'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name={`${panelId}-format`} checked={format === value} onChange={() => setFormat(value)} /> {value.toUpperCase()}
              </label>
            ))}
          </fieldset>
          <label className="search-tool__row">
            Row cap
            <input
              type="number"
              className="filter-input"
              min={1}
              max={LOG_EXPORT_LIMITS.maxRowCap}
              value={Number.isNaN(rowCap) ? '' : rowCap}
              aria-invalid={!capValid}
              onChange={(event) => setRowCap(event.target.valueAsNumber)}
            />
          </label>
          {!capValid && <p className="search-tool__error">The row cap is a whole number from 1 to {formatCount(LOG_EXPORT_LIMITS.maxRowCap)}.</p>}
          <div className="search-tool__actions">
            {status.kind === 'running' ? (
              <>
                <span role="status">Downloading… {size(status.bytes)}</span>
                <Button onClick={() => running.current?.abort()}>Cancel</Button>
              </>
            ) : (
              <Button variant="primary" disabled={!capValid || scope === null} onClick={() => void start()}>
                Download {format.toUpperCase()}
              </Button>
            )}
          </div>
          {status.kind === 'done' && (
            <div role="status" className={status.truncated ? 'search-tool__warning' : 'search-tool__note'}>
              Saved {status.filename} ({size(status.bytes)}). {status.truncated ? truncationText(status.truncated) : 'Every matching line is in the file.'}
            </div>
          )}
          {status.kind === 'failed' && (
            <p role="alert" className="search-tool__error">
              The export failed: {status.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
