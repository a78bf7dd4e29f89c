import type { MouseEvent } from 'react';
import type { LogFacets } from '../../contract/schemas/log-search.ts';
import { formatCount } from '../../lib/format.ts';
import { LineContent } from './line-content.tsx';
import { shortText } from './line-text.ts';
import { levelTone } from './levels.ts';
import type { FilterMode } from './query-filters.ts';

export type Facet = LogFacets['facets'][number];
export type FacetAction = FilterMode | 'clear';

export interface FacetGroupProps {
  facet: Facet;
  /** Lines the counts are over, for the proportion bars. */
  lines: number;
  modeOf: (value: string, group: string | undefined) => FilterMode | null;
  onAction: (value: string, group: string | undefined, action: FacetAction) => void;
}

const TITLES: Readonly<Record<string, string>> = { level: 'Level', stream: 'Stream', hostName: 'Host', appName: 'App' };

/**
 * One field's top values with counts. Click a value to filter on it (again to drop the filter),
 * Alt-click or the − button to exclude it.
 */
export function FacetGroup({ facet, lines, modeOf, onAction }: FacetGroupProps) {
  const title = TITLES[facet.field] ?? facet.field;
  return (
    <section className="facet" aria-label={`${title} values`}>
      <h3 className="facet__title">
        {title}
        {TITLES[facet.field] && <span className="facet__field mono">{facet.field}</span>}
      </h3>
      {facet.values.length === 0 ? (
        <p className="facet__none">No values in the counted lines.</p>
      ) : (
        <ul className="facet__values">
          {facet.values.map((entry) => {
            const mode = modeOf(entry.value, entry.group);
            const name = shortText(facet.field === 'stream' && entry.group ? `${entry.group}/${entry.value}` : entry.value);
            const share = lines > 0 ? Math.max(1, Math.round((entry.count / lines) * 100)) : 0;
            const include = (event: MouseEvent) => {
              if (event.altKey) onAction(entry.value, entry.group, 'exclude');
              else onAction(entry.value, entry.group, mode === 'include' ? 'clear' : 'include');
            };
            return (
              <li key={`${entry.group ?? ''}/${entry.value}`} className={`facet__value${mode ? ` facet__value--${mode}` : ''}`}>
                <button
                  type="button"
                  className="facet__include"
                  aria-pressed={mode === 'include'}
                  aria-label={`${mode === 'include' ? 'Remove filter' : 'Filter on'} ${facet.field}: ${name} (${formatCount(entry.count)} lines)`}
                  title="Click to filter on this value, Alt-click to exclude it"
                  onClick={include}
                >
                  <span className="facet__bar" style={{ inlineSize: `${share}%` }} aria-hidden="true" />
                  <span className={`facet__name${facet.field === 'level' ? ` level-text level-text--${levelTone(entry.value)}` : ''}`}>
                    {facet.field === 'stream' && entry.group && <span className="muted">{entry.group}/</span>}
                    <LineContent content={entry.value} limit={200} />
                  </span>
                  <span className="facet__count numeric">{formatCount(entry.count)}</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-pressed={mode === 'exclude'}
                  aria-label={`${mode === 'exclude' ? 'Stop excluding' : 'Exclude'} ${facet.field}: ${name}`}
                  title={mode === 'exclude' ? 'Stop excluding this value' : 'Exclude this value'}
                  onClick={() => onAction(entry.value, entry.group, mode === 'exclude' ? 'clear' : 'exclude')}
                >
                  −
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {(facet.other > 0 || facet.missing > 0) && (
        <p className="facet__rest numeric">
          {facet.other > 0 && `${formatCount(facet.other)} in other values`}
          {facet.other > 0 && facet.missing > 0 && ' · '}
          {facet.missing > 0 && `${formatCount(facet.missing)} without ${facet.field}`}
        </p>
      )}
    </section>
  );
}
