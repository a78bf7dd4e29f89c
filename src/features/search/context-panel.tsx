import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { LOG_SEARCH_LIMITS, type LogContext } from '../../contract/schemas/log-search.ts';
import { formatDateTime, pad, type TimeZoneMode } from '../../lib/format.ts';
import { CONTEXT_STEP, searchQueries } from './api.ts';
import { LineContent } from './line-content.tsx';
import { levelTone } from './levels.ts';

export interface ContextPanelProps {
  lineId: string;
  zone: TimeZoneMode;
  onClose: () => void;
}

type ContextLine = LogContext['line'];

function ContextRow({ line, current, zone }: { line: ContextLine; current: boolean; zone: TimeZoneMode }) {
  const level = line.labels.level;
  return (
    <li className={`context__line${current ? ' context__line--current' : ''}`} aria-current={current ? 'true' : undefined}>
      <time className="numeric context__time" dateTime={new Date(line.time).toISOString()}>
        {formatDateTime(line.time, zone).slice(11)}.{pad(line.time % 1000, 3)}
      </time>
      <span className={`level level--${levelTone(level)}`}>{level === undefined ? '' : <LineContent content={level} limit={16} />}</span>
      <span className="context__text">
        <LineContent content={line.content} limit={4_000} multiline />
      </span>
    </li>
  );
}

/** The lines just before and after one line in its stream, with that line marked. */
export function ContextPanel({ lineId, zone, onClose }: ContextPanelProps) {
  const [before, setBefore] = useState<number>(CONTEXT_STEP);
  const [after, setAfter] = useState<number>(CONTEXT_STEP);
  const context = useQuery(searchQueries.context(lineId, before, after));
  // Older data of another line must not pose as this line's context.
  const data = context.data?.line.id === lineId ? context.data : undefined;
  const panelRef = useRef<HTMLElement>(null);
  const currentRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    // Focus moves into the panel and, when it closes, back to where the analyst was (the line).
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panelRef.current?.focus();
    return () => previous?.focus({ preventScroll: true });
  }, [lineId]);
  const loaded = data !== undefined;
  useEffect(() => {
    if (loaded) currentRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'center' });
  }, [loaded, lineId]);

  const max = LOG_SEARCH_LIMITS.maxContextLines;
  return (
    <aside className="context" aria-label="Line in context" ref={panelRef} tabIndex={-1}>
      <header className="context__header">
        <h2 className="context__title">Context</h2>
        {data && <span className="context__where mono">{`${data.line.group}/${data.line.stream}`}</span>}
        <Button variant="ghost" className="context__close" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </Button>
      </header>
      {!data && context.isPending ? (
        <LoadingState label="Loading the lines around it…" />
      ) : !data && context.isError ? (
        <ErrorState title="Could not load the context" error={context.error} onRetry={() => void context.refetch()} />
      ) : data ? (
        <div className="context__body">
          {data.moreBefore ? (
            <Button disabled={before >= max || context.isFetching} onClick={() => setBefore(Math.min(max, before + CONTEXT_STEP))}>
              {before >= max ? `Earlier lines (showing the maximum of ${max})` : 'Show earlier lines'}
            </Button>
          ) : (
            <p className="context__edge">Start of the stream</p>
          )}
          <ol className="context__lines" ref={currentRef}>
            {data.before.map((line) => (
              <ContextRow key={line.id} line={line} current={false} zone={zone} />
            ))}
            <ContextRow line={data.line} current zone={zone} />
            {data.after.map((line) => (
              <ContextRow key={line.id} line={line} current={false} zone={zone} />
            ))}
          </ol>
          {data.moreAfter ? (
            <Button disabled={after >= max || context.isFetching} onClick={() => setAfter(Math.min(max, after + CONTEXT_STEP))}>
              {after >= max ? `Later lines (showing the maximum of ${max})` : 'Show later lines'}
            </Button>
          ) : (
            <p className="context__edge">End of the stream</p>
          )}
        </div>
      ) : null}
    </aside>
  );
}
