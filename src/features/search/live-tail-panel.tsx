import { useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { formatCount, formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { MAX_TAIL_LINES, type LiveTail } from './use-live-tail.ts';

/** Within this many pixels of the bottom counts as "at the newest line". */
const BOTTOM_SLACK = 8;

function statusText(tail: LiveTail): string {
  switch (tail.status.kind) {
    case 'off':
      return 'Live tail is off.';
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return `Live: ${formatCount(tail.received)} new ${tail.received === 1 ? 'line' : 'lines'} since the tail started.`;
    case 'reconnecting':
      return `Reconnecting (${tail.status.message}); no line is lost, the tail resumes after the last one received.`;
    case 'refused':
      return `Live tail refused: ${tail.status.message}`;
  }
}

function formatPace(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 6_000) / 10} min`;
}

/** A refused poll, said plainly: which streams, when the tail tries again, and that nothing is skipped. */
function throttledText(throttled: NonNullable<LiveTail['throttled']>, zone: TimeZoneMode): string {
  const { streams } = throttled;
  const names = `${streams.slice(0, 3).join(', ')}${streams.length > 3 ? ', …' : ''}`;
  const count = streams.length === 1 ? '1 stream' : `${formatCount(streams.length)} streams`;
  const at = formatDateTime(throttled.retryAt, zone).slice(-8);
  return `Throttled: the store's read quota refused ${count} (${names}). The tail reads the same lines again at ${at}${zone === 'utc' ? ' UTC' : ''}; none is skipped.`;
}

/** New lines as they arrive, newest at the bottom; scrolling up pauses following until the analyst jumps back. */
export function LiveTailPanel({ tail, zone }: { tail: LiveTail; zone: TimeZoneMode }) {
  const listRef = useRef<HTMLOListElement>(null);
  const [pausedAt, setPausedAt] = useState<number | null>(null);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && pausedAt === null) list.scrollTop = list.scrollHeight;
  }, [tail.lines, pausedAt]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK;
    if (atBottom) setPausedAt(null);
    else if (pausedAt === null) setPausedAt(tail.received);
  };

  return (
    <section className="live-tail" aria-label="Live tail">
      <div className="live-tail__bar">
        <span role={tail.status.kind === 'refused' ? 'alert' : 'status'} className={tail.status.kind === 'refused' ? 'search-tool__error' : undefined}>
          {statusText(tail)}
        </span>
        {tail.dropped > 0 && <span className="muted">Showing the newest {formatCount(MAX_TAIL_LINES)}; {formatCount(tail.dropped)} older dropped from view.</span>}
        {tail.notice && <span className="muted">{tail.notice}</span>}
        {tail.throttled ? (
          <span className="live-tail__throttled" role="status" data-testid="tail-throttled">
            {throttledText(tail.throttled, zone)}
          </span>
        ) : (
          tail.pace && (
            <span className="muted" data-testid="tail-pace">
              Every {formatPace(tail.pace.pollMs)}: {tail.pace.reason}.
            </span>
          )
        )}
        {tail.lines.length === 0 && tail.status.kind === 'live' && <span className="muted">Waiting for new lines that match the query…</span>}
        {pausedAt !== null && (
          <Button variant="primary" onClick={() => setPausedAt(null)}>
            Paused · {formatCount(tail.received - pausedAt)} new · jump to newest
          </Button>
        )}
      </div>
      <ol ref={listRef} className="live-tail__lines" aria-label="Live lines" onScroll={onScroll}>
        {tail.lines.map((line) => (
          <li key={line.id} className="live-tail__line mono">
            <span className="muted">{formatDateTime(line.time, zone)}</span> <span>{`${line.group}/${line.stream}`}</span> <span>{line.content}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
