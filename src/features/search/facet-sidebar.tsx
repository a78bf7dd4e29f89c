import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from '../../components/error-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import type { LogFacets } from '../../contract/schemas/log-search.ts';
import type { TimeZoneMode } from '../../lib/format.ts';
import { FacetGroup, type FacetAction } from './facet-group.tsx';
import type { FilterMode } from './query-filters.ts';
import { facetsNote } from './status.ts';
import './facets.css';

export interface FacetSidebarProps {
  facets: UseQueryResult<LogFacets>;
  /** False while there is nothing to count (a query that does not parse). */
  enabled: boolean;
  zone: TimeZoneMode;
  modeOf: (field: string, value: string, group: string | undefined) => FilterMode | null;
  onAction: (field: string, value: string, group: string | undefined, action: FacetAction) => void;
}

const ORDER = ['level', 'stream', 'hostName', 'appName'];

function rank(field: string): number {
  const index = ORDER.indexOf(field);
  return index < 0 ? ORDER.length : index;
}

/** Top values of the main fields over the matching lines; each one narrows or widens the search. */
export function FacetSidebar({ facets, enabled, zone, modeOf, onAction }: FacetSidebarProps) {
  let body;
  if (!enabled) body = <p className="facets__note">Counts appear once the query runs.</p>;
  else if (facets.isPending) body = <LoadingState label="Counting values…" />;
  else if (facets.isError) body = <ErrorState title="Could not count values" error={facets.error} onRetry={() => void facets.refetch()} />;
  else if (facets.data.lines === 0) body = <p className="facets__note">No matching lines to count.</p>;
  else {
    const sorted = [...facets.data.facets].sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));
    // Fields no counted line has are named once, not given a heading each.
    const absent = sorted.filter((facet) => facet.values.length === 0).map((facet) => facet.field);
    body = (
      <>
        <p className="facets__note">{facetsNote(facets.data, zone)}</p>
        {sorted
          .filter((facet) => facet.values.length > 0)
          .map((facet) => (
            <FacetGroup
              key={facet.field}
              facet={facet}
              lines={facets.data.lines}
              modeOf={(value, group) => modeOf(facet.field, value, group)}
              onAction={(value, group, action) => onAction(facet.field, value, group, action)}
            />
          ))}
        {absent.length > 0 && <p className="facets__note">Not on these lines: {absent.join(', ')}</p>}
      </>
    );
  }
  return (
    <aside className={`facets${facets.isPlaceholderData ? ' facets--updating' : ''}`} aria-label="Field values" aria-busy={facets.isFetching}>
      <h2 className="facets__title">Field values</h2>
      {body}
    </aside>
  );
}
