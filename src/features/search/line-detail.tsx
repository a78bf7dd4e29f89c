import { useMemo } from 'react';
import { Button } from '../../components/button.tsx';
import type { LogLine } from '../../contract/schemas/log-search.ts';
import { formatDateTime, type TimeZoneMode } from '../../lib/format.ts';
import { CopyButton } from './copy-button.tsx';
import { FullLineText } from './full-line-text.tsx';
import { LineContent } from './line-content.tsx';
import { prettyJson } from './line-json.ts';
import { shortText } from './line-text.ts';
import type { FilterMode } from './query-filters.ts';
import { streamRef } from './streams.ts';

export interface LineDetailProps {
  line: LogLine;
  zone: TimeZoneMode;
  /** Whether the query already includes or excludes a label value. */
  filterMode: (field: string, value: string) => FilterMode | null;
  onFilter: (field: string, value: string, mode: FilterMode) => void;
  onStreamFilter: (ref: string, mode: FilterMode) => void;
  onContext: () => void;
  /** A link to this line that opens the same view for someone else. */
  linkToLine: () => string;
}

/** Labels that can be written as `name:value` in the query language. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const FIRST_LABELS = ['level', 'hostName', 'hostIP', 'appName', 'pathFile'];
/** Label values are short in practice; a hostile one is cut visibly, never laid out in full. */
const LABEL_LIMIT = 2_000;

function labelOrder([a]: [string, string], [b]: [string, string]): number {
  const rank = (name: string) => (FIRST_LABELS.includes(name) ? FIRST_LABELS.indexOf(name) : FIRST_LABELS.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

interface FilterButtonsProps {
  name: string;
  value: string;
  mode: FilterMode | null;
  onFilter: (mode: FilterMode) => void;
}

function FilterButtons({ name, value, mode, onFilter }: FilterButtonsProps) {
  const shown = `${shortText(name)}: ${shortText(value)}`;
  return (
    <span className="filter-buttons">
      <button type="button" className="icon-button" aria-pressed={mode === 'include'} aria-label={`Filter on ${shown}`} title="Filter on this value" onClick={() => onFilter('include')}>
        +
      </button>
      <button type="button" className="icon-button" aria-pressed={mode === 'exclude'} aria-label={`Exclude ${shown}`} title="Exclude this value" onClick={() => onFilter('exclude')}>
        −
      </button>
    </span>
  );
}

/** An expanded line: the whole message, its JSON pretty-printed, every label, and what to do next. */
export function LineDetail({ line, zone, filterMode, onFilter, onStreamFilter, onContext, linkToLine }: LineDetailProps) {
  const json = useMemo(() => prettyJson(line.content), [line.content]);
  const labels = Object.entries(line.labels).sort(labelOrder);
  const ref = streamRef(line.group, line.stream);
  return (
    <div className="line-detail">
      <div className="line-detail__actions">
        <Button onClick={onContext} aria-keyshortcuts="c">
          Show context
        </Button>
        <CopyButton text={() => line.content}>Copy line</CopyButton>
        <CopyButton text={linkToLine}>Copy link</CopyButton>
      </div>
      <FullLineText content={line.content} highlights={line.highlights} label="Message" />
      {json && (
        <section className="line-detail__json" aria-label="JSON">
          <h4 className="line-detail__heading">JSON{json.prefix ? ' after the prefix' : ''}</h4>
          <pre className="full-line__text">
            <LineContent content={json.pretty} multiline />
          </pre>
        </section>
      )}
      <table className="line-detail__labels">
        <caption className="visually-hidden">Labels of the line</caption>
        <tbody>
          <tr>
            <th scope="row">time</th>
            <td className="numeric">
              {formatDateTime(line.time, zone)}
              {zone === 'utc' ? ' UTC' : ''} <span className="muted">· {new Date(line.time).toISOString()}</span>
            </td>
            <td />
          </tr>
          <tr>
            <th scope="row">stream</th>
            <td>
              <LineContent content={ref} />
            </td>
            <td>
              <FilterButtons name="stream" value={ref} mode={null} onFilter={(mode) => onStreamFilter(ref, mode)} />
            </td>
          </tr>
          {labels.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">
                <LineContent content={name} limit={LABEL_LIMIT} />
              </th>
              <td>
                <LineContent content={value} limit={LABEL_LIMIT} />
                {value.length > LABEL_LIMIT && <span className="muted"> … (first {LABEL_LIMIT} characters)</span>}
              </td>
              <td>
                {FIELD_NAME.test(name) && value !== '' && (
                  <FilterButtons name={name} value={value} mode={filterMode(name, value)} onFilter={(mode) => onFilter(name, value, mode)} />
                )}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">line id</th>
            <td className="numeric">{line.id}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
