import type { TraceFacets } from '../../contract/schemas/trace-query.ts';
import { Button } from '../../components/button.tsx';
import { FACET_LABELS, QUICK_FILTER_INFO, toggleValue } from './model.ts';
import { FacetSelect } from './facet-select.tsx';
import { TextFilter } from './text-filter.tsx';
import { FACET_KEYS, QUICK_FILTERS, emptyFilters, hasFilters, type AuditFilters } from './url.ts';
import { VisibleText } from './visible-text.tsx';
import './audit-filters.css';

export interface FilterBarProps {
  filters: AuditFilters;
  /** Facet counts; without them (callers who see masked data) only the quick filters are offered. */
  facets: TraceFacets | undefined | null;
  pending: boolean;
  onChange: (filters: AuditFilters) => void;
}

/** Quick filters, facets with counts, operation or resource text, and the active filters as removable chips. */
export function FilterBar({ filters, facets, pending, onChange }: FilterBarProps) {
  const setFacet = (key: (typeof FACET_KEYS)[number], values: string[]) => onChange({ ...filters, facets: { ...filters.facets, [key]: values } });
  const chips: { key: string; label: string; value: string; remove: () => void }[] = [
    ...FACET_KEYS.flatMap((key) =>
      filters.facets[key].map((value) => ({
        key: `${key}:${value}`,
        label: FACET_LABELS[key].title,
        value,
        remove: () => setFacet(key, filters.facets[key].filter((item) => item !== value)),
      })),
    ),
    ...(filters.resource ? [{ key: 'resource', label: 'Resource', value: filters.resource, remove: () => onChange({ ...filters, resource: '' }) }] : []),
    ...(filters.text ? [{ key: 'text', label: 'Operation or resource', value: filters.text, remove: () => onChange({ ...filters, text: '' }) }] : []),
  ];

  return (
    <div className="audit-filters">
      <div className="audit-filters__quick" role="group" aria-label="Quick filters">
        {QUICK_FILTERS.map((quick) => {
          const info = QUICK_FILTER_INFO[quick];
          const on = filters.quick.includes(quick);
          return (
            <button
              key={quick}
              type="button"
              className="quick-filter"
              aria-pressed={on}
              title={info.description}
              onClick={() => onChange({ ...filters, quick: on ? filters.quick.filter((item) => item !== quick) : [...filters.quick, quick] })}
            >
              {info.label}
            </button>
          );
        })}
      </div>
      {facets !== null && (
      <div className="audit-filters__row">
        {FACET_KEYS.map((key) => (
          <FacetSelect
            key={key}
            title={FACET_LABELS[key].title}
            values={facets?.facets[key].values ?? []}
            distinct={facets?.facets[key].distinct ?? 0}
            selected={filters.facets[key]}
            pending={pending}
            onToggle={(value) => setFacet(key, toggleValue(filters.facets[key], value))}
            onClear={() => setFacet(key, [])}
          />
        ))}
        <TextFilter value={filters.text} onApply={(text) => onChange({ ...filters, text })} />
      </div>
      )}
      {hasFilters(filters) && (
        <div className="audit-filters__active">
          {chips.length > 0 && (
            <ul className="audit-filters__chips" aria-label="Active filters">
              {chips.map((chip) => (
                <li key={chip.key} className="chip">
                  <span className="chip__label">{chip.label}</span>
                  <span className="chip__value">
                    <VisibleText value={chip.value} />
                  </span>
                  <button type="button" className="chip__remove" aria-label={`Remove ${chip.label} ${chip.value}`} onClick={chip.remove}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Button variant="ghost" onClick={() => onChange(emptyFilters())}>
            Clear all filters
          </Button>
        </div>
      )}
    </div>
  );
}
