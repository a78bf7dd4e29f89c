import { memo } from 'react';
import type { LogLine } from '../../contract/schemas/log-search.ts';
import { formatDateTime, pad, type TimeZoneMode } from '../../lib/format.ts';
import { LineContent } from './line-content.tsx';
import { LineDetail, type LineDetailProps } from './line-detail.tsx';
import { formatBytes, utf8Length } from './line-text.ts';
import { levelTone } from './levels.ts';
import './results.css';

/** What an open row can do; one object for all rows, so unchanged rows skip re-rendering. */
export type LineActions = Omit<LineDetailProps, 'line' | 'zone' | 'onContext' | 'linkToLine'> & {
  onToggle: (line: LogLine) => void;
  onContext: (line: LogLine) => void;
  linkToLine: (line: LogLine) => string;
};

export interface ResultRowProps {
  line: LogLine;
  /** The keyboard cursor is on this row. */
  selected: boolean;
  open: boolean;
  zone: TimeZoneMode;
  actions: LineActions;
}

/** A one-line row shows this much; the rest is off to the right anyway and the open row shows all. */
const ROW_CHARS = 600;
/** Lines beyond this size say so in the row, so a huge line is never mistaken for a short one. */
const BIG_LINE = 10_000;

export function rowElementId(lineId: string): string {
  return `line-${lineId}`;
}

function timeText(time: number, zone: TimeZoneMode): string {
  return `${formatDateTime(time, zone)}.${pad(time % 1000, 3)}`;
}

/** One result: time, level, stream and the highlighted message on one line; the details when open. */
export const ResultRow = memo(function ResultRow({ line, selected, open, zone, actions }: ResultRowProps) {
  const level = line.labels.level;
  const classes = ['result-row', selected ? 'result-row--selected' : '', open ? 'result-row--open' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} aria-current={selected ? 'true' : undefined}>
      <button type="button" id={rowElementId(line.id)} className="result-row__head" aria-expanded={open} onClick={() => actions.onToggle(line)}>
        <span className="result-row__chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <time className="result-row__time numeric" dateTime={new Date(line.time).toISOString()}>
          {timeText(line.time, zone)}
        </time>
        <span className={`result-row__level level level--${levelTone(level)}`}>{level === undefined ? '' : <LineContent content={level} limit={16} />}</span>
        <span className="result-row__stream" title={`${line.group}/${line.stream}`}>
          {line.stream}
        </span>
        <span className="result-row__message">
          {line.content.length > BIG_LINE && <span className="size-tag">{formatBytes(utf8Length(line.content))}</span>}
          <LineContent content={line.content} highlights={line.highlights} limit={ROW_CHARS} />
        </span>
      </button>
      {open && (
        <LineDetail
          line={line}
          zone={zone}
          filterMode={actions.filterMode}
          onFilter={actions.onFilter}
          onStreamFilter={actions.onStreamFilter}
          onContext={() => actions.onContext(line)}
          linkToLine={() => actions.linkToLine(line)}
        />
      )}
    </div>
  );
});
